import { utcFromFields } from './utcFields';
/**
 * A wall-clock time read in a named IANA zone, turned into a UTC instant without consulting the
 * process's own zone: the zone's offsets come from Intl, so the result is the same on any machine.
 */
export interface WallTime {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const DAY_MS = 86_400_000;

/** True when the fields name a real calendar minute (no 31 April, no 24:00). */
export function isValidWallTime(wall: WallTime): boolean {
  const { year, month, day, hour, minute } = wall;
  if (![year, month, day, hour, minute].every(Number.isInteger)) return false;
  if (hour > 23 || minute > 59 || hour < 0 || minute < 0) return false;
  const date = new Date(utcFromFields(year, month, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

function offsetFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    offsetFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const parts = offsetFormatter(timeZone).formatToParts(epochMs);
  const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value);
  const wallAsUtc = utcFromFields(field('year'), field('month'), field('day'), field('hour'), field('minute'), field('second'));
  return wallAsUtc - Math.floor(epochMs / 1000) * 1000;
}

/**
 * The instant a wall-clock time names in a zone. Around a daylight-saving change the answer follows
 * Temporal's "compatible" rule: a time that occurs twice is the earlier instant, and a time skipped
 * by the change is read with the offset in force before it, which lands just after the change.
 */
export function wallTimeToEpoch(wall: WallTime, timeZone: string): number {
  const wallAsUtc = utcFromFields(wall.year, wall.month, wall.day, wall.hour, wall.minute);
  // Offsets a day apart bracket any change at this wall time; zones do not change twice within a day.
  const offsetBefore = zoneOffsetMs(wallAsUtc - DAY_MS, timeZone);
  const offsetAfter = zoneOffsetMs(wallAsUtc + DAY_MS, timeZone);
  const candidates = [...new Set([offsetBefore, offsetAfter])]
    .map((offset) => wallAsUtc - offset)
    .filter((epochMs) => zoneOffsetMs(epochMs, timeZone) === wallAsUtc - epochMs);
  return candidates.length > 0 ? Math.min(...candidates) : wallAsUtc - offsetBefore;
}
