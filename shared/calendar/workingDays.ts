import { InstantOutOfEraError, isWithinEra } from '../time/supportedEra';
import { type ZoneTimeline, zoneTimeline } from '../time/zoneTimeline';
import { type BusinessCalendar, type ClockInterval, MINUTES_PER_DAY, clockMinutes } from './calendarSchema';
import { DAY_MS, dayNumberOf, weekdayOf } from './calendarDates';

/**
 * A calendar compiled into the working time of each local date as UTC instants, built on first use
 * and cached, so that due-time arithmetic is plain number comparison. Offsets come from the zone's
 * timeline (read from Intl once a week of time, for the whole process), and ordinary weeks, with no
 * holiday, make-up day or clock change, are summed whole: a span of years costs a lookup a week.
 */

const MINUTE_MS = 60_000;
/** Caps the day cache of a long-running server; a cleared day is rebuilt on demand. */
const MAX_CACHED_DAYS = 20_000;

/** One local date's working time. */
export interface WorkingDay {
  /** The local date, as days since 1970-01-01. */
  readonly dayNumber: number;
  /** First instant of the local date. */
  readonly start: number;
  /** First instant of the next local date. */
  readonly end: number;
  /** Working spans as start, end instant pairs in time order; spans a clock change swallows are dropped. */
  readonly spans: readonly number[];
  readonly workingMs: number;
}

/** Minute pairs (start, end) of a day's working hours. */
type DayHours = readonly number[];

function toDayHours(intervals: readonly ClockInterval[]): DayHours {
  return intervals.flatMap((interval) => [clockMinutes(interval.start), clockMinutes(interval.end)]);
}

function isRoundTheClock(intervals: readonly ClockInterval[] | undefined): boolean {
  return intervals === undefined || (intervals.length === 1 && intervals[0]!.start === '00:00' && intervals[0]!.end === '24:00');
}

/** Seven ordinary local dates in a row: the same working time every week. */
export interface PlainWeek {
  /** First instant of the first date, and of the date after the seventh. */
  readonly start: number;
  readonly end: number;
  readonly workingMs: number;
  /** How many of the seven dates have working time. */
  readonly workingDays: number;
}

function localMidnight(dayNumber: number, timeline: ZoneTimeline): number {
  return timeline.wallToEpoch(dayNumber * DAY_MS);
}

/**
 * Maps a wall-clock minute of one local date to the first instant at which the clock reads that minute
 * or later. A time skipped by a spring-forward change therefore maps to the change itself (02:00–03:00
 * shrinks to nothing), and a repeated time to its first occurrence (01:00–02:00 on fall-back lasts two
 * real hours). Assumes at most one offset change per local date.
 */
function wallClockReader(day: Pick<WorkingDay, 'dayNumber' | 'start' | 'end'>, timeline: ZoneTimeline): (minutes: number) => number {
  const offsetAtStart = timeline.offsetAt(day.start);
  const change = timeline.firstChange(day.start, day.end - 1000);
  const offsetAfterChange = change === null ? offsetAtStart : timeline.offsetAt(change);
  const midnightAsUtc = day.dayNumber * DAY_MS;
  return (minutes) => {
    if (minutes >= MINUTES_PER_DAY) return day.end;
    const wallAsUtc = midnightAsUtc + minutes * MINUTE_MS;
    const beforeChange = wallAsUtc - offsetAtStart;
    const instant = change === null || beforeChange < change ? beforeChange : Math.max(change, wallAsUtc - offsetAfterChange);
    return Math.min(Math.max(instant, day.start), day.end);
  };
}

/** Business time is computed inside the supported era only; outside it the arithmetic refuses rather than walk there. */
export function requireInstant(epochMs: number): void {
  if (!Number.isFinite(epochMs)) throw new RangeError(`an instant must be finite epoch milliseconds, got ${epochMs}`);
  if (!isWithinEra(epochMs)) throw new InstantOutOfEraError(epochMs);
}

function workingMinutesOf(hours: DayHours): number {
  let total = 0;
  for (let index = 0; index < hours.length; index += 2) total += Math.max(0, Math.min(hours[index + 1]!, MINUTES_PER_DAY) - Math.max(hours[index]!, 0));
  return total;
}

