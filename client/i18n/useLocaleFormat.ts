import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { formatCountdown, formatDuration } from './formatDuration';

/** The browser's own zone: a wall clock shows the time where the wall hangs. */
const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * Intl formatters for the current language, rebuilt only when it changes (building them is the costly part).
 * A fresh set of functions per language also tells components such as the chart to redraw their labels.
 */
export function useLocaleFormat() {
  const { locale } = useI18n();
  return computed(() => localeFormat(locale.value));
}

/**
 * The formatters for one language. A decimal figure (a mean score, a rate per 100 tickets) always
 * shows two places, so 4.50 stands beside 4.58 and does not read as a coarser figure.
 */
export function localeFormat(language: string, timeZone = browserZone) {
  const count = new Intl.NumberFormat(language, { maximumFractionDigits: 0 });
  const time = new Intl.DateTimeFormat(language, { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  const hour = new Intl.DateTimeFormat(language, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const date = new Intl.DateTimeFormat(language, { timeZone, month: 'long', day: 'numeric', weekday: 'long' });
  const zone = new Intl.DateTimeFormat(language, { timeZone, timeZoneName: 'shortOffset' });
  const dateTime = new Intl.DateTimeFormat(language, { timeZone, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const monthDay = new Intl.DateTimeFormat(language, { timeZone, month: '2-digit', day: '2-digit' });
  const percent = new Intl.NumberFormat(language, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const decimal = new Intl.NumberFormat(language, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const tenths = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
  return {
    timeZone,
    count: (value: number) => count.format(value),
    time: (epochMs: number) => time.format(epochMs),
    hour: (epochMs: number) => hour.format(epochMs),
    date: (epochMs: number) => date.format(epochMs),
    /** Month, day and time: for instants within the last weeks, such as a ticket's events. */
    dateTime: (epochMs: number) => dateTime.format(epochMs),
    /** Month and day alone ("12/07"): the day under a time that is not today's. */
    monthDay: (epochMs: number) => monthDay.format(epochMs),
    /** A fraction 0–1 as a percentage. */
    percent: (fraction: number) => percent.format(fraction),
    decimal: (value: number) => decimal.format(value),
    /** Progress to a tenth, whole numbers bare (1.5 days, 2 days): two fixed places would read as a measured figure. */
    tenths: (value: number) => tenths.format(value),
    /** A span such as a countdown; negative past a deadline. */
    duration: (ms: number) => formatDuration(ms, language),
    /** Time left on a clock, or past due "Overdue by …" in words: the one way every screen shows a countdown. */
    countdown: (remainingMs: number, options?: { overdueInHeading?: boolean }) => formatCountdown(remainingMs, language, options),
    /** The offset can change with daylight saving, so it is worked out for the instant shown. */
    zone: (epochMs: number) => {
      const offset = zone.formatToParts(epochMs).find((part) => part.type === 'timeZoneName')?.value;
      return offset ? `${timeZone} (${offset})` : timeZone;
    },
  };
}

export type LocaleFormat = ReturnType<typeof localeFormat>;
