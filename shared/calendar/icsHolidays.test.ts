import { describe, expect, it } from 'vitest';
import { parseIcsHolidays } from './icsHolidays';

/** A feed from its lines, CRLF-separated as RFC 5545 writes them. */
function feed(...lines: string[]): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//holidays//ZH', ...lines, 'END:VCALENDAR', ''].join('\r\n');
}

function allDay(date: string, summary: string, ...more: string[]): string[] {
  return ['BEGIN:VEVENT', `UID:${date}@test`, `DTSTART;VALUE=DATE:${date}`, ...more, `SUMMARY:${summary}`, 'END:VEVENT'];
}

describe('parseIcsHolidays', () => {
  it('takes a single all-day event as one holiday', () => {
    expect(parseIcsHolidays(feed(...allDay('20260101', '元旦')))).toEqual({ holidays: [{ date: '2026-01-01', name: '元旦' }], errors: [] });
  });

  it('reads DTEND as the day after the last holiday, and DURATION in days or weeks', () => {
    const { holidays, errors } = parseIcsHolidays(
      feed(...allDay('20261001', '国庆节', 'DTEND;VALUE=DATE:20261008'), ...allDay('20260219', '春节', 'DURATION:P2D'), ...allDay('20260501', '劳动节', 'DURATION:P1W')),
    );
    expect(errors).toEqual([]);
    expect(holidays.filter((holiday) => holiday.name === '国庆节').map((holiday) => holiday.date)).toEqual([
      '2026-10-01',
      '2026-10-02',
      '2026-10-03',
      '2026-10-04',
      '2026-10-05',
      '2026-10-06',
      '2026-10-07',
    ]);
    expect(holidays.filter((holiday) => holiday.name === '春节').map((holiday) => holiday.date)).toEqual(['2026-02-19', '2026-02-20']);
    expect(holidays.filter((holiday) => holiday.name === '劳动节')).toHaveLength(7);
  });

  it('returns the holidays in date order, the first event naming a date that two cover', () => {
    const { holidays } = parseIcsHolidays(feed(...allDay('20261002', '国庆节', 'DTEND;VALUE=DATE:20261004'), ...allDay('20261001', '中秋节', 'DTEND;VALUE=DATE:20261003')));
    expect(holidays).toEqual([
      { date: '2026-10-01', name: '中秋节' },
      { date: '2026-10-02', name: '国庆节' },
      { date: '2026-10-03', name: '国庆节' },
    ]);
  });

  it('unfolds lines continued with a space or a tab, and unescapes text', () => {
    const text = feed('BEGIN:VEVENT', 'DTSTART;VALUE=DATE:', ' 20261225', 'SUMMARY:Christmas\\, Boxing', '\t Day\\; office closed', 'END:VEVENT');
    expect(parseIcsHolidays(text)).toEqual({ holidays: [{ date: '2026-12-25', name: 'Christmas, Boxing Day; office closed' }], errors: [] });
  });

  it('reads LF, CRLF and a byte-order mark alike', () => {
    const crlf = feed(...allDay('20260405', '清明节'));
    const lf = `\uFEFF${crlf.replaceAll('\r\n', '\n')}`;
    expect(parseIcsHolidays(lf)).toEqual(parseIcsHolidays(crlf));
    expect(parseIcsHolidays(lf).holidays).toEqual([{ date: '2026-04-05', name: '清明节' }]);
  });

  it('reports a date-time or broken DTSTART at its own line and still returns the good events', () => {
    const text = feed(
      ...allDay('20260101', '元旦'), // lines 4–8
      'BEGIN:VEVENT', // 9
      'UID:meeting@test',
      'DTSTART:20260105T090000Z', // 11
      'SUMMARY:Kick-off',
      'END:VEVENT',
      'BEGIN:VEVENT', // 14
      'UID:broken@test',
      'SUMMARY:Broken',
      'DTSTART;VALUE=DATE:20260230', // 17
      'END:VEVENT',
      ...allDay('20261001', '国庆节', 'DTEND;VALUE=DATE:20261003'),
    );
    const { holidays, errors } = parseIcsHolidays(text);
    expect(holidays).toEqual([
      { date: '2026-01-01', name: '元旦' },
      { date: '2026-10-01', name: '国庆节' },
      { date: '2026-10-02', name: '国庆节' },
    ]);
    expect(errors).toEqual([
      { line: 11, reason: 'not_all_day', message: "DTSTART '20260105T090000Z' is not an all-day date (DTSTART;VALUE=DATE:YYYYMMDD)" },
      { line: 17, reason: 'not_all_day', message: "DTSTART '20260230' is not an all-day date (DTSTART;VALUE=DATE:YYYYMMDD)" },
    ]);
  });

  it('counts the physical lines of folded text in line numbers', () => {
    const text = feed('BEGIN:VEVENT', 'SUMMARY:A long', '  name', 'DTSTART:', ' 20260101T000000', 'END:VEVENT');
    expect(parseIcsHolidays(text).errors).toEqual([{ line: 7, reason: 'not_all_day', message: "DTSTART '20260101T000000' is not an all-day date (DTSTART;VALUE=DATE:YYYYMMDD)" }]);
  });

  it('reports what is missing at BEGIN:VEVENT, and a bad end at the property', () => {
    const text = feed('BEGIN:VEVENT', 'SUMMARY:No start', 'END:VEVENT', ...allDay('20260102', 'Backwards', 'DTEND;VALUE=DATE:20260102'), ...allDay('20260103', 'Hours', 'DURATION:PT8H'));
    expect(parseIcsHolidays(text)).toEqual({
      holidays: [],
      errors: [
        { line: 4, reason: 'missing_dtstart', message: 'VEVENT has no DTSTART' },
        { line: 10, reason: 'ends_before_start', message: 'the event must end after it starts (DTEND is the day after the last holiday)' },
        { line: 16, reason: 'partial_day_duration', message: "DURATION 'PT8H' is not a whole number of days or weeks" },
      ],
    });
  });

  it('skips cancelled events, refuses recurring ones and ignores the properties of an alarm', () => {
    const text = feed(
      ...allDay('20260101', 'Called off', 'STATUS:CANCELLED'),
      ...allDay('20260102', 'Every year', 'RRULE:FREQ=YEARLY'),
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20260103',
      'BEGIN:VALARM',
      'SUMMARY:Reminder',
      'DTSTART;VALUE=DATE:20260110',
      'END:VALARM',
      'SUMMARY:Bridge day',
      'END:VEVENT',
    );
    expect(parseIcsHolidays(text)).toEqual({
      holidays: [{ date: '2026-01-03', name: 'Bridge day' }],
      errors: [{ line: 13, reason: 'recurring_event', message: 'recurring events (RRULE) are not supported: list each year as its own event' }],
    });
  });

  it('refuses an unnamed event and one spanning more than a year, each with its own reason code', () => {
    const text = feed('BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20260101', 'END:VEVENT', ...allDay('20260201', 'Sabbatical', 'DTEND;VALUE=DATE:20270301'));
    expect(parseIcsHolidays(text).errors).toEqual([
      { line: 4, reason: 'missing_summary', message: 'VEVENT has no SUMMARY to name the holiday' },
      { line: 10, reason: 'spans_too_long', message: 'the event spans 393 days, more than 366' },
    ]);
  });

  it('reports unbalanced components and lines that are not properties', () => {
    const mismatched = ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'just text', 'END:VTODO', 'END:VCALENDAR', 'END:VCALENDAR'].join('\r\n');
    expect(parseIcsHolidays(mismatched).errors).toEqual([
      { line: 3, reason: 'not_a_content_line', message: "'just text' is not a NAME:value line" },
      { line: 4, reason: 'unmatched_end', message: 'END:VTODO does not close BEGIN:VEVENT of line 2' },
      { line: 6, reason: 'unmatched_end', message: 'END:VCALENDAR does not close any BEGIN' },
    ]);
    const unclosed = ['BEGIN:VCALENDAR', ...allDay('20260101', '元旦')].join('\n');
    expect(parseIcsHolidays(unclosed)).toEqual({
      holidays: [{ date: '2026-01-01', name: '元旦' }],
      errors: [{ line: 1, reason: 'unclosed_begin', message: 'BEGIN:VCALENDAR is never closed by END:VCALENDAR' }],
    });
  });
});
