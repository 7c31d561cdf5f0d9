import type { SlaClockView } from '../../shared/api/slaApi';
import type { BusinessCalendar } from '../../shared/calendar/calendarSchema';
import { businessTimeBetween, isWorkingTime } from '../../shared/calendar/businessTime';

/** What the browser needs to tick a clock the server read at one instant. */
export type ClockReadingSource = Pick<SlaClockView, 'state' | 'breached' | 'dueAt' | 'remainingMs' | 'elapsedBusinessMs' | 'elapsedCalendarMs' | 'percent'>;

export interface LiveClockReading {
  /** Negative once past due. */
  remainingMs: number;
  percent: number;
  breached: boolean;
  /** Time left on the clock's own count (working time for a business-hours clock), negative once past due. */
  countedRemainingMs: number;
  /** Whether the clock is counting at this instant: a running business-hours clock rests outside working hours. */
  counting: boolean;
}

/**
 * The server's instant when it read an active clock: its remainingMs is dueAt minus that instant. Reading
 * the server's time off the clock itself keeps countdowns right when the browser's clock is skewed or the
 * server runs a sped-up demo clock.
 */
export function serverInstantOf(clock: ClockReadingSource): number {
  return Date.parse(clock.dueAt) - clock.remainingMs;
}

/** The server's time when it answered, off the first running clock among `clocks`; null when none runs. */
export function serverInstantAmong(clocks: readonly (ClockReadingSource | null | undefined)[]): number | null {
  const active = clocks.find((clock) => clock?.state === 'active');
  return active ? serverInstantOf(active) : null;
}

/** Counted time between two instants, signed, on the business calendar or round the clock. */
function counted(calendar: BusinessCalendar, business: boolean, from: number, to: number): number {
  if (!business) return to - from;
  return from <= to ? businessTimeBetween(calendar, from, to) : -businessTimeBetween(calendar, to, from);
}

/**
 * Whether the clock counts business time: the target rebuilt from each kind of elapsed time, and the one
 * whose share matches the server's percent wins (a calendar-minute target on a business calendar counts
 * round the clock).
 */
function countsBusinessTime(clock: ClockReadingSource, calendar: BusinessCalendar, readAt: number, dueAt: number): boolean {
  const share = (elapsed: number, business: boolean) => {
    const target = elapsed + counted(calendar, business, readAt, dueAt);
    return target > 0 ? (elapsed / target) * 100 : Infinity;
  };
  const businessError = Math.abs(share(clock.elapsedBusinessMs, true) - clock.percent);
  const calendarError = Math.abs(share(clock.elapsedCalendarMs, false) - clock.percent);
  return businessError <= calendarError;
}

/**
 * The clock at `serverNow`, computed in the browser from the server's reading and the clock's own
 * business calendar. Only active clocks move: a paused or stopped clock reads as the server read it.
 */
export function readClockAt(clock: ClockReadingSource, calendar: BusinessCalendar, serverNow: number): LiveClockReading {
  if (clock.state !== 'active') return { remainingMs: clock.remainingMs, percent: clock.percent, breached: clock.breached, countedRemainingMs: clock.remainingMs, counting: false };
  const readAt = serverInstantOf(clock);
  const dueAt = Date.parse(clock.dueAt);
  const business = countsBusinessTime(clock, calendar, readAt, dueAt);
  const elapsedAtRead = business ? clock.elapsedBusinessMs : clock.elapsedCalendarMs;
  const target = elapsedAtRead + counted(calendar, business, readAt, dueAt);
  const elapsedNow = elapsedAtRead + counted(calendar, business, readAt, serverNow);
  const percent = target > 0 ? Math.round((elapsedNow / target) * 1000) / 10 : clock.percent;
  return {
    remainingMs: dueAt - serverNow,
    percent,
    breached: serverNow >= dueAt,
    countedRemainingMs: target - elapsedNow,
    counting: !business || isWorkingTime(calendar, serverNow),
  };
}
