import type { BusinessCalendar } from '../calendar/calendarSchema';
import { TWENTY_FOUR_SEVEN } from '../calendar/builtinCalendars';
import { addBusinessTime, businessTimeBetween, endOfBusinessDay, isBusinessTimeUnavailable } from '../calendar/businessTime';
import type { StoredEvent } from '../domain/ticketFold';
import { type ClockSpan, clockSpans } from './clockSpans';
import type { SlaClock, SlaState, SlaThreshold } from './slaClock';
import { type SlaMetric, type SlaMetricRule, type SlaPolicy, type SlaTicketContext, type ChosenRules, chooseRules } from './slaPolicy';

/**
 * A ticket's SLA clocks from its events, the policy set and the calendars: pure, so the server, a
 * recompute after a policy change and a "what would change" preview all give the same answer.
 */

/** Finds a calendar by id on the wall clock of a zone, or in its own zone when timeZone is null. */
export type CalendarLookup = (calendarId: string, timeZone: string | null) => BusinessCalendar | undefined;

export interface TicketSlaInput {
  ticketId: string;
  /** The ticket's history in any order, or its clock spans when a carried-on fold has them already. */
  events: readonly StoredEvent[] | { spans: readonly ClockSpan[] };
  /** Null until the ticket and its customer and center are known: no clock runs without a policy. */
  context: SlaTicketContext | null;
  policies: readonly SlaPolicy[];
  calendarFor: CalendarLookup;
  /** Told of each clock left out because its calendar cannot time it. */
  unavailable?: (metric: SlaMetric, reason: string) => void;
}

const MINUTE_MS = 60_000;

interface Running {
  from: number;
  to: number | null;
}

/** The clock's counting intervals: from start to end, less the pauses the policy honours. */
function runningIntervals(span: ClockSpan, honourPartsWait: boolean): Running[] {
  const intervals: Running[] = [];
  let from = span.startedAt;
  for (const pause of span.pauses) {
    if (pause.reason === 'waiting_parts' && !honourPartsWait) continue;
    if (pause.from > from) intervals.push({ from, to: pause.from });
    if (pause.to === null) return intervals;
    from = Math.max(from, pause.to);
  }
  const to = span.end?.at ?? null;
  if (to === null || to > from) intervals.push({ from, to });
  return intervals;
}

function targetMs(rule: SlaMetricRule, calendar: BusinessCalendar, startedAt: number): number {
  const { target } = rule;
  if (target.kind !== 'end_of_business_day') return target.minutes * MINUTE_MS;
  // A deadline already past when the clock starts leaves the smallest target there is, not none.
  return Math.max(1, businessTimeBetween(calendar, startedAt, endOfBusinessDay(calendar, startedAt, target.offsetDays)));
}

function stateOf(span: ClockSpan, intervals: Running[]): SlaState {
  if (span.end) return span.end.cancelled ? 'cancelled' : 'stopped';
  return intervals.at(-1)?.to === null ? 'active' : 'paused';
}

function lastTransition(span: ClockSpan, intervals: Running[]): number {
  if (span.end) return span.end.at;
  const last = intervals.at(-1);
  if (last?.to === null) return last.from;
  const openPause = span.pauses.at(-1);
  return openPause?.to === null ? openPause.from : span.startedAt;
}

/** Counted time at which a clock reaches a level of its target. A plain function: a closure made per interval cost more than its arithmetic. */
function countedToReach(target: number, level: number): number {
  return Math.ceil((target * level) / 100);
}

