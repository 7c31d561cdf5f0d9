import { describe, expect, it } from 'vitest';
import { type BusinessCalendarInput, businessCalendarSchema } from './calendarSchema';

const OFFICE = [{ start: '09:00', end: '18:00' }];

function calendar(overrides: Partial<BusinessCalendarInput> = {}): BusinessCalendarInput {
  return {
    id: 'sh-office',
    name: '上海办公时间',
    timeZone: 'Asia/Shanghai',
    weekly: [[], OFFICE, OFFICE, OFFICE, OFFICE, OFFICE, []],
    ...overrides,
  };
}

/** Monday's hours replaced, the rest of the week as in calendar(). */
function withMonday(monday: { start: string; end: string }[]): BusinessCalendarInput {
  return calendar({ weekly: [[], monday, OFFICE, OFFICE, OFFICE, OFFICE, []] });
}

function issuesOf(input: unknown): { path: string; message: string }[] {
  const result = businessCalendarSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

describe('businessCalendarSchema', () => {
  it('accepts a calendar with holidays and make-up days, defaulting the lists to empty', () => {
    const parsed = businessCalendarSchema.parse(calendar());
    expect(parsed.holidays).toEqual([]);
    expect(parsed.workdays).toEqual([]);
    const full = calendar({
      holidays: [{ date: '2026-10-01', name: '国庆节' }],
      workdays: [{ date: '2026-10-10', name: '国庆节调休' }, { date: '2026-09-20', name: '半天', intervals: [{ start: '09:00', end: '12:00' }] }],
    });
    expect(issuesOf(full)).toEqual([]);
  });

  it('accepts intervals that touch, and 24:00 as the end of the day', () => {
    expect(issuesOf(withMonday([{ start: '00:00', end: '12:00' }, { start: '12:00', end: '24:00' }]))).toEqual([]);
  });

  it('rejects overlapping intervals at the later one', () => {
    expect(issuesOf(withMonday([{ start: '09:00', end: '12:00' }, { start: '11:00', end: '18:00' }]))).toEqual([
      { path: 'weekly.1.1', message: '11:00–18:00 overlaps 09:00–12:00' },
    ]);
  });

  it('rejects intervals out of time order, saying which must come first', () => {
    expect(issuesOf(withMonday([{ start: '13:00', end: '18:00' }, { start: '09:00', end: '12:00' }]))).toEqual([
      { path: 'weekly.1.1', message: "09:00–12:00 must come before 13:00–18:00: list a day's intervals in time order" },
    ]);
  });

  it('rejects an interval that ends before it starts, or as it starts, at its end', () => {
    expect(issuesOf(withMonday([{ start: '18:00', end: '09:00' }]))).toEqual([{ path: 'weekly.1.0.end', message: 'must end after it starts' }]);
    expect(issuesOf(withMonday([{ start: '09:00', end: '09:00' }]))).toEqual([{ path: 'weekly.1.0.end', message: 'must end after it starts' }]);
  });

  it('reports a malformed time once, at that time only', () => {
    expect(issuesOf(withMonday([{ start: '9:00', end: '18:00' }]))).toEqual([
      { path: 'weekly.1.0.start', message: 'must be a time HH:MM from 00:00 to 24:00' },
    ]);
    expect(issuesOf(withMonday([{ start: '09:00', end: '24:30' }, { start: '10:00', end: '11:00' }]))).toEqual([
      { path: 'weekly.1.0.end', message: 'must be a time HH:MM from 00:00 to 24:00' },
    ]);
  });

  it('rejects an unknown time zone', () => {
    expect(issuesOf(calendar({ timeZone: 'Asia/Beijing' }))).toEqual([
      { path: 'timeZone', message: "unknown time zone 'Asia/Beijing': must be an IANA zone such as Asia/Shanghai" },
    ]);
  });

  it('rejects a week of other than 7 days', () => {
    expect(issuesOf(calendar({ weekly: [OFFICE, OFFICE, OFFICE, OFFICE, OFFICE] }))).toEqual([
      { path: 'weekly', message: 'must list the hours of 7 days, Sunday first' },
    ]);
  });

  it('rejects a calendar without any working time', () => {
    expect(issuesOf(calendar({ weekly: [[], [], [], [], [], [], []], holidays: [{ date: '2026-10-01', name: '国庆节' }] }))).toEqual([
      { path: 'weekly', message: 'calendar has no working time: every day of the weekly pattern is empty and no make-up working day has hours' },
    ]);
  });

  it('accepts an empty week when make-up days bring their own hours, but not a make-up day left to empty Monday hours', () => {
    const empty = [[], [], [], [], [], [], []];
    expect(issuesOf(calendar({ weekly: empty, workdays: [{ date: '2026-10-10', name: '值班', intervals: OFFICE }] }))).toEqual([]);
    expect(issuesOf(calendar({ weekly: [[], [], OFFICE, OFFICE, OFFICE, OFFICE, []], workdays: [{ date: '2026-10-10', name: '调休' }] }))).toEqual([
      { path: 'workdays.0.intervals', message: 'make-up working day 2026-10-10 has no hours: give intervals, as Monday has none to default to' },
    ]);
  });

  it('rejects a holiday date listed twice at the second entry', () => {
    const holidays = [
      { date: '2026-10-01', name: '国庆节' },
      { date: '2026-10-02', name: '国庆节' },
      { date: '2026-10-01', name: '国庆节（重复）' },
    ];
    expect(issuesOf(calendar({ holidays }))).toEqual([{ path: 'holidays.2.date', message: '2026-10-01 is listed twice (also holidays[0])' }]);
  });

  it('rejects a date that is both a holiday and a make-up working day at the make-up day', () => {
    const input = calendar({ holidays: [{ date: '2026-10-10', name: '国庆节' }], workdays: [{ date: '2026-10-10', name: '国庆节调休' }] });
    expect(issuesOf(input)).toEqual([{ path: 'workdays.0.date', message: '2026-10-10 is both a holiday and a make-up working day' }]);
  });

  it('rejects a date that is not on the calendar', () => {
    expect(issuesOf(calendar({ holidays: [{ date: '2026-02-30', name: '不存在' }] }))).toEqual([
      { path: 'holidays.0.date', message: 'must be a calendar date YYYY-MM-DD' },
    ]);
  });
});
