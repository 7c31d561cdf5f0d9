import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessTimeBetween, isWorkingTime, nextWorkingMoment } from './businessTime';
import { type BusinessCalendar, type BusinessCalendarInput, businessCalendarSchema } from './calendarSchema';

/**
 * Property tests against a deliberately naive reference that walks the timeline one minute at a time
 * and reads each minute's local wall clock from Intl. Its only subtlety is the rule for clock changes:
 * a minute works when the highest wall-clock reading of its local date so far lies in an interval, so
 * hours skipped by spring-forward do not exist and a repeated fall-back hour keeps working.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// ---- reference -------------------------------------------------------------------------------

const fieldFormatters = new Map<string, Intl.DateTimeFormat>();
const offsetsByQuarterHour = new Map<string, number>();

/** Zone offsets in these zones change on whole hours, so one reading per quarter hour is exact. */
function referenceOffset(at: number, zone: string): number {
  const quarter = Math.floor(at / (15 * MINUTE));
  const key = `${zone} ${quarter}`;
  let offset = offsetsByQuarterHour.get(key);
  if (offset === undefined) {
    let formatter = fieldFormatters.get(zone);
    if (!formatter) {
      const numeric = 'numeric' as const;
      formatter = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: numeric, month: numeric, day: numeric, hour: numeric, minute: numeric });
      fieldFormatters.set(zone, formatter);
    }
    const instant = quarter * 15 * MINUTE;
    const field = (type: string) => Number(formatter.formatToParts(instant).find((part) => part.type === type)?.value);
    offset = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute')) - instant;
    offsetsByQuarterHour.set(key, offset);
  }
  return offset;
}

function minutesOf(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return hours! * 60 + minutes!;
}

function referenceHours(calendar: BusinessCalendar, date: string, weekday: number): [number, number][] {
  const toMinutes = (intervals: { start: string; end: string }[]) => intervals.map(({ start, end }): [number, number] => [minutesOf(start), minutesOf(end)]);
  if (calendar.holidays.some((holiday) => holiday.date === date)) return [];
  const workday = calendar.workdays.find((candidate) => candidate.date === date);
  if (workday) return toMinutes(workday.intervals ?? calendar.weekly[1]!);
  return toMinutes(calendar.weekly[weekday]!);
}

/** Whether each minute [at, at + 1 min) from fromMs on is working time. */
function* referenceMinutes(calendar: BusinessCalendar, fromMs: number): Generator<{ at: number; working: boolean }> {
  let date = '';
  let hours: [number, number][] = [];
  let highestClock = -1;
  // Starting 3 h early lets the running clock maximum see any fall-back hour before fromMs.
  for (let at = fromMs - 3 * HOUR; at < fromMs + 400 * DAY; at += MINUTE) {
    const local = new Date(at + referenceOffset(at, calendar.timeZone));
    const localDate = local.toISOString().slice(0, 10);
    if (localDate !== date) [date, hours, highestClock] = [localDate, referenceHours(calendar, localDate, local.getUTCDay()), -1];
    highestClock = Math.max(highestClock, local.getUTCHours() * 60 + local.getUTCMinutes());
    if (at < fromMs) continue;
    yield { at, working: hours.some(([start, end]) => highestClock >= start && highestClock < end) };
  }
  throw new Error('reference found no answer within 400 days');
}

function referenceAdd(calendar: BusinessCalendar, startMs: number, durationMs: number): number {
  let elapsed = 0;
  for (const { at, working } of referenceMinutes(calendar, startMs)) {
    if (working && durationMs === 0) return at;
    if (working) elapsed += MINUTE;
    if (working && elapsed === durationMs) return at + MINUTE;
  }
  throw new Error('unreachable');
}

function referenceBetween(calendar: BusinessCalendar, fromMs: number, toMs: number): number {
  let total = 0;
  for (const { at, working } of referenceMinutes(calendar, fromMs)) {
    if (at >= toMs) return total;
    if (working) total += MINUTE;
  }
  throw new Error('unreachable');
}

// ---- arbitraries -----------------------------------------------------------------------------

/** Around each zone's clock changes (Shanghai has none; its anchor is the 2026 Spring Festival). */
const SCENARIOS = [
  { zone: 'America/New_York', anchor: '2026-03-08' },
  { zone: 'America/New_York', anchor: '2026-11-01' },
  { zone: 'Europe/Berlin', anchor: '2026-03-29' },
  { zone: 'Europe/Berlin', anchor: '2026-10-25' },
  { zone: 'Asia/Shanghai', anchor: '2026-02-14' },
];

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Up to three intervals; boundaries favour the hours that clock changes touch. */
const dayIntervals = fc
  .uniqueArray(fc.oneof(fc.integer({ min: 0, max: 96 }).map((quarter) => quarter * 15), fc.constantFrom(0, 60, 120, 150, 180, 1440)), { maxLength: 6 })
  .map((boundaries) => {
    const sorted = [...boundaries].sort((a, b) => a - b);
    const intervals: { start: string; end: string }[] = [];
    for (let index = 0; index + 1 < sorted.length; index += 2) intervals.push({ start: clock(sorted[index]!), end: clock(sorted[index + 1]!) });
    return intervals;
  });

