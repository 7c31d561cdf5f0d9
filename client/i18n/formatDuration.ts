const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** Unit words per language; Chinese writes them without spaces, English with a thin gap. */
const UNITS = {
  'zh-CN': { day: '天', hour: '小时', minute: '分', second: '秒', gap: '', overdue: (span: string) => `已超时 ${span}` },
  en: { day: 'd', hour: 'h', minute: 'm', second: 's', gap: ' ', overdue: (span: string) => `Overdue by ${span}` },
} as const;

type UnitLocale = keyof typeof UNITS;

function unitsFor(locale: string): (typeof UNITS)[UnitLocale] {
  return locale.startsWith('zh') ? UNITS['zh-CN'] : UNITS.en;
}

const twoDigits = (value: number) => String(value).padStart(2, '0');

/**
 * A span as a person reads it at a glance: the two largest units only (2d 03h, 1h 05m, 12m 09s),
 * rounded down, with a leading minus for time past a deadline.
 */
export function formatDuration(ms: number, locale: string): string {
  const units = unitsFor(locale);
  const sign = ms < 0 ? '-' : '';
  const total = Math.floor(Math.abs(ms) / SECOND_MS) * SECOND_MS;
  const days = Math.floor(total / DAY_MS);
  const hours = Math.floor((total % DAY_MS) / HOUR_MS);
  const minutes = Math.floor((total % HOUR_MS) / MINUTE_MS);
  const seconds = Math.floor((total % MINUTE_MS) / SECOND_MS);
  const join = (a: string, b: string) => `${sign}${a}${units.gap}${b}`;
  if (days > 0) return join(`${days}${units.day}`, `${twoDigits(hours)}${units.hour}`);
  if (hours > 0) return join(`${hours}${units.hour}`, `${twoDigits(minutes)}${units.minute}`);
  return join(`${minutes}${units.minute}`, `${twoDigits(seconds)}${units.second}`);
}

/**
 * A countdown on every screen that shows one (breach desk, wall, ticket page, engineer page): the time left,
 * or past the deadline the time over in words ("Overdue by 23m 16s"), never a minus sign after a word that
 * already says overdue. Under a heading that says so ("Overdue by"), `overdueInHeading` leaves the bare span.
 */
export function formatCountdown(remainingMs: number, locale: string, { overdueInHeading = false } = {}): string {
  if (remainingMs >= 0) return formatDuration(remainingMs, locale);
  const span = formatDuration(-remainingMs, locale);
  return overdueInHeading ? span : unitsFor(locale).overdue(span);
}
