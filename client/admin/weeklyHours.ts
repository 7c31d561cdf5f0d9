import { z } from 'zod';
import { type ClockInterval, clockIntervalSchema } from '../../shared/calendar/calendarSchema';

/** A day's working hours as typed: "09:00-12:00, 13:00-18:00" (the gap is the break); empty for a day off. */
export const dayHoursTextSchema = z
  .string()
  .transform((text) => text.split(/[,，;；]/).map((part) => part.trim()).filter((part) => part !== ''))
  .pipe(z.array(z.string().transform((part) => {
    const [start = '', end = ''] = part.split(/\s*[-–~至]\s*/);
    return { start, end };
  }).pipe(clockIntervalSchema)));

export function dayHoursText(intervals: readonly ClockInterval[]): string {
  return intervals.map((interval) => `${interval.start}-${interval.end}`).join(', ');
}
