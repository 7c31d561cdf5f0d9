/**
 * UTC epoch milliseconds of calendar fields, for every year. Date.UTC reads years 0–99 as 1900–1999,
 * which once turned a ticket of year 1 into one of 1901 and sent a calendar search looking for working
 * time in the wrong millennium; setUTCFullYear takes the year as given. Out-of-range fields roll over
 * as with Date.UTC (month 13 is January of the next year).
 */
export function utcFromFields(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime();
}
