import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { formatCountdown, formatDuration } from './formatDuration';

/** The browser's own zone: a wall clock shows the time where the wall hangs. */
const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * Intl formatters for the current language, rebuilt only when it changes (building them is the costly part).
 * A fresh set of functions per language also tells components such as the chart to redraw their labels.
 */
export function useLocaleFormat() {
  const { locale } = useI18n();
  return computed(() => {
    const count = new Intl.NumberFormat(locale.value, { maximumFractionDigits: 0 });
    const time = new Intl.DateTimeFormat(locale.value, { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    const hour = new Intl.DateTimeFormat(locale.value, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const date = new Intl.DateTimeFormat(locale.value, { timeZone, month: 'long', day: 'numeric', weekday: 'long' });
    const zone = new Intl.DateTimeFormat(locale.value, { timeZone, timeZoneName: 'shortOffset' });
    const dateTime = new Intl.DateTimeFormat(locale.value, { timeZone, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const percent = new Intl.NumberFormat(locale.value, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const decimal = new Intl.NumberFormat(locale.value, { minimumFractionDigits: 1, maximumFractionDigits: 2 });
    return {
      timeZone,
      count: (value: number) => count.format(value),
      time: (epochMs: number) => time.format(epochMs),
      hour: (epochMs: number) => hour.format(epochMs),
      date: (epochMs: number) => date.format(epochMs),
      /** Month, day and time: for instants within the last weeks, such as a ticket's events. */
      dateTime: (epochMs: number) => dateTime.format(epochMs),
      /** A fraction 0–1 as a percentage. */
      percent: (fraction: number) => percent.format(fraction),
      decimal: (value: number) => decimal.format(value),
      /** A span such as a countdown; negative past a deadline. */
      duration: (ms: number) => formatDuration(ms, locale.value),
      /** Time left on a clock, or past due "Overdue by …" in words: the one way every screen shows a countdown. */
      countdown: (remainingMs: number, options?: { overdueInHeading?: boolean }) => formatCountdown(remainingMs, locale.value, options),
      /** The offset can change with daylight saving, so it is worked out for the instant shown. */
      zone: (epochMs: number) => {
        const offset = zone.formatToParts(epochMs).find((part) => part.type === 'timeZoneName')?.value;
        return offset ? `${timeZone} (${offset})` : timeZone;
      },
    };
  });
}

export type LocaleFormat = ReturnType<typeof useLocaleFormat>['value'];
