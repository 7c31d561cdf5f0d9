import type { BusinessCalendar } from '../calendar/calendarSchema';
import { TWENTY_FOUR_SEVEN } from '../calendar/builtinCalendars';
import { addBusinessTime, businessTimeBetween, isBusinessTimeUnavailable } from '../calendar/businessTime';
import type { SlaClock, SlaProgress } from './slaClock';

/**
 * A clock read at an instant: the server answers the API with it and the browser ticks live
 * countdowns with it, both from the same stored clock and calendar.
 */

/** A running clock is breached from its due instant on; a stopped one only if it ran past it. */
export function isBreachedAt(clock: SlaClock, now: number): boolean {
  const breachAt = clock.thresholds.at(-1)?.at ?? null;
  if (breachAt === null) return false;
  if (clock.state === 'active') return now >= breachAt;
  if (clock.state === 'paused') return true;
  return clock.stoppedAt !== null && breachAt < clock.stoppedAt;
}

function percentOf(countedMs: number, targetMs: number): number {
  return Math.round((countedMs / targetMs) * 1000) / 10;
}

/**
 * Working time since the clock last counted. A clock running since an instant the calendar cannot
 * answer for (one stored before events' instants were bounded, from year 1000, say) keeps the working
 * time it has stored: it is read as it was counted, and its due time and breach stand as stored.
 */
function businessTimeSince(calendar: BusinessCalendar, runningSince: number, now: number): number {
  try {
    return businessTimeBetween(calendar, runningSince, now);
  } catch (error) {
    if (isBusinessTimeUnavailable(error)) return 0;
    throw error;
  }
}

/** Counted time and elapsed figures, at now for a running clock and at the last transition otherwise. */
function elapsedAt(clock: SlaClock, calendar: BusinessCalendar, now: number) {
  const sinceCounted = clock.state === 'active' && clock.runningSince !== null ? Math.max(0, now - clock.runningSince) : 0;
  const extraBusiness = sinceCounted > 0 ? businessTimeSince(calendar, clock.runningSince!, now) : 0;
  const elapsedBusinessMs = clock.elapsedBusinessMs + extraBusiness;
  const elapsedCalendarMs = clock.elapsedCalendarMs + sinceCounted;
  return { elapsedBusinessMs, elapsedCalendarMs, countedMs: clock.counting === 'calendar' ? elapsedCalendarMs : elapsedBusinessMs };
}

/** Where a paused clock would fall due were it to resume at `from`; null when its calendar has no working time left for it. */
function resumedDueAt(calendar: BusinessCalendar, from: number, remainingMs: number): number | null {
  try {
    return addBusinessTime(calendar, from, remainingMs);
  } catch (error) {
    if (isBusinessTimeUnavailable(error)) return null;
    throw error;
  }
}

/**
 * The clock's progress at now. `calendar` is the clock's own: its calendarId read in its timeZone.
 * A paused clock's due time is where it would fall were it to resume now.
 */
export function slaProgressAt(clock: SlaClock, calendar: BusinessCalendar, now: number): SlaProgress {
  const { elapsedBusinessMs, elapsedCalendarMs, countedMs } = elapsedAt(clock, calendar, now);
  const breached = isBreachedAt(clock, now);
  let dueAt = clock.dueAt;
  let remainingMs: number;
  if (clock.state === 'active') remainingMs = clock.dueAt - now;
  else {
    remainingMs = clock.targetMs - countedMs;
    if (clock.state === 'paused' && !breached) {
      const counted = clock.counting === 'calendar' ? TWENTY_FOUR_SEVEN : calendar;
      dueAt = resumedDueAt(counted, Math.max(now, clock.countedUntil), remainingMs) ?? clock.dueAt;
    }
  }
  const percent = percentOf(countedMs, clock.targetMs);
  const warningsPassed = clock.thresholds
    .filter((threshold) => threshold.percent < 100 && threshold.at !== null && threshold.at <= Math.min(now, clock.stoppedAt ?? now))
    .map((threshold) => threshold.percent);
  return { state: clock.state, breached, dueAt, remainingMs, elapsedBusinessMs, elapsedCalendarMs, percent, warningsPassed };
}
