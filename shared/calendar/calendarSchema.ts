import { z } from 'zod';
import { isValidTimeZone } from '../time/zonedCalendar';

/**
 * A business calendar: weekly working hours on the local wall clock of one IANA zone, public holidays,
 * and make-up working days (调休) that turn a weekend date into a working day.
 */

export const MINUTES_PER_DAY = 1440;

/** Minutes after local midnight of an 'HH:MM' clock time ('24:00' is 1440). */
export function clockMinutes(clock: string): number {
  return Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
}

const CLOCK_TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const clockTime = z.string().regex(CLOCK_TIME, 'must be a time HH:MM from 00:00 to 24:00');

/** Zod still runs refinements after a bad HH:MM, whose own issue says all there is to say about it. */
function hasClockTimes(interval: { start: string; end: string }): boolean {
  return CLOCK_TIME.test(interval.start) && CLOCK_TIME.test(interval.end);
}

export const clockIntervalSchema = z
  .strictObject({ start: clockTime, end: clockTime })
  .refine((interval) => !hasClockTimes(interval) || clockMinutes(interval.start) < clockMinutes(interval.end), {
    message: 'must end after it starts',
    path: ['end'],
  });

export type ClockInterval = z.output<typeof clockIntervalSchema>;

function showInterval(interval: ClockInterval): string {
  return `${interval.start}–${interval.end}`;
}

/** Intervals of one day in time order; touching is fine (12:00 ends one, starts the next). */
function checkTimeOrder(intervals: ClockInterval[], ctx: z.RefinementCtx): void {
  for (let index = 1; index < intervals.length; index++) {
    const previous = intervals[index - 1]!;
    const current = intervals[index]!;
    if (!hasClockTimes(previous) || !hasClockTimes(current) || clockMinutes(current.start) >= clockMinutes(previous.end)) continue;
    const message =
      clockMinutes(current.end) <= clockMinutes(previous.start)
        ? `${showInterval(current)} must come before ${showInterval(previous)}: list a day's intervals in time order`
        : `${showInterval(current)} overlaps ${showInterval(previous)}`;
    ctx.addIssue({ code: 'custom', message, path: [index] });
  }
}

const dayHours = z.array(clockIntervalSchema).max(48).superRefine(checkTimeOrder);
const isoDate = z.iso.date({ message: 'must be a calendar date YYYY-MM-DD' });
const label = z.string().trim().min(1).max(200);

export const holidaySchema = z.strictObject({ date: isoDate, name: label });
export const workdaySchema = z.strictObject({
  date: isoDate,
  name: label,
  intervals: dayHours.min(1, 'must hold at least one interval; leave it out to work Monday hours').optional(),
});

export type Holiday = z.output<typeof holidaySchema>;
export type Workday = z.output<typeof workdaySchema>;

interface CalendarDates {
  weekly: ClockInterval[][];
  holidays: Holiday[];
  workdays: Workday[];
}

function checkDuplicateDates(list: 'holidays' | 'workdays', entries: { date: string }[], ctx: z.RefinementCtx): void {
  const firstIndex = new Map<string, number>();
  entries.forEach(({ date }, index) => {
    const earlier = firstIndex.get(date);
    if (earlier === undefined) firstIndex.set(date, index);
    else ctx.addIssue({ code: 'custom', message: `${date} is listed twice (also ${list}[${earlier}])`, path: [list, index, 'date'] });
  });
}

function checkDates(calendar: CalendarDates, ctx: z.RefinementCtx): void {
  checkDuplicateDates('holidays', calendar.holidays, ctx);
  checkDuplicateDates('workdays', calendar.workdays, ctx);
  const holidayDates = new Set(calendar.holidays.map((holiday) => holiday.date));
  calendar.workdays.forEach(({ date }, index) => {
    if (holidayDates.has(date)) {
      ctx.addIssue({ code: 'custom', message: `${date} is both a holiday and a make-up working day`, path: ['workdays', index, 'date'] });
    }
  });
}

/** A calendar without working time would make every due time unreachable. */
function checkHasWorkingTime(calendar: CalendarDates, ctx: z.RefinementCtx): void {
  const mondayHours = calendar.weekly[1] ?? [];
  calendar.workdays.forEach((workday, index) => {
    if (!workday.intervals && mondayHours.length === 0) {
      const message = `make-up working day ${workday.date} has no hours: give intervals, as Monday has none to default to`;
      ctx.addIssue({ code: 'custom', message, path: ['workdays', index, 'intervals'] });
    }
  });
  const weeklyWorks = calendar.weekly.some((day) => day.length > 0);
  const workdaysWork = calendar.workdays.some((workday) => (workday.intervals ?? mondayHours).length > 0);
  if (!weeklyWorks && !workdaysWork) {
    const message = 'calendar has no working time: every day of the weekly pattern is empty and no make-up working day has hours';
    ctx.addIssue({ code: 'custom', message, path: ['weekly'] });
  }
}

export const businessCalendarSchema = z
  .strictObject({
    id: z.string().trim().min(1).max(64),
    name: label,
    /** The name on English pages; without it every page shows name. */
    nameEn: label.optional(),
    timeZone: z.string().refine(isValidTimeZone, {
      error: (issue) => `unknown time zone '${String(issue.input)}': must be an IANA zone such as Asia/Shanghai`,
    }),
    /** Index 0 = Sunday … 6 = Saturday. */
    weekly: z.array(dayHours).length(7, 'must list the hours of 7 days, Sunday first'),
    holidays: z.array(holidaySchema).default([]),
    workdays: z.array(workdaySchema).default([]),
  })
  .superRefine(checkDates)
  .superRefine(checkHasWorkingTime);

export type BusinessCalendar = z.output<typeof businessCalendarSchema>;
export type BusinessCalendarInput = z.input<typeof businessCalendarSchema>;
