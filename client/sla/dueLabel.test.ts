import { describe, expect, it } from 'vitest';
import { localeFormat } from '../i18n/useLocaleFormat';
import { dueLabel, isOtherDay } from './dueLabel';

/**
 * The day is judged in the zone the times are shown in. Two display zones 18 hours apart: whatever zone the
 * test process runs in, its midnight falls between `now` and `due` for at most one of them.
 */
const cases = [
  { timeZone: 'Asia/Shanghai', now: '2026-12-07T23:50:00+08:00', due: '2026-12-08T00:05:00+08:00', day: '12/08' },
  { timeZone: 'Pacific/Honolulu', now: '2026-12-07T23:50:00-10:00', due: '2026-12-08T00:05:00-10:00', day: '12/08' },
];

describe('a due time near midnight', () => {
  it('has its date when it falls after midnight in the display zone, in both languages, and none when the day is the same', () => {
    for (const { timeZone, now, due, day } of cases) {
      for (const language of ['zh-CN', 'en']) {
        const format = localeFormat(language, timeZone);
        expect(isOtherDay(format, Date.parse(due), Date.parse(now)), `${timeZone} ${language}`).toBe(true);
        expect(dueLabel(format, Date.parse(due), Date.parse(now))).toContain(day);
        expect(dueLabel(format, Date.parse(due), Date.parse(due) + 60 * 60_000)).toBe('00:05');
      }
    }
  });
});
