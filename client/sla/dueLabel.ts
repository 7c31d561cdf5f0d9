import type { LocaleFormat } from '../i18n/useLocaleFormat';

/** Whether `dueAt` falls on another day than `now` in the zone the screen shows its times in, not the process's. */
export function isOtherDay(format: LocaleFormat, dueAt: number, now: number): boolean {
  return format.monthDay(dueAt) !== format.monthDay(now);
}

/** A due instant as read on this screen: the time alone today, with the date on any other day. */
export function dueLabel(format: LocaleFormat, dueAt: number, now: number): string {
  return isOtherDay(format, dueAt, now) ? format.dateTime(dueAt) : format.hour(dueAt);
}