export class CompiledCalendar {
  readonly id: string;
  readonly timeZone: string;
  /** Round the clock every day: arithmetic needs no calendar at all. */
  readonly alwaysWorking: boolean;
  private readonly weekly: DayHours[];
  private readonly holidays: Set<number>;
  private readonly workdays: Map<number, DayHours>;
  private readonly days = new Map<number, WorkingDay>();
  private readonly timeline: ZoneTimeline;
  /** Holidays and make-up days, sorted, to tell an ordinary week by two binary searches. */
  private readonly exceptionDays: number[];
  private readonly weekWorkingMs: number;
  private readonly weekWorkingDays: number;

  constructor(calendar: BusinessCalendar) {
    this.id = calendar.id;
    this.timeZone = calendar.timeZone;
    this.weekly = calendar.weekly.map(toDayHours);
    this.holidays = new Set(calendar.holidays.map((holiday) => dayNumberOf(holiday.date)));
    const mondayHours = calendar.weekly[1] ?? [];
    this.workdays = new Map(calendar.workdays.map((workday) => [dayNumberOf(workday.date), toDayHours(workday.intervals ?? mondayHours)]));
    this.timeline = zoneTimeline(calendar.timeZone);
    this.exceptionDays = [...new Set([...this.holidays, ...this.workdays.keys()])].sort((a, b) => a - b);
    const weekdayMinutes = this.weekly.map(workingMinutesOf);
    this.weekWorkingMs = weekdayMinutes.reduce((sum, minutes) => sum + minutes * MINUTE_MS, 0);
    this.weekWorkingDays = weekdayMinutes.filter((minutes) => minutes > 0).length;
    this.alwaysWorking =
      calendar.holidays.length === 0 &&
      calendar.weekly.every(isRoundTheClock) &&
      calendar.workdays.every((workday) => isRoundTheClock(workday.intervals));
  }

  day(dayNumber: number): WorkingDay {
    let day = this.days.get(dayNumber);
    if (!day) {
      if (this.days.size >= MAX_CACHED_DAYS) this.days.clear();
      day = this.buildDay(dayNumber);
      this.days.set(dayNumber, day);
    }
    return day;
  }

  dayContaining(epochMs: number): WorkingDay {
    requireInstant(epochMs);
    // The UTC date is at most one date away from the local one (offsets stay within ±14 h).
    let day = this.day(Math.floor(epochMs / DAY_MS));
    while (epochMs < day.start) day = this.day(day.dayNumber - 1);
    while (epochMs >= day.end) day = this.day(day.dayNumber + 1);
    return day;
  }

  /**
   * The seven local dates from dayNumber on, when they are ordinary: no holiday or make-up day and
   * no change of the zone's offset, so each has its weekday's hours at a fixed offset. Null otherwise.
   */
  plainWeek(dayNumber: number): PlainWeek | null {
    if (this.hasExceptionIn(dayNumber, dayNumber + 7)) return null;
    const start = localMidnight(dayNumber, this.timeline);
    const end = localMidnight(dayNumber + 7, this.timeline);
    if (end - start !== 7 * DAY_MS || this.timeline.firstChange(start, end) !== null) return null;
    return { start, end, workingMs: this.weekWorkingMs, workingDays: this.weekWorkingDays };
  }

  /** Whether a holiday or make-up day falls in [fromDay, toDay). */
  private hasExceptionIn(fromDay: number, toDay: number): boolean {
    const days = this.exceptionDays;
    let low = 0;
    let high = days.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (days[middle]! < fromDay) low = middle + 1;
      else high = middle;
    }
    return low < days.length && days[low]! < toDay;
  }

  private hoursOn(dayNumber: number): DayHours {
    if (this.holidays.has(dayNumber)) return [];
    return this.workdays.get(dayNumber) ?? this.weekly[weekdayOf(dayNumber)]!;
  }

  private buildDay(dayNumber: number): WorkingDay {
    const bounds = { dayNumber, start: localMidnight(dayNumber, this.timeline), end: localMidnight(dayNumber + 1, this.timeline) };
    const hours = this.hoursOn(dayNumber);
    const spans: number[] = [];
    let workingMs = 0;
    if (hours.length > 0) {
      const instantAt = wallClockReader(bounds, this.timeline);
      for (let index = 0; index < hours.length; index += 2) {
        const start = instantAt(hours[index]!);
        const end = instantAt(hours[index + 1]!);
        if (end <= start) continue;
        spans.push(start, end);
        workingMs += end - start;
      }
    }
    return { ...bounds, spans, workingMs };
  }
}
