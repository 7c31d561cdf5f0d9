/**
 * Calendar arithmetic in a named IANA zone, independent of the process's own zone.
 * Formatters are cached because constructing Intl.DateTimeFormat dominates the cost.
 */
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The local calendar day of an instant in a zone, as YYYY-MM-DD. */
export function localDayKey(epochMs: number, timeZone: string): string {
  return dayFormatter(timeZone).format(epochMs);
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const HOUR_MS = 3_600_000;

export function hourBucket(epochMs: number): number {
  return Math.floor(epochMs / HOUR_MS) * HOUR_MS;
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();

/** Wall-clock fields of an instant in a zone (hour 0–23, weekday 0 = Sunday). */
export function localClock(epochMs: number, timeZone: string): { hour: number; minute: number; weekday: number } {
  let formatter = partFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', hour: 'numeric', minute: 'numeric', weekday: 'short' });
    partFormatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(epochMs);
  const field = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(field('weekday'));
  return { hour: Number(field('hour')), minute: Number(field('minute')), weekday };
}
