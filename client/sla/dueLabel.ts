import type { LocaleFormat } from '../i18n/useLocaleFormat';

/** A due instant as read on this screen: the time alone today, with the date on any other day. */
export function dueLabel(format: LocaleFormat, dueAt: number, now: number): string {
  return new Date(dueAt).toDateString() === new Date(now).toDateString() ? format.hour(dueAt) : format.dateTime(dueAt);
}