function dateAfter(anchor: string, days: number): string {
  return new Date(Date.parse(`${anchor}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

const specialDates = fc.uniqueArray(
  fc.record({ offset: fc.integer({ min: -3, max: 14 }), holiday: fc.boolean(), intervals: fc.option(dayIntervals, { nil: undefined }) }),
  { selector: (special) => special.offset, maxLength: 6 },
);

const scenarioCalendar = fc
  .record({ scenario: fc.constantFrom(...SCENARIOS), weekly: fc.array(dayIntervals, { minLength: 7, maxLength: 7 }), specials: specialDates })
  .map(({ scenario, weekly, specials }) => {
    const input: BusinessCalendarInput = {
      id: 'random',
      name: 'random',
      timeZone: scenario.zone,
      weekly,
      holidays: specials.filter((special) => special.holiday).map((special) => ({ date: dateAfter(scenario.anchor, special.offset), name: 'holiday' })),
      workdays: specials
        .filter((special) => !special.holiday)
        .map((special) => ({ date: dateAfter(scenario.anchor, special.offset), name: 'make-up', intervals: special.intervals?.length ? special.intervals : undefined })),
    };
    return { anchorMs: Date.parse(`${scenario.anchor}T00:00:00Z`), parsed: businessCalendarSchema.safeParse(input) };
  })
  .filter(({ parsed }) => parsed.success)
  .map(({ anchorMs, parsed }) => ({ anchorMs, calendar: parsed.data! }));

/** Minute-aligned instants within a few days of the scenario's clock change. */
const instantNear = (anchorMs: number) => fc.integer({ min: -3 * 24 * 60, max: 5 * 24 * 60 }).map((minutes) => anchorMs + minutes * MINUTE);

const weeklyMinutes = (calendar: BusinessCalendar) =>
  calendar.weekly.flat().reduce((total, interval) => total + minutesOf(interval.end) - minutesOf(interval.start), 0);

/** Durations up to the calendar's weekly hours, so the reference walks a couple of weeks at most. */
const durationFor = (calendar: BusinessCalendar) => fc.integer({ min: 0, max: weeklyMinutes(calendar) }).map((minutes) => minutes * MINUTE);

const caseWithStart = scenarioCalendar.chain(({ anchorMs, calendar }) =>
  fc.record({ calendar: fc.constant(calendar), start: instantNear(anchorMs), duration: durationFor(calendar), later: durationFor(calendar) }),
);

const caseWithRange = scenarioCalendar.chain(({ anchorMs, calendar }) =>
  fc.record({ calendar: fc.constant(calendar), instants: fc.array(instantNear(anchorMs), { minLength: 3, maxLength: 3 }) }),
);

const RUNS = { numRuns: 120 };

// ---- properties ------------------------------------------------------------------------------

describe('business time against a minute-stepping reference', () => {
  it('adds working time as the reference does', () => {
    fc.assert(
      fc.property(caseWithStart, ({ calendar, start, duration }) => {
        expect(addBusinessTime(calendar, start, duration)).toBe(referenceAdd(calendar, start, duration));
      }),
      RUNS,
    );
  });

  it('measures working time between two instants as the reference does', () => {
    fc.assert(
      fc.property(caseWithRange, ({ calendar, instants: [from, to] }) => {
        expect(businessTimeBetween(calendar, from!, to!)).toBe(to! > from! ? referenceBetween(calendar, from!, to!) : 0);
      }),
      RUNS,
    );
  });

  it('knows working time and the next working moment as the reference does', () => {
    fc.assert(
      fc.property(caseWithStart, ({ calendar, start }) => {
        const first = referenceMinutes(calendar, start).next().value!;
        expect(isWorkingTime(calendar, start)).toBe(first.working);
        expect(nextWorkingMoment(calendar, start)).toBe(referenceAdd(calendar, start, 0));
      }),
      RUNS,
    );
  });
});

describe('business time laws', () => {
  it('round-trips: the working time from a start to start + d is d', () => {
    fc.assert(
      fc.property(caseWithStart, ({ calendar, start, duration }) => {
        expect(businessTimeBetween(calendar, start, addBusinessTime(calendar, start, duration))).toBe(duration);
      }),
      { numRuns: 300 },
    );
  });

  it('is additive over adjacent ranges', () => {
    fc.assert(
      fc.property(caseWithRange, ({ calendar, instants }) => {
        const [a, b, c] = [...instants].sort((x, y) => x - y) as [number, number, number];
        expect(businessTimeBetween(calendar, a, b) + businessTimeBetween(calendar, b, c)).toBe(businessTimeBetween(calendar, a, c));
      }),
      { numRuns: 300 },
    );
  });

  it('is monotonic in start, duration and range end', () => {
    fc.assert(
      fc.property(caseWithStart, ({ calendar, start, duration, later }) => {
        const [shorter, longer] = duration <= later ? [duration, later] : [later, duration];
        expect(addBusinessTime(calendar, start, shorter)).toBeLessThanOrEqual(addBusinessTime(calendar, start, longer));
        expect(addBusinessTime(calendar, start, duration)).toBeLessThanOrEqual(addBusinessTime(calendar, start + later, duration));
        expect(businessTimeBetween(calendar, start, start + shorter)).toBeLessThanOrEqual(businessTimeBetween(calendar, start, start + longer));
      }),
      { numRuns: 300 },
    );
  });
});
