import { wallTimeToEpoch } from '../time/zonedParse';
import { firstOffsetChange, zoneOffsetAt } from '../time/zoneOffset';
import { type BusinessCalendar, type ClockInterval, MINUTES_PER_DAY, clockMinutes } from './calendarSchema';
import { DAY_MS, dayNumberOf, weekdayOf } from './calendarDates';

/**
 * A calendar compiled into the working time of each local date as UTC instants, built on first use
 * and cached, so that due-time arithmetic is plain number comparison and never calls Intl again.
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

function localMidnight(dayNumber: number, timeZone: string): number {
  const date = new Date(dayNumber * DAY_MS);
  const wall = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: 0, minute: 0 };
  return wallTimeToEpoch(wall, timeZone);
}

/**
 * Maps a wall-clock minute of one local date to the first instant at which the clock reads that minute
 * or later. A time skipped by a spring-forward change therefore maps to the change itself (02:00–03:00
 * shrinks to nothing), and a repeated time to its first occurrence (01:00–02:00 on fall-back lasts two
 * real hours). Assumes at most one offset change per local date.
 */
function wallClockReader(day: Pick<WorkingDay, 'dayNumber' | 'start' | 'end'>, timeZone: string): (minutes: number) => number {
  const offsetAtStart = zoneOffsetAt(day.start, timeZone);
  const change = firstOffsetChange(day.start, day.end - 1000, timeZone);
  const offsetAfterChange = change === null ? offsetAtStart : zoneOffsetAt(change, timeZone);
  const midnightAsUtc = day.dayNumber * DAY_MS;
  return (minutes) => {
    if (minutes >= MINUTES_PER_DAY) return day.end;
    const wallAsUtc = midnightAsUtc + minutes * MINUTE_MS;
    const beforeChange = wallAsUtc - offsetAtStart;
    const instant = change === null || beforeChange < change ? beforeChange : Math.max(change, wallAsUtc - offsetAfterChange);
    return Math.min(Math.max(instant, day.start), day.end);
  };
}

export function requireInstant(epochMs: number): void {
  if (!Number.isFinite(epochMs)) throw new RangeError(`an instant must be finite epoch milliseconds, got ${epochMs}`);
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

  constructor(calendar: BusinessCalendar) {
    this.id = calendar.id;
    this.timeZone = calendar.timeZone;
    this.weekly = calendar.weekly.map(toDayHours);
    this.holidays = new Set(calendar.holidays.map((holiday) => dayNumberOf(holiday.date)));
    const mondayHours = calendar.weekly[1] ?? [];
    this.workdays = new Map(calendar.workdays.map((workday) => [dayNumberOf(workday.date), toDayHours(workday.intervals ?? mondayHours)]));
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

  private hoursOn(dayNumber: number): DayHours {
    if (this.holidays.has(dayNumber)) return [];
    return this.workdays.get(dayNumber) ?? this.weekly[weekdayOf(dayNumber)]!;
  }

  private buildDay(dayNumber: number): WorkingDay {
    const bounds = { dayNumber, start: localMidnight(dayNumber, this.timeZone), end: localMidnight(dayNumber + 1, this.timeZone) };
    const hours = this.hoursOn(dayNumber);
    const spans: number[] = [];
    let workingMs = 0;
    if (hours.length > 0) {
      const instantAt = wallClockReader(bounds, this.timeZone);
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
