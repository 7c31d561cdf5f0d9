/**
 * A zone's UTC offset at an instant, and the instant it changes, read from Intl so that the answer is
 * the same whatever the process's own zone. The 'longOffset' zone name ("GMT+05:30") carries the offset
 * in a single formatting call.
 */
const offsetNameFormatters = new Map<string, Intl.DateTimeFormat>();

function offsetNameFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = offsetNameFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetNameFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone name ends the formatted text ("1/1/2026, GMT+08:00"); format is twice as fast as formatToParts. */
const OFFSET_NAME = /GMT(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
export function zoneOffsetAt(epochMs: number, timeZone: string): number {
  const name = offsetNameFormatter(timeZone).format(epochMs);
  const match = OFFSET_NAME.exec(name);
  if (!match) throw new Error(`cannot read the UTC offset of ${timeZone} from '${name}'`);
  const [, sign, hours = '0', minutes = '0', seconds = '0'] = match;
  const magnitude = ((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000;
  return sign === '-' ? -magnitude : magnitude;
}

/**
 * The first instant in (fromMs, toMs] at which the zone's offset differs from its offset at fromMs, or
 * null when it does not change. Assumes at most one change in the range, which holds for a day.
 * Offsets change on whole seconds, so the search stops at one-second resolution.
 */
export function firstOffsetChange(fromMs: number, toMs: number, timeZone: string): number | null {
  const offsetBefore = zoneOffsetAt(fromMs, timeZone);
  if (zoneOffsetAt(toMs, timeZone) === offsetBefore) return null;
  let unchanged = fromMs;
  let changed = toMs;
  while (changed - unchanged > 1000) {
    const middle = unchanged + Math.max(1000, Math.floor((changed - unchanged) / 2000) * 1000);
    if (middle >= changed) break;
    if (zoneOffsetAt(middle, timeZone) === offsetBefore) unchanged = middle;
    else changed = middle;
  }
  return changed;
}
