import type { ClockSpan } from '../../shared/sla/clockSpans';
import type { SlaClock } from '../../shared/sla/slaClock';
import type { SlaFiring } from '../../shared/sla/slaFiring';
import type { SpanClock } from '../../shared/sla/ticketSlaClocks';
import { settleClock, settleNewRow } from './firingPlan';
import { type KeptClock, type KeptTicketClocks, keptClockOf, sameContext, sameSpan, spanSnapshot } from './keptClocks';
import type { SlaRules } from './slaRulebook';
import { type StoredSlaClock, clockKey, sameStoredClock } from './slaStore';
import type { TicketContext } from './ticketContexts';

/** A ticket's clocks before the batch: kept with what they were computed from, or read back from the store. */
export type PreviousClocks = Pick<KeptTicketClocks, 'clocks'> & Partial<Omit<KeptTicketClocks, 'clocks'>>;

/** Clocks read back from the store: nothing says what they were computed from, so each is recomputed. */
export function previousFromStore(rows: readonly StoredSlaClock[]): PreviousClocks {
  return { clocks: rows.map((row) => ({ span: null, row })) };
}

/** The clocks of a ticket under its context and the rules: what stageTicket calls when they are not kept. */
export type ClockMaker = (ticketId: string, context: TicketContext | undefined) => SpanClock;

function sameClock(a: StoredSlaClock, b: SlaClock): boolean {
  return a.policyId === b.policyId && a.targetMs === b.targetMs && a.dueAt === b.dueAt && a.state === b.state && a.calendarId === b.calendarId;
}

/** A computed clock as stored: where it belongs, and what has been announced of it so far. */
function storedClock(clockNow: SlaClock, previous: StoredSlaClock | undefined, context: TicketContext | undefined, rules: SlaRules): StoredSlaClock {
  // Named one by one: spreading the computed clock into this wider object cost about 100 µs a clock in V8
  // (measured in bench/loopStallBench.ts), more than computing it.
  const { ticketId, metric, cycle, subjectId, policyId, calendarId, timeZone, counting, state, startedAt, stoppedAt, targetMs, dueAt, originalDueAt } = clockNow;
  const { elapsedBusinessMs, elapsedCalendarMs, countedUntil, runningSince, thresholds } = clockNow;
  return {
    ticketId, metric, cycle, subjectId, policyId, calendarId, timeZone, counting, state, startedAt, stoppedAt, targetMs, dueAt, originalDueAt,
    elapsedBusinessMs, elapsedCalendarMs, countedUntil, runningSince, thresholds,
    centerId: context?.centerId ?? previous?.centerId ?? '',
    policyVersion: rules.policyVersion,
    breached: previous?.breached ?? false,
    fired: previous?.fired ?? [],
    metAnnounced: previous?.metAnnounced ?? false,
    nextFireAt: previous?.nextFireAt ?? null,
    priority: context?.priority ?? previous?.priority ?? null,
    customerId: context?.customerId ?? previous?.customerId ?? null,
  };
}

/**
 * One transaction's clock changes, ticket by ticket: only a clock whose span, ticket context or rules
 * moved is recomputed; the others stand as kept, settled only when an announcement has come due.
 */
export function newClockStaging(rules: SlaRules, now: number, clockMaker: ClockMaker, clocksNow: Map<string, readonly StoredSlaClock[]>) {
  const changedRows: StoredSlaClock[] = [];
  const removedKeys: string[] = [];
  const firings: Omit<SlaFiring, 'regionIds'>[] = [];
  const keptNext = new Map<string, KeptTicketClocks>();
  let changedClocks = 0;

  /** An unmoved clock owes something only once its next level has come: settling it earlier would give the same row. */
  function standing(kept: KeptClock): KeptClock {
    const { row } = kept;
    if (row.nextFireAt === null || row.nextFireAt > now) return kept;
    const result = settleClock(row, now);
    if (!result.changed) return kept;
    changedRows.push(result.row);
    for (const item of result.firings) firings.push(item);
    return { span: kept.span, row: result.row };
  }

  function stageClock(span: ClockSpan, clockOf: SpanClock, context: TicketContext | undefined, before: KeptClock | undefined): KeptClock | null {
    const clockNow = clockOf(span);
    if (!clockNow) return null;
    const previous = before?.row;
    if (!previous || !sameClock(previous, clockNow)) changedClocks++;
    const row = storedClock(clockNow, previous, context, rules);
    settleNewRow(row, now, firings);
    if (!previous || !sameStoredClock(previous, row)) changedRows.push(row);
    return { span: spanSnapshot(span), row };
  }

  return {
    changedRows,
    removedKeys,
    firings,
    /** Each staged ticket's clocks, to keep once the transaction commits. */
    keptNext,
    get changedClocks() {
      return changedClocks;
    },

    /** Stages one ticket's clocks; all of them, as they will be stored, go into `clocksNow`. */
    stageTicket(ticketId: string, spans: readonly ClockSpan[], context: TicketContext | undefined, previous: PreviousClocks): void {
      const sameInputs = previous.rules === rules && previous.clockOf !== undefined && sameContext(previous.context, context);
      const clockOf = sameInputs ? previous.clockOf! : clockMaker(ticketId, context);
      const clocks: KeptClock[] = [];
      const rows: StoredSlaClock[] = [];
      for (const span of spans) {
        const before = keptClockOf(previous.clocks, span.metric, span.cycle);
        const staged = sameInputs && before?.span && sameSpan(before.span, span) ? standing(before) : stageClock(span, clockOf, context, before);
        if (!staged) continue;
        clocks.push(staged);
        rows.push(staged.row);
      }
      for (const { row } of previous.clocks) {
        if (keptClockOf(clocks, row.metric, row.cycle)) continue;
        removedKeys.push(clockKey(row));
        changedClocks++;
      }
      keptNext.set(ticketId, { rules, context, clockOf, clocks });
      clocksNow.set(ticketId, rows);
    },
  };
}
