import { describe, expect, it } from 'vitest';
import { TWENTY_FOUR_SEVEN, fiveByNineIn } from '../../shared/calendar/builtinCalendars';
import { formatCountdown, formatDuration } from '../i18n/formatDuration';
import { type ClockReadingSource, readClockAt, serverInstantOf } from './liveClock';
import { slaToneOf } from './slaTone';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('countdown formatting', () => {
  it('shows the two largest units, rounded down, per language', () => {
    expect(formatDuration(12 * MINUTE + 9_999, 'en')).toBe('12m 09s');
    expect(formatDuration(HOUR + 5 * MINUTE + 59_000, 'en')).toBe('1h 05m');
    expect(formatDuration(2 * 24 * HOUR + 3 * HOUR + 59 * MINUTE, 'en')).toBe('2d 03h');
    expect(formatDuration(HOUR + 5 * MINUTE, 'zh-CN')).toBe('1小时05分');
    expect(formatDuration(2 * 24 * HOUR + 3 * HOUR, 'zh-CN')).toBe('2天03小时');
    expect(formatDuration(0, 'en')).toBe('0m 00s');
  });

  it('writes time past a deadline as negative, rounding towards zero', () => {
    expect(formatDuration(-(20 * MINUTE + 500), 'zh-CN')).toBe('-20分00秒');
    expect(formatDuration(-(3 * HOUR + 7 * MINUTE), 'en')).toBe('-3h 07m');
    expect(formatDuration(-400, 'en')).toBe('-0m 00s');
  });

  it('says a countdown past due is overdue in words, never a minus after the word overdue, in both languages', () => {
    const overdue = -(23 * MINUTE + 16_000);
    expect(formatCountdown(overdue, 'zh-CN')).toBe('已超时 23分16秒');
    expect(formatCountdown(overdue, 'en')).toBe('Overdue by 23m 16s');
    expect(formatCountdown(overdue, 'en', { overdueInHeading: true })).toBe('23m 16s');
    expect(formatCountdown(HOUR + 8 * MINUTE, 'zh-CN')).toBe('1小时08分');
    expect(formatCountdown(0, 'en')).toBe('0m 00s');
    for (const locale of ['zh-CN', 'en']) for (const ms of [overdue, -3 * 24 * HOUR, -400]) expect(formatCountdown(ms, locale)).not.toMatch(/-/);
  });
});

describe('threshold colours', () => {
  it('is green below 75 % used, amber from 75 %, red from 100 % or when breached', () => {
    expect(slaToneOf(0)).toBe('ok');
    expect(slaToneOf(74.9)).toBe('ok');
    expect(slaToneOf(75)).toBe('warning');
    expect(slaToneOf(99.9)).toBe('warning');
    expect(slaToneOf(100)).toBe('breached');
    expect(slaToneOf(240)).toBe('breached');
    // A paused clock that reached its due instant is breached whatever share the server rounded to.
    expect(slaToneOf(60, true)).toBe('breached');
    // A 72 h clock 18 s from due reads 100.0 % to a tenth; the reading says it has not passed.
    expect(slaToneOf(100, false)).toBe('warning');
  });

  it("turns amber at the clock's own first warning level, where its ticket counts at risk, and never without one", () => {
    expect(slaToneOf(59.9, false, 60)).toBe('ok');
    expect(slaToneOf(60, false, 60)).toBe('warning');
    expect(slaToneOf(80, false, 90)).toBe('ok');
    expect(slaToneOf(99.9, false, null)).toBe('ok');
    expect(slaToneOf(100, true, null)).toBe('breached');
  });
});

/** A clock read by the server at `readAt`, due `dueAt`, having counted `elapsed` of business or calendar time. */
function clockAt(readAt: number, dueAt: number, elapsed: { business: number; calendar: number }, percent: number): ClockReadingSource {
  return {
    state: 'active',
    breached: readAt >= dueAt,
    dueAt: new Date(dueAt).toISOString(),
    remainingMs: dueAt - readAt,
    elapsedBusinessMs: elapsed.business,
    elapsedCalendarMs: elapsed.calendar,
    percent,
  };
}

describe('live clock reading in the browser', () => {
  it('takes the server instant from the clock, so a skewed browser still counts down to the right moment', () => {
    const readAt = Date.parse('2026-11-23T10:30:00+08:00');
    const clock = clockAt(readAt, readAt + 10 * MINUTE, { business: 20 * MINUTE, calendar: 20 * MINUTE }, 66.7);
    expect(serverInstantOf(clock)).toBe(readAt);
    const later = readClockAt(clock, TWENTY_FOUR_SEVEN, readAt + 25 * MINUTE);
    expect(later.remainingMs).toBe(-15 * MINUTE);
    expect(later.breached).toBe(true);
    expect(later.percent).toBe(150);
  });

  it('counts only working hours on a business calendar: a night adds nothing to the share used', () => {
    const calendar = fiveByNineIn('Asia/Shanghai');
    // Monday 17:00 with 7 of 9 business hours used: one hour left today, one on Tuesday, so due Tuesday 10:00.
    const readAt = Date.parse('2026-11-23T17:00:00+08:00');
    const dueAt = Date.parse('2026-11-24T10:00:00+08:00');
    const clock = clockAt(readAt, dueAt, { business: 7 * HOUR, calendar: 8 * HOUR }, 77.8);
    const beforeWork = readClockAt(clock, calendar, Date.parse('2026-11-24T08:00:00+08:00'));
    expect(beforeWork.percent).toBe(88.9);
    expect(beforeWork.remainingMs).toBe(2 * HOUR);
    // Before work the clock rests: one working hour is left, and it stays one hour until 09:00.
    expect(beforeWork.countedRemainingMs).toBe(HOUR);
    expect(beforeWork.counting).toBe(false);
    expect(readClockAt(clock, calendar, Date.parse('2026-11-23T23:00:00+08:00')).countedRemainingMs).toBe(HOUR);
    const morning = readClockAt(clock, calendar, Date.parse('2026-11-24T09:30:00+08:00'));
    expect(morning.percent).toBe(94.4);
    expect(morning.breached).toBe(false);
    expect(morning.countedRemainingMs).toBe(30 * MINUTE);
    expect(morning.counting).toBe(true);
  });

  it('leaves a paused clock as the server read it', () => {
    const readAt = Date.parse('2026-11-23T10:30:00+08:00');
    const paused = { ...clockAt(readAt, readAt + HOUR, { business: HOUR, calendar: HOUR }, 50), state: 'paused' as const };
    expect(readClockAt(paused, TWENTY_FOUR_SEVEN, readAt + 5 * HOUR)).toEqual({ remainingMs: HOUR, percent: 50, breached: false, countedRemainingMs: HOUR, counting: false });
  });
});
