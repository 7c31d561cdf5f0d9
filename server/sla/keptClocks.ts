import type { ClockSpan } from '../../shared/sla/clockSpans';
import type { SpanClock } from '../../shared/sla/ticketSlaClocks';
import type { SlaRules } from './slaRulebook';
import type { StoredSlaClock } from './slaStore';
import type { TicketContext } from './ticketContexts';

/** Tickets whose clocks are kept: far more than are open or recently touched, and bounded. */
export const CLOCKS_KEPT = 50_000;

/** A clock as stored, with (a copy of) the span it was computed from; null when read back from the store. */
export interface KeptClock {
  span: ClockSpan | null;
  row: StoredSlaClock;
}

/**
 * A ticket's clocks as last committed, with what they were computed from: a clock whose span, ticket
 * context and rules are all the same would come out the same, so it is neither recomputed nor read back.
 */
export interface KeptTicketClocks {
  rules: SlaRules;
  /** The ticket's policy context they were computed under; undefined while the ticket is not known. */
  context: TicketContext | undefined;
  /** The policy chosen for this context and rules, ready to time a span that moved. */
  clockOf: SpanClock;
  /**
   * In span order. A ticket has a handful of clocks, found by metric and cycle in a walk: a text key per clock
   * and a map per ticket cost more than the walk.
   */
  clocks: KeptClock[];
}

/** A ticket's kept clock of a metric and cycle, if any. */
export function keptClockOf(clocks: readonly KeptClock[], metric: string, cycle: number): KeptClock | undefined {
  for (const clock of clocks) if (clock.row.metric === metric && clock.row.cycle === cycle) return clock;
  return undefined;
}

/** A copy of a span as it stands: the fold goes on changing its spans in place. */
export function spanSnapshot(span: ClockSpan): ClockSpan {
  const { metric, cycle, subjectId, startedAt, end } = span;
  return { metric, cycle, subjectId, startedAt, pauses: span.pauses.map(({ from, to, reason }) => ({ from, to, reason })), end: end === null ? null : { at: end.at, cancelled: end.cancelled } };
}

/**
 * Whether a span's clock would come out the same: everything it is computed from is alike. Compared field by
 * field: a string key per span cost a number-to-text conversion per instant, more than the comparison.
 */
export function sameSpan(a: ClockSpan, b: ClockSpan): boolean {
  if (a.startedAt !== b.startedAt || a.subjectId !== b.subjectId || a.pauses.length !== b.pauses.length) return false;
  if (a.end === null || b.end === null ? a.end !== b.end : a.end.at !== b.end.at || a.end.cancelled !== b.end.cancelled) return false;
  return a.pauses.every((pause, index) => {
    const other = b.pauses[index]!;
    return pause.from === other.from && pause.to === other.to && pause.reason === other.reason;
  });
}

/**
 * Whether two policy contexts are alike, every field (a field added to the context is compared too): a
 * text key per ticket cost more than the comparison.
 */
export function sameContext(a: TicketContext | undefined, b: TicketContext | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  for (const key in a) {
    const field = key as keyof TicketContext;
    const left = a[field];
    const right = b[field];
    if (left === right) continue;
    if (!Array.isArray(left) || !Array.isArray(right) || left.length !== right.length || left.some((item, index) => item !== right[index])) return false;
  }
  return true;
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
      const ticket = tickets.get(row.ticketId);
      const kept = ticket && keptClockOf(ticket.clocks, row.metric, row.cycle);
      if (kept) kept.row = row;
    },

    size: () => tickets.size,
  };
}

export type KeptClocks = ReturnType<typeof createKeptClocks>;
