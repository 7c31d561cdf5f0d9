import type { ClockSpan } from '../../shared/sla/clockSpans';
import type { SpanClock } from '../../shared/sla/ticketSlaClocks';
import type { SlaRules } from './slaRulebook';
import { type StoredSlaClock, clockKey } from './slaStore';
import type { TicketContext } from './ticketContexts';

/** Tickets whose clocks are kept: far more than are open or recently touched, and bounded. */
export const CLOCKS_KEPT = 50_000;

/** A clock as stored, with the span it was computed from. */
export interface KeptClock {
  spanKey: string;
  row: StoredSlaClock;
}

/**
 * A ticket's clocks as last committed, with what they were computed from: a clock whose span, ticket
 * context and rules are all the same would come out the same, so it is neither recomputed nor read back.
 */
export interface KeptTicketClocks {
  rules: SlaRules;
  contextKey: string;
  /** The policy chosen for this context and rules, ready to time a span that moved. */
  clockOf: SpanClock;
  /** By clockKey. */
  clocks: Map<string, KeptClock>;
}

/** Everything a span's clock is computed from; spans are changed in place as their fold goes on, so they are compared by this. */
export function spanKey(span: ClockSpan): string {
  let key = `${span.subjectId}|${span.startedAt}|${span.end === null ? '' : `${span.end.at}${span.end.cancelled ? 'x' : ''}`}`;
  for (const pause of span.pauses) key += `|${pause.from}-${pause.to}-${pause.reason}`;
  return key;
}

export function contextKey(context: TicketContext | undefined): string {
  if (!context) return '';
  const { priority, ticketType, channel, centerId, customerId, tier, contract, zone, centerTimeZone, regionIds } = context;
  return `${priority}|${ticketType}|${channel}|${centerId}|${customerId}|${tier}|${contract}|${zone}|${centerTimeZone}|${regionIds.join(',')}`;
}

/**
 * The kept clocks, least recently changed dropped past the bound (such a ticket's clocks are read back
 * from the store when it next changes). Put back only once a commit stands, so a rolled-back batch
 * leaves nothing behind; the store's clocks are written by this process only.
 */
export function createKeptClocks(capacity = CLOCKS_KEPT) {
  const tickets = new Map<string, KeptTicketClocks>();
  return {
    get: (ticketId: string) => tickets.get(ticketId),

    put(ticketId: string, kept: KeptTicketClocks): void {
      tickets.delete(ticketId);
      tickets.set(ticketId, kept);
      if (tickets.size > capacity) tickets.delete(tickets.keys().next().value!);
    },

    /** A committed write of what was announced of a clock (the breach timer's). */
    announced(row: StoredSlaClock): void {
      const kept = tickets.get(row.ticketId)?.clocks.get(clockKey(row));
      if (kept) kept.row = row;
    },

    size: () => tickets.size,
  };
}

export type KeptClocks = ReturnType<typeof createKeptClocks>;
