import { utcFromFields } from '../time/utcFields';
/**
 * Local calendar dates as day numbers (days since 1970-01-01 on the proleptic Gregorian calendar).
 * A day number names a date, not an instant: which instants it covers depends on the zone.
 */
export const DAY_MS = 86_400_000;

export function dayNumberOf(isoDate: string): number {
  return utcFromFields(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)), Number(isoDate.slice(8, 10))) / DAY_MS;
}

export function isoDateOf(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday; day 0 was a Thursday. */
export function weekdayOf(dayNumber: number): number {
  return ((dayNumber % 7) + 11) % 7;
}

/** Every date from first to last inclusive, as YYYY-MM-DD. */
export function datesBetween(first: string, last: string): string[] {
  const dates: string[] = [];
  for (let day = dayNumberOf(first); day <= dayNumberOf(last); day++) dates.push(isoDateOf(day));
  return dates;
}
