import { z } from 'zod';
import {
  CUSTOMER_TIERS,
  type ComplaintCategory,
  type ComplaintLevelName,
  type ComplaintSource,
  type ComplaintStatus,
  type CustomerTier,
  type EscalationLevel,
  PRIORITIES,
} from '../domain/vocabulary';
import { SLA_METRICS, type SlaMetric } from '../sla/slaPolicy';
import { type AtRiskItem, scopeParamSchema, spanSchema } from './slaApi';

/**
 * GET /api/v1/sla/board: the breach desk, one section a request, paged on the server with a cursor.
 * - due: running clocks of open work not yet breached and due within `within`, soonest first;
 * - breached: running clocks of open work breached at now, newest breach first;
 * - followup: running return-visit clocks (work on closed tickets): those due within `within` soonest first,
 *   then the breached newest breach first.
 * Each page carries the section's true total under the same filter.
 */

export const BOARD_SECTIONS = ['due', 'breached', 'followup'] as const;
export type BoardSection = (typeof BOARD_SECTIONS)[number];

/** The clocks of open work, an open complaint's overdue escalation among them; return_visit runs after resolution and is the follow-up section's. */
export const OPEN_WORK_METRICS = ['first_response', 'on_site', 'resolution', 'complaint_response', 'complaint_resolution', 'complaint_escalation'] as const satisfies readonly SlaMetric[];
export const FOLLOW_UP_METRIC = 'return_visit' satisfies SlaMetric;

export const sectionMetrics = (section: BoardSection): readonly SlaMetric[] => (section === 'followup' ? [FOLLOW_UP_METRIC] : OPEN_WORK_METRICS);

/**
 * time: by due instant (coming due soonest first, then breached newest breach first); tier: VIP first, then P1 first, then by time;
 * urgency: what the SLA alert policy makes critical (VIP or 7×24×4 open work by default) first, then the earliest due, so the most overdue.
 */
export const BOARD_ORDERS = ['time', 'tier', 'urgency'] as const;
export type BoardOrder = (typeof BOARD_ORDERS)[number];

export const BOARD_PAGE_MAX = 200;

/** Where the previous page ended: the sort key of its last row. */
const cursorKeySchema = z.tuple([z.number().int(), z.number().int(), z.number().int(), z.string().max(200), z.enum(SLA_METRICS), z.number().int()]);
export type BoardCursorKey = z.output<typeof cursorKeySchema>;

export const encodeBoardCursor = (key: BoardCursorKey): string => btoa(encodeURIComponent(JSON.stringify(key))).replace(/=+$/, '');

const cursorSchema = z
  .string()
  .max(1000)
  .transform((text, context) => {
    try {
      return cursorKeySchema.parse(JSON.parse(decodeURIComponent(atob(text))));
    } catch {
      context.addIssue({ code: 'custom', message: 'must be a nextCursor returned by this endpoint' });
      return z.NEVER;
    }
  });

const flag = z.enum(['true', 'false']).transform((text) => text === 'true');

export const boardQuerySchema = z.strictObject({
  section: z.enum(BOARD_SECTIONS),
  /** network, a region (with every city and center below it) or a center. */
  scope: scopeParamSchema.prefault('network'),
  within: spanSchema.prefault('4h'),
  priority: z.enum(PRIORITIES).optional(),
  tier: z.enum(CUSTOMER_TIERS).optional(),
  metric: z.enum(SLA_METRICS).optional(),
  breachedOnly: flag.prefault('false'),
  order: z.enum(BOARD_ORDERS).default('time'),
  cursor: cursorSchema.optional(),
  limit: z.coerce.number().int().min(1).max(BOARD_PAGE_MAX).default(50),
});
export type BoardQuery = z.output<typeof boardQuerySchema>;

/** The complaint a complaint clock times, so the desk names it (category, level, source) and links to it, never by its id alone. */
export interface BoardComplaint {
  id: string;
  category: ComplaintCategory;
  level: EscalationLevel;
  levelName: ComplaintLevelName;
  source: ComplaintSource;
  status: ComplaintStatus;
}

export interface BoardItem extends AtRiskItem {
  customerName: string;
  customerNameEn: string | null;
  tier: CustomerTier;
  engineerName: string | null;
  /** Null or absent where the engineer has no English name. */
  engineerNameEn?: string | null;
  /** Its breach is (or would be) critical under the SLA alert policy: the alert the wall's banner shows. */
  critical: boolean;
  /** On complaint_response, complaint_resolution and complaint_escalation clocks only. */
  complaint?: BoardComplaint;
}

export interface BoardPage {
  section: BoardSection;
  /** Every clock the section holds under this filter, not only this page's. */
  total: number;
  items: BoardItem[];
  /** Pass back as `cursor` for the next page; null on the last. */
  nextCursor: string | null;
  asOf: string;
}

const HOUR_MS = 3_600_000;

/** Age bands of open complaints, by time since opening. */
export const COMPLAINT_AGE_BANDS = [
  { id: 'under4h', below: 4 * HOUR_MS },
  { id: 'under24h', below: 24 * HOUR_MS },
  { id: 'under48h', below: 48 * HOUR_MS },
  { id: 'older', below: null },
] as const;
export type ComplaintAgeBand = (typeof COMPLAINT_AGE_BANDS)[number]['id'];

export const complaintDeskQuerySchema = z.strictObject({ scope: scopeParamSchema.prefault('network') });

/**
 * GET /api/v1/sla/complaints: every open complaint in scope (not closed, as the catalog's
 * complaints_open), counted by escalation level and by age band; each set sums to `open`.
 */
export interface ComplaintDesk {
  scope: string;
  open: number;
  levels: Record<'1' | '2' | '3', number>;
  ages: Record<ComplaintAgeBand, number>;
  asOf: string;
}
