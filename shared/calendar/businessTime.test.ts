import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessTimeBetween, endOfBusinessDay, isWorkingTime, nextWorkingMoment } from './businessTime';
import { FIVE_BY_NINE_SHANGHAI, TWENTY_FOUR_SEVEN, fiveByNineIn } from './builtinCalendars';
import { type BusinessCalendar, businessCalendarSchema } from './calendarSchema';

/** Worked cases on the built-in calendars, each computed by hand from the calendar's days and hours. */

const HOUR = 3_600_000;

/** Compares as ISO strings so that a failure names the instants rather than two epoch numbers. */
function expectInstant(actualMs: number, expected: string): void {
  expect(new Date(actualMs).toISOString()).toBe(new Date(expected).toISOString());
}

function dueAfter(calendar: BusinessCalendar, start: string, hours: number): number {
  return addBusinessTime(calendar, Date.parse(start), hours * HOUR);
}

function hoursBetween(calendar: BusinessCalendar, from: string, to: string): number {
  return businessTimeBetween(calendar, Date.parse(from), Date.parse(to)) / HOUR;
}

const fiveByNine = FIVE_BY_NINE_SHANGHAI;

describe('5×9 in Asia/Shanghai, Monday to Friday 09:00–18:00', () => {
  it('carries a target over the weekend: Friday 17:00 plus 4 business hours is Monday 12:00', () => {
    expectInstant(dueAfter(fiveByNine, '2026-11-20T17:00:00+08:00', 4), '2026-11-23T12:00:00+08:00');
  });

  it('ends a target that uses up the day at 18:00 that day, not at the next morning', () => {
    expectInstant(dueAfter(fiveByNine, '2026-11-20T09:00:00+08:00', 9), '2026-11-20T18:00:00+08:00');
    expectInstant(dueAfter(fiveByNine, '2026-11-20T09:00:00+08:00', 10), '2026-11-23T10:00:00+08:00');
  });

  it('starts counting at the next working moment for a ticket created at night or at the weekend', () => {
    expectInstant(dueAfter(fiveByNine, '2026-11-21T23:30:00+08:00', 4), '2026-11-23T13:00:00+08:00');
    expectInstant(nextWorkingMoment(fiveByNine, Date.parse('2026-11-20T18:00:00+08:00')), '2026-11-23T09:00:00+08:00');
    expectInstant(nextWorkingMoment(fiveByNine, Date.parse('2026-11-20T17:59:00+08:00')), '2026-11-20T17:59:00+08:00');
  });

  describe('National Day 2026: holiday 10-01 to 10-07, make-up working days Sunday 09-20 and Saturday 10-10', () => {
    it('keeps the three working days before the holiday: Monday 09-28 17:00 plus 4 hours is Tuesday 09-29 12:00', () => {
      expectInstant(dueAfter(fiveByNine, '2026-09-28T17:00:00+08:00', 4), '2026-09-29T12:00:00+08:00');
    });

    it('counts Wednesday 09-30 and then skips the holiday week', () => {
      // 1 h on Monday, 9 on Tuesday, 9 on Wednesday 09-30, then nothing until Thursday 10-08: 8 more end at 17:00.
      expectInstant(dueAfter(fiveByNine, '2026-09-28T17:00:00+08:00', 27), '2026-10-08T17:00:00+08:00');
      expectInstant(dueAfter(fiveByNine, '2026-09-30T17:00:00+08:00', 4), '2026-10-08T12:00:00+08:00');
      expect(isWorkingTime(fiveByNine, Date.parse('2026-10-01T10:00:00+08:00'))).toBe(false);
      expect(isWorkingTime(fiveByNine, Date.parse('2026-10-07T10:00:00+08:00'))).toBe(false);
      expectInstant(nextWorkingMoment(fiveByNine, Date.parse('2026-10-01T10:00:00+08:00')), '2026-10-08T09:00:00+08:00');
    });

    it('works the make-up Saturday 10-10 and Sunday 09-20, but not the weekend days around them', () => {
      expectInstant(dueAfter(fiveByNine, '2026-10-09T17:00:00+08:00', 4), '2026-10-10T12:00:00+08:00');
      expect(isWorkingTime(fiveByNine, Date.parse('2026-10-10T10:00:00+08:00'))).toBe(true);
      expect(isWorkingTime(fiveByNine, Date.parse('2026-10-11T10:00:00+08:00'))).toBe(false);
      expectInstant(dueAfter(fiveByNine, '2026-09-18T17:00:00+08:00', 4), '2026-09-20T12:00:00+08:00');
      expect(isWorkingTime(fiveByNine, Date.parse('2026-09-19T10:00:00+08:00'))).toBe(false);
    });

    it('counts the business hours of the fortnight around the holiday', () => {
      // 09-28, 09-29, 09-30, 10-08, 10-09 and the make-up Saturday 10-10, 9 hours each.
      expect(hoursBetween(fiveByNine, '2026-09-28T00:00:00+08:00', '2026-10-12T00:00:00+08:00')).toBe(54);
      expect(hoursBetween(fiveByNine, '2026-10-01T00:00:00+08:00', '2026-10-08T00:00:00+08:00')).toBe(0);
      expect(hoursBetween(fiveByNine, '2026-09-30T15:00:00+08:00', '2026-10-08T10:00:00+08:00')).toBe(4);
    });
  });

  describe('Spring Festival 2026: holiday 02-15 to 02-23, make-up working Saturdays 02-14 and 02-28', () => {
    it('works the make-up Saturdays', () => {
      expectInstant(dueAfter(fiveByNine, '2026-02-13T17:00:00+08:00', 4), '2026-02-14T12:00:00+08:00');
      expectInstant(dueAfter(fiveByNine, '2026-02-27T17:00:00+08:00', 4), '2026-02-28T12:00:00+08:00');
      expect(isWorkingTime(fiveByNine, Date.parse('2026-02-28T17:59:59+08:00'))).toBe(true);
    });

    it('skips the nine holiday days, Monday 02-23 included', () => {
      expectInstant(dueAfter(fiveByNine, '2026-02-14T17:00:00+08:00', 4), '2026-02-24T12:00:00+08:00');
      expect(isWorkingTime(fiveByNine, Date.parse('2026-02-23T10:00:00+08:00'))).toBe(false);
    });

    it('counts 02-14, 02-24 to 02-27 and 02-28 between 02-14 and 03-01', () => {
      expect(hoursBetween(fiveByNine, '2026-02-14T00:00:00+08:00', '2026-03-01T00:00:00+08:00')).toBe(6 * 9);
      expect(hoursBetween(fiveByNine, '2026-02-15T00:00:00+08:00', '2026-02-24T00:00:00+08:00')).toBe(0);
    });
  });

  describe('end of business day', () => {
    it('gives Monday 18:00 as the end of the next business day from a Friday evening', () => {
      expectInstant(endOfBusinessDay(fiveByNine, Date.parse('2026-11-20T20:00:00+08:00'), 1), '2026-11-23T18:00:00+08:00');
      expectInstant(endOfBusinessDay(fiveByNine, Date.parse('2026-11-20T20:00:00+08:00'), 2), '2026-11-24T18:00:00+08:00');
    });

    it("gives today's end with offset 0 even once it has passed, and the next working day's from a weekend", () => {
      expectInstant(endOfBusinessDay(fiveByNine, Date.parse('2026-11-20T20:00:00+08:00'), 0), '2026-11-20T18:00:00+08:00');
      expectInstant(endOfBusinessDay(fiveByNine, Date.parse('2026-11-21T10:00:00+08:00'), 0), '2026-11-23T18:00:00+08:00');
      expectInstant(endOfBusinessDay(fiveByNine, Date.parse('2026-11-21T10:00:00+08:00'), 1), '2026-11-23T18:00:00+08:00');
    });

    it('jumps the holiday from the last day before it, and counts the make-up Saturday', () => {
      expectInstant(endOfBusinessDay(fiveByNine, Date.parse('2026-09-30T15:00:00+08:00'), 1), '2026-10-08T18:00:00+08:00');
      expectInstant(endOfBusinessDay(fiveByNine, Date.parse('2026-09-30T15:00:00+08:00'), 3), '2026-10-10T18:00:00+08:00');
    });

    it('refuses an offset that is not a whole number of days', () => {
      expect(() => endOfBusinessDay(fiveByNine, 0, 1.5)).toThrow(RangeError);
      expect(() => endOfBusinessDay(fiveByNine, 0, -1)).toThrow(RangeError);
    });
  });

  it('refuses a negative or infinite duration and a start that is no instant', () => {
    expect(() => addBusinessTime(fiveByNine, 0, -1)).toThrow(RangeError);
    expect(() => addBusinessTime(fiveByNine, 0, Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => addBusinessTime(fiveByNine, Number.NaN, HOUR)).toThrow(RangeError);
  });
});

describe('5×9 in America/New_York across the 2026 clock changes', () => {
  const newYork = fiveByNineIn('America/New_York');

  it('reads 09:00–18:00 on the local clock on both sides of the spring-forward on Sunday 03-08', () => {
    // Friday 17:00 EST is 22:00Z; Monday runs 09:00–18:00 EDT, 13:00Z–22:00Z.
    expectInstant(dueAfter(newYork, '2026-03-06T17:00:00-05:00', 4), '2026-03-09T16:00:00Z');
    expect(isWorkingTime(newYork, Date.parse('2026-03-09T12:59:59Z'))).toBe(false);
    expect(isWorkingTime(newYork, Date.parse('2026-03-09T13:00:00Z'))).toBe(true);
    expectInstant(endOfBusinessDay(newYork, Date.parse('2026-03-06T20:00:00-05:00'), 1), '2026-03-09T22:00:00Z');
    expect(hoursBetween(newYork, '2026-03-06T00:00:00-05:00', '2026-03-10T00:00:00-04:00')).toBe(18);
  });

  it('reads the local clock after the fall-back on Sunday 11-01 too', () => {
    expectInstant(dueAfter(newYork, '2026-10-30T17:00:00-04:00', 4), '2026-11-02T17:00:00Z');
  });

  it('is one object per zone, shared by every caller', () => {
    expect(fiveByNineIn('America/New_York')).toBe(newYork);
    expect(fiveByNineIn()).toBe(FIVE_BY_NINE_SHANGHAI);
  });
});

describe('a calendar with a lunch break, 09:00–12:00 and 13:00–18:00', () => {
  const office = [
    { start: '09:00', end: '12:00' },
    { start: '13:00', end: '18:00' },
  ];
  const withLunch = businessCalendarSchema.parse({
    id: 'lunch',
    name: '午休 09:00–12:00, 13:00–18:00',
    timeZone: 'Asia/Shanghai',
    weekly: [[], office, office, office, office, office, []],
  });

  it('pauses over lunch: 4 business hours from 11:00 end at 16:00', () => {
    expectInstant(dueAfter(withLunch, '2026-11-23T11:00:00+08:00', 4), '2026-11-23T16:00:00+08:00');
    expect(hoursBetween(withLunch, '2026-11-23T11:00:00+08:00', '2026-11-23T16:00:00+08:00')).toBe(4);
  });

  it('ends a target that runs out at noon at 12:00, and starts one made over lunch at 13:00', () => {
    expectInstant(dueAfter(withLunch, '2026-11-23T11:00:00+08:00', 1), '2026-11-23T12:00:00+08:00');
    expectInstant(dueAfter(withLunch, '2026-11-23T12:30:00+08:00', 1), '2026-11-23T14:00:00+08:00');
    expect(isWorkingTime(withLunch, Date.parse('2026-11-23T12:30:00+08:00'))).toBe(false);
  });
});

describe('7×24', () => {
  it('counts every millisecond', () => {
    const start = Date.parse('2026-10-01T03:00:00+08:00');
    expect(addBusinessTime(TWENTY_FOUR_SEVEN, start, 27 * HOUR)).toBe(start + 27 * HOUR);
    expect(businessTimeBetween(TWENTY_FOUR_SEVEN, start, start + 5 * HOUR)).toBe(5 * HOUR);
    expect(isWorkingTime(TWENTY_FOUR_SEVEN, start)).toBe(true);
  });
});