function buildClock(ticketId: string, span: ClockSpan, policy: SlaPolicy, rule: SlaMetricRule, calendar: BusinessCalendar): SlaClock {
  const counting = rule.target.kind === 'calendar' ? 'calendar' : 'business';
  const counted = counting === 'calendar' ? TWENTY_FOUR_SEVEN : calendar;
  const target = targetMs(rule, calendar, span.startedAt);
  const intervals = runningIntervals(span, policy.pauseOnWaitingParts);
  const levels = [...rule.warnAt, 100];
  const thresholds: SlaThreshold[] = levels.map((percent) => ({ percent, at: null }));
  let countedMs = 0;
  let elapsedBusinessMs = 0;
  let elapsedCalendarMs = 0;
  let runningSince: number | null = null;

  for (const interval of intervals) {
    if (interval.to === null) {
      runningSince = interval.from;
      for (const threshold of thresholds) threshold.at ??= addBusinessTime(counted, interval.from, Math.max(0, countedToReach(target, threshold.percent) - countedMs));
      break;
    }
    const intervalCounted = businessTimeBetween(counted, interval.from, interval.to);
    for (const threshold of thresholds) {
      const left = countedToReach(target, threshold.percent) - countedMs;
      if (threshold.at === null && left <= intervalCounted) threshold.at = addBusinessTime(counted, interval.from, Math.max(0, left));
    }
    countedMs += intervalCounted;
    elapsedBusinessMs += counted === calendar ? intervalCounted : businessTimeBetween(calendar, interval.from, interval.to);
    elapsedCalendarMs += interval.to - interval.from;
  }

  const countedUntil = lastTransition(span, intervals);
  const breach = thresholds.at(-1)!;
  return {
    ticketId,
    metric: span.metric,
    cycle: span.cycle,
    subjectId: span.subjectId,
    policyId: policy.id,
    calendarId: calendar.id,
    timeZone: calendar.timeZone,
    counting,
    state: stateOf(span, intervals),
    startedAt: span.startedAt,
    stoppedAt: span.end?.at ?? null,
    targetMs: target,
    dueAt: breach.at ?? addBusinessTime(counted, countedUntil, Math.max(0, target - countedMs)),
    originalDueAt: addBusinessTime(counted, span.startedAt, target),
    elapsedBusinessMs,
    elapsedCalendarMs,
    countedUntil,
    runningSince,
    thresholds,
  };
}

/** One ticket's clock of one span, or null when it has none: see computeTicketSla. */
export type SpanClock = (span: ClockSpan) => SlaClock | null;

/**
 * The clock of each span of one ticket under one context and policy set, the policy chosen once: a
 * ticket whose context and rules stay the same recomputes only the spans that moved. `chosen`, if
 * given, is what chooseRules gives for this context and these policies.
 */
export function spanClocksOf(input: Omit<TicketSlaInput, 'events'>, chosen?: ChosenRules): SpanClock {
  const { context } = input;
  if (!context) return () => null;
  const rules = chosen ?? chooseRules(input.policies, context);
  return (span) => {
    const chosen = rules[span.metric];
    if (!chosen) return null;
    const calendar = input.calendarFor(chosen.rule.calendarId, chosen.rule.zone === 'center' ? context.centerTimeZone : null);
    if (!calendar) return null;
    try {
      return buildClock(input.ticketId, span, chosen.policy, chosen.rule, calendar);
    } catch (error) {
      if (!isBusinessTimeUnavailable(error)) throw error;
      input.unavailable?.(span.metric, (error as Error).message);
      return null;
    }
  };
}

/**
 * Every SLA clock of one ticket; metrics no policy sets, or whose calendar is unknown, have none, and
 * so has a clock its calendar cannot time (no working time for years after the ticket's instants):
 * `unavailable` hears of it, and the rest of the ticket, and of its batch, goes on.
 */
export function computeTicketSla(input: TicketSlaInput): SlaClock[] {
  if (!input.context) return [];
  const clockOf = spanClocksOf(input);
  const spans = 'spans' in input.events ? input.events.spans : clockSpans(input.events);
  const clocks: SlaClock[] = [];
  for (const span of spans) {
    const clock = clockOf(span);
    if (clock) clocks.push(clock);
  }
  return clocks;
}
