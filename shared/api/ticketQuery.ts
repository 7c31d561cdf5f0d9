import { z } from 'zod';
import type { TicketState } from '../domain/ticketFold';
import { CHANNELS, CUSTOMER_TIERS, PRIORITIES, TICKET_STATUSES, TICKET_TYPES, type Contract, type CustomerTier } from '../domain/vocabulary';
import { isoInstant } from '../time/isoInstant';

/** One or several values of an enum, as `?status=new&status=assigned` or `?status=new,assigned`. */
export function oneOrMany<const T extends readonly [string, ...string[]]>(values: T) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform((raw) => (Array.isArray(raw) ? raw : [raw]).flatMap((part) => part.split(',')).filter(Boolean))
    .pipe(z.array(z.enum(values)));
}

const id = z.string().trim().min(1).max(128);

export const ticketQuerySchema = z.strictObject({
  status: oneOrMany(TICKET_STATUSES).optional(),
  open: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  priority: oneOrMany(PRIORITIES).optional(),
  type: oneOrMany(TICKET_TYPES).optional(),
  channel: oneOrMany(CHANNELS).optional(),
  tier: oneOrMany(CUSTOMER_TIERS).optional(),
  centerId: id.optional(),
  regionId: id.optional(),
  engineerId: id.optional(),
  customerId: id.optional(),
  createdFrom: isoInstant.optional(),
  createdTo: isoInstant.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(300).optional(),
  format: z.enum(['json', 'csv']).default('json'),
});

export type TicketQuery = z.output<typeof ticketQuerySchema>;

/**
 * A ticket as GET /tickets and the metric drill-down list it: its folded state (instants in UTC epoch
 * ms), the source that reported it, its center's region and its customer's tier and contract. The
 * server's queries are typed against it, so a field the tickets table does not have stops the build.
 */
export interface TicketListItem extends TicketState {
  source: string;
  regionId: string;
  tier: CustomerTier;
  contract: Contract;
}

/** A row of GET /tickets: the ticket with the names a list shows instead of ids. */
export interface TicketListRow extends TicketListItem {
  customerName: string;
  /** Null where the customer has no English name. Absent from the drill-down's list (server/metrics), which shows the name. */
  customerNameEn?: string | null;
  centerName: string;
  /** Null where the organisation gave the center no English name. */
  centerNameEn: string | null;
  /** Null when unassigned, or when the engineer is not in the organisation (the id is kept on the row). */
  engineerName: string | null;
  /** Null where the engineer has no English name. */
  engineerNameEn?: string | null;
}

/** GET /tickets as JSON: one page, where the next starts, and on the first page how many match in all. */
export interface TicketListAnswer {
  items: TicketListRow[];
  nextCursor: string | null;
  /** Every ticket the filter matches within the caller's reach; given with the first page only. */
  total?: number;
}
