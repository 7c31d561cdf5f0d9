import { z } from 'zod';
import {
  CHANNELS,
  COMPLAINT_CATEGORIES,
  COMPLAINT_SEVERITIES,
  COMPLAINT_SOURCES,
  PRIORITIES,
  SURVEY_FAILURE_REASONS,
  TICKET_TYPES,
} from '../domain/vocabulary';
import { isoInstant } from '../time/isoInstant';

/** Events an outside system pushes through POST /api/v1/events. */

const id = z.string().trim().min(1).max(128);
const text = z.string().max(2000);
/** Longer than other ids: a complaint a return visit opens is named after the survey event (`rv:<event id>`). */
const complaintId = z.string().trim().min(1).max(160);
const escalationLevel = z.union([z.literal(1), z.literal(2), z.literal(3)]);

const ticketFields = {
  centerId: id,
  customerId: id,
  priority: z.enum(PRIORITIES),
  type: z.enum(TICKET_TYPES),
  channel: z.enum(CHANNELS),
  productModel: id.optional(),
  serialNo: id.optional(),
  symptom: text.optional(),
};

/** Statuses reachable by a plain status change; terminal ones have events of their own. */
export const STATUS_CHANGE_TARGETS = ['new', 'assigned', 'scheduled', 'on_site', 'waiting_parts', 'waiting_customer'] as const;

export const eventDataSchemas = {
  'ticket.created': z.strictObject({ ...ticketFields, engineerId: id.optional() }),
  'ticket.updated': z
    .strictObject({
      centerId: ticketFields.centerId.optional(),
      customerId: ticketFields.customerId.optional(),
      priority: ticketFields.priority.optional(),
      type: ticketFields.type.optional(),
      channel: ticketFields.channel.optional(),
      productModel: ticketFields.productModel,
      serialNo: ticketFields.serialNo,
      symptom: ticketFields.symptom,
      cause: text.optional(),
    })
    .refine((data) => Object.keys(data).length > 0, { message: 'must change at least one field' }),
  'ticket.assigned': z.strictObject({ engineerId: id }),
  'ticket.scheduled': z.strictObject({ appointmentAt: isoInstant }),
  'ticket.first_response': z.strictObject({ note: text.optional() }),
  'ticket.engineer_arrived': z.strictObject({ engineerId: id.optional() }),
  'ticket.status_changed': z.strictObject({ status: z.enum(STATUS_CHANGE_TARGETS), reason: text.optional() }),
  'ticket.resolved': z.strictObject({ cause: text.optional() }),
  'ticket.closed': z.strictObject({}),
  'ticket.reopened': z.strictObject({ reason: text.optional() }),
  'ticket.cancelled': z.strictObject({ reason: text.optional() }),
  'complaint.opened': z.strictObject({
    complaintId,
    category: z.enum(COMPLAINT_CATEGORIES),
    severity: z.enum(COMPLAINT_SEVERITIES),
    /** The first receiver (首问负责): accountable for the complaint through every escalation. */
    owner: id.optional(),
    level: escalationLevel.optional(),
    /** customer when left out. */
    source: z.enum(COMPLAINT_SOURCES).optional(),
  }),
  /** Someone takes the complaint on at its current level; the first to do so becomes its owner if it had none. */
  'complaint.taken': z.strictObject({ complaintId, by: id }),
  /**
   * `owner` here is who handles it at the new level; the accountable owner does not change. `by` is who
   * escalated it: on a complaint nobody had taken yet, they received it first and become its owner (首问负责).
   */
  'complaint.escalated': z.strictObject({ complaintId, level: escalationLevel, owner: id.optional(), reason: text.optional(), by: id.optional() }),
  /** Moves the complaint to awaiting_confirmation: it stays open until the customer confirms. `by` as for an escalation. */
  'complaint.resolved': z.strictObject({ complaintId, resolution: text.optional(), by: id.optional() }),
  /** The confirmation call: satisfied closes the complaint, unsatisfied reopens it at its level with a new resolution cycle. */
  'complaint.confirmed': z.strictObject({ complaintId, satisfied: z.boolean(), note: text.optional() }),
  'survey.completed': z.strictObject({ score: z.number().int().min(1).max(5), comment: text.optional() }),
  'survey.failed': z.strictObject({ reason: z.enum(SURVEY_FAILURE_REASONS) }),
  'parts.requested': z.strictObject({ requestId: id, partNo: id, quantity: z.number().int().min(1).max(100) }),
  'parts.shipped': z.strictObject({ requestId: id }),
  'parts.delivered': z.strictObject({ requestId: id }),
} as const;

export type IngestEventType = keyof typeof eventDataSchemas;
export const INGEST_EVENT_TYPES = Object.keys(eventDataSchemas) as IngestEventType[];

function envelope<T extends IngestEventType>(type: T) {
  return z.strictObject({
    id,
    type: z.literal(type),
    at: isoInstant,
    ticketId: id,
    data: (eventDataSchemas[type] as unknown as z.ZodObject).prefault({}),
  });
}

export const ingestEventSchema = z.discriminatedUnion(
  'type',
  INGEST_EVENT_TYPES.map((type) => envelope(type)) as unknown as [
    ReturnType<typeof envelope<'ticket.created'>>,
    ...ReturnType<typeof envelope<IngestEventType>>[],
  ],
);

type EnvelopeOf<T extends IngestEventType> = {
  id: string;
  type: T;
  /** UTC epoch milliseconds. */
  at: number;
  ticketId: string;
  data: z.output<(typeof eventDataSchemas)[T]>;
};

/** A validated event, discriminated on `type`, with `at` in epoch milliseconds. */
export type IngestEvent = { [T in IngestEventType]: EnvelopeOf<T> }[IngestEventType];

/** The same event as an outside system writes it, `at` still an ISO string. */
export type IngestEventInput = { [T in IngestEventType]: Omit<EnvelopeOf<T>, 'at' | 'data'> & { at: string; data: z.input<(typeof eventDataSchemas)[T]> } }[IngestEventType];

export const MAX_EVENTS_PER_BATCH = 5000;

/** The outer shape only; each event is validated on its own so one bad event does not sink the batch. */
export const ingestBatchSchema = z.strictObject({
  events: z.array(z.unknown()).min(1, 'must hold at least one event').max(MAX_EVENTS_PER_BATCH, `must hold at most ${MAX_EVENTS_PER_BATCH} events`),
});

export interface FieldError {
  path: string;
  message: string;
  /** A stable code for why, where a message alone would leave a client matching English wording (e.g. an ICS line's IcsReason). */
  reason?: string;
}

export interface RejectedEvent {
  index: number;
  id: string | null;
  errors: FieldError[];
}

export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: RejectedEvent[];
}

export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

export type ParsedEvent = { ok: true; event: IngestEvent } | { ok: false; rejection: RejectedEvent };

export function parseIngestEvent(raw: unknown, index: number): ParsedEvent {
  const result = ingestEventSchema.safeParse(raw);
  if (result.success) return { ok: true, event: result.data as IngestEvent };
  const rawId = typeof raw === 'object' && raw !== null && 'id' in raw ? (raw as { id: unknown }).id : null;
  return { ok: false, rejection: { index, id: typeof rawId === 'string' ? rawId : null, errors: fieldErrors(result.error) } };
}
