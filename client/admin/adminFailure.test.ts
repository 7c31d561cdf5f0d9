import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import en from '../i18n/en';
import zhCN from '../i18n/zh-CN';
import { ICS_REASONS } from '../../shared/calendar/icsHolidays';
import { type FailureNaming, failureText } from './adminFailure';

function namingIn(locale: 'en' | 'zh-CN', sent: unknown = null): FailureNaming {
  const { t, te } = createI18n({ legacy: false, locale, messages: { en, 'zh-CN': zhCN } }).global;
  return {
    t: (key, values) => t(key, values ?? {}),
    te: (key) => te(key),
    sentAt: (path) => path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | null)?.[key], sent),
    centerName: (id) => (id === 'sh-01' ? '上海浦东服务中心' : id),
  };
}

describe('admin refusals in the page language', () => {
  it('names a refused center of an ingest token by name, not the server’s English', () => {
    const failure = { status: 400, code: 'unknown_reference', issues: [{ path: 'centerIds.0', message: "unknown center 'sh-01'" }] };
    const zh = failureText(failure, namingIn('zh-CN', { centerIds: ['sh-01'] }));
    expect(zh).toEqual({ title: '未保存：引用了组织中不存在的对象。', lines: ['授权服务中心 “上海浦东服务中心”：不存在'] });
    expect(failureText(failure, namingIn('en', { centerIds: ['sh-01'] })).lines).toEqual(['Granted centers “上海浦东服务中心”: does not exist']);
  });

  it('says which source already has a token', () => {
    const text = failureText({ status: 409, code: 'source_taken', issues: [{ path: 'source', message: 'already has a token' }] }, namingIn('zh-CN'));
    expect(text.title).toContain('该来源系统已有接入令牌');
    expect(text.lines).toEqual(['来源系统：已有令牌']);
  });

  it('reads each refused ICS line by its number and reason', () => {
    const failure = {
      status: 400,
      code: 'invalid_ics',
      issues: [
        { path: 'line.11', reason: 'not_all_day', message: "DTSTART '20260105T090000Z' is not an all-day date (DTSTART;VALUE=DATE:YYYYMMDD)" },
        { path: 'line.13', reason: 'recurring_event', message: 'recurring events (RRULE) are not supported: list each year as its own event' },
        { path: 'line.20', reason: 'unclosed_begin', message: 'BEGIN:VCALENDAR is never closed by END:VCALENDAR' },
        { path: '', reason: 'no_event', message: 'holds no VEVENT' },
      ],
    };
    expect(failureText(failure, namingIn('zh-CN'))).toEqual({
      title: '文件中没有读到任何节假日。',
      lines: ['文件第 11 行：事件不是全天日期', '文件第 13 行：不支持重复事件，请把每年的节假日分别列为一个事件', '文件第 20 行：此 BEGIN 没有对应的 END', '文件中没有日历事件（VEVENT）'],
    });
    expect(failureText(failure, namingIn('en')).lines).toEqual([
      'Line 11 of the file: the event is not an all-day date',
      'Line 13 of the file: repeating events are not read; list each year’s holiday as its own event',
      'Line 20 of the file: this BEGIN is never closed by its END',
      'the file holds no calendar event (VEVENT)',
    ]);
  });

  it('reads every ICS reason code the parser can give in both languages, and an unknown or missing code as unreadable, never by the English wording', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const naming = namingIn(locale);
      const unreadable = naming.t('admin.failure.ics.unreadable');
      for (const reason of ICS_REASONS) expect(naming.te(`admin.failure.ics.${reason}`), `${locale} ${reason}`).toBe(true);
      const lines = failureText({ status: 400, code: 'invalid_ics', issues: [{ path: 'line.3', reason: 'from_a_newer_server', message: 'x' }, { path: 'line.4', message: 'recurring events (RRULE) are not supported' }] }, naming).lines;
      expect(lines).toEqual([naming.t('admin.failure.icsLine', { line: 3, reason: unreadable }), naming.t('admin.failure.icsLine', { line: 4, reason: unreadable })]);
    }
  });
});
