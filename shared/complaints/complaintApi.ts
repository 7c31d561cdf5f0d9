import { z } from 'zod';
import type { SlaClockView } from '../api/slaApi';
import { scopeParamSchema } from '../api/slaApi';
import { oneOrMany } from '../api/ticketQuery';
import type { CustomerView, ProductView } from '../api/ticketPage';
import type { ComplaintState, TicketState } from '../domain/ticketFold';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_LEVEL_NAMES,
  COMPLAINT_SEVERITIES,
  COMPLAINT_SOURCES,
  COMPLAINT_STATUSES,
  type ComplaintCategory,
  type ComplaintLevelName,
  type ComplaintSource,
  type Contract,
  type CustomerTier,
} from '../domain/vocabulary';

/**
 * The complaint desk's REST contract (/api/v1/complaints…). Reading needs tickets:read or sla:read within
 * the caller's scope; the actions need complaints:handle, and each is ingested as an event with source
 * `ui:<username>` and audited.
 */

export const COMPLAINT_ORDERS = ['oldest', 'newest'] as const;

/** GET /api/v1/complaints. Left out, a filter matches everything; `open=true` is the statuses complaints_open counts. */
export const complaintListQuerySchema = z.strictObject({
  scope: scopeParamSchema.prefault('network'),
  status: oneOrMany(COMPLAINT_STATUSES).optional(),
  open: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
  level: oneOrMany(COMPLAINT_LEVEL_NAMES).optional(),
  category: oneOrMany(COMPLAINT_CATEGORIES).optional(),
  severity: oneOrMany(COMPLAINT_SEVERITIES).optional(),
  source: oneOrMany(COMPLAINT_SOURCES).optional(),
  /** The start of a complaint id, ticket id, or customer name. */
  q: z.string().trim().min(1, 'must not be empty').max(64, 'must be at most 64 characters').optional(),
  /** oldest: by opening time, oldest first (the desk's default); newest: newest first. */
  order: z.enum(COMPLAINT_ORDERS).default('oldest'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(400).optional(),
});
export type ComplaintListQuery = z.output<typeof complaintListQuerySchema>;

/** The complaint's running (or last) clock of each kind; null when no policy times it. */
export interface ComplaintClocks {
  response: SlaClockView | null;
  resolution: SlaClockView | null;
  /** Runs while the complaint sits unresolved at level 1 or 2; its breach is the overdue escalation. */
  escalation: SlaClockView | null;
}

/** A row of the desk: the complaint as folded, with the names a list shows instead of ids. */
export interface ComplaintListRow extends ComplaintState {
  levelName: ComplaintLevelName;
  /** The display name of the user (by username) or engineer (by id) the owner and handler name; null when neither knows them. */
  ownerName: string | null;
  /** The engineer's English name where the holder is an engineer who has one. */
  ownerNameEn?: string | null;
  handlerName: string | null;
  handlerNameEn?: string | null;
  centerId: string;
  centerName: string;
  /** Only where the organisation gave the center an English name. */
  centerNameEn?: string;
  regionId: string;
  customerId: string;
  customerName: string;
  /** Only where the customer has an English name. */
  customerNameEn?: string;
  productModel: string | null;
  clocks: ComplaintClocks;
}

/** One page; `total` is every complaint the filter matches within the caller's reach, on every page. */
export interface ComplaintListAnswer {
  items: ComplaintListRow[];
  nextCursor: string | null;
  total: number;
}

/** GET /api/v1/complaints/summary?scope=: the wall board's figures, over open complaints only. */
export const complaintSummaryQuerySchema = z.strictObject({
  scope: scopeParamSchema.prefault('network'),
  oldest: z.coerce.number().int().min(0).max(50).default(10),
});
export type ComplaintSummaryQuery = z.output<typeof complaintSummaryQuerySchema>;

export interface ComplaintSummary {
  scope: string;
  /** Equals complaints_open for the scope. */
  open: number;
  byLevel: Record<ComplaintLevelName, number>;
  byCategory: Record<ComplaintCategory, number>;
  bySource: Record<ComplaintSource, number>;
  awaitingConfirmation: number;
  /** The oldest open complaints not yet resolved (open or escalated), oldest first. */
  oldestUnresolved: ComplaintListRow[];
  asOf: string;
}

/** One step of a complaint's history, from the events that moved it. */
export interface ComplaintHistoryEntry {
  eventId: string;
  type: 'complaint.opened' | 'complaint.taken' | 'complaint.escalated' | 'complaint.resolved' | 'complaint.confirmed' | 'survey.completed';
  /** UTC epoch ms when it happened. */
  at: number;
  receivedAt: number;
  /** Who reported it: an ingest token's name, `ui:<username>` for an action from the screen, `simulator`… */
  source: string;
  data: Record<string, unknown>;
}

/** GET /api/v1/complaints/:id */
export interface ComplaintDetailAnswer {
  complaint: ComplaintListRow;
  ticket: (TicketState & { source: string }) | null;
  customer: CustomerView | null;
  product: ProductView | null;
  center: { id: string; name: string; nameEn?: string; regionId: string; regionName: string; regionNameEn?: string; timeZone: string } | null;
  /** Oldest first; for a return-visit complaint it starts with the survey that opened it. */
  history: ComplaintHistoryEntry[];
  /** Every clock of the complaint, every cycle (a reopened complaint has a second resolution clock). */
  clocks: SlaClockView[];
}

export const complaintIdSchema = z.string().trim().min(1).max(160);

const note = z.string().trim().max(2000);

/** POST /api/v1/complaints/:id/take — the caller takes it on; the first to do so on an unowned complaint becomes its owner. */
export const takeComplaintSchema = z.strictObject({});
/** POST /api/v1/complaints/:id/escalate — one level up; refused at hq (409 already_at_top). */
export const escalateComplaintSchema = z.strictObject({
  reason: z.string().trim().min(1, 'must say why').max(2000),
  /** Who handles it at the next level; the accountable owner stays. */
  handler: z.string().trim().min(1).max(128).optional(),
});
/** POST /api/v1/complaints/:id/resolve — to awaiting_confirmation. */
export const resolveComplaintSchema = z.strictObject({ resolution: z.string().trim().min(1, 'must say how it was resolved').max(2000) });
/** POST /api/v1/complaints/:id/confirm — the confirmation call's outcome; only while awaiting_confirmation. */
export const confirmComplaintSchema = z.strictObject({ satisfied: z.boolean(), note: note.optional() });

export type EscalateComplaintBody = z.output<typeof escalateComplaintSchema>;
export type ResolveComplaintBody = z.output<typeof resolveComplaintSchema>;
export type ConfirmComplaintBody = z.output<typeof confirmComplaintSchema>;

/** 409 codes an action answers when the complaint's status does not allow it. */
export const COMPLAINT_ACTION_CONFLICTS = ['complaint_closed', 'not_awaiting_confirmation', 'already_resolved', 'already_at_top'] as const;
