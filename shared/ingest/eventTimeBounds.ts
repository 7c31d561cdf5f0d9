import { z } from 'zod';
import { ERA_END_MS, ERA_START_MS } from '../time/supportedEra';
import type { FieldError } from './eventSchema';

/**
 * How far from the server's clock an event may be stamped. A source system with a broken clock
 * (year 1000, year 9999, the Unix epoch from an unset field) would otherwise open tickets whose SLA
 * clocks span centuries; those events are refused one by one and the rest of their batch is kept.
 */
export interface EventTimeBounds {
  /** The earliest `at` accepted, epoch ms. */
  earliestMs: number;
  /** How far after the server's clock an `at` may lie. */
  maxAheadMs: number;
}

const DAY_MS = 86_400_000;
export const MAX_EVENT_AHEAD_MS = 366 * DAY_MS;
export const DEFAULT_EVENT_TIME_BOUNDS: EventTimeBounds = { earliestMs: Date.UTC(2000, 0, 1), maxAheadMs: DAY_MS };

/** EVENT_EARLIEST_AT: a date (read as UTC midnight) or an instant with a zone, inside the supported era. */
export const eventEarliestSchema = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })], { error: 'must be a date (2000-01-01) or an ISO 8601 timestamp with a zone' })
  .transform((text) => Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text))
  .refine((epochMs) => epochMs >= ERA_START_MS && epochMs < ERA_END_MS, 'must lie between 1970-01-01 and 2100-01-01');

/** EVENT_MAX_AHEAD_MS: from 0 (nothing after the server's clock) to a year. */
export const eventMaxAheadSchema = z.coerce
  .number({ error: 'must be a number of milliseconds' })
  .int('must be a whole number of milliseconds')
  .min(0, 'must not be negative')
  .max(MAX_EVENT_AHEAD_MS, `must be at most ${MAX_EVENT_AHEAD_MS} (366 days)`);

/** The instants an event may carry at `now`: [earliest, now + maxAhead], and never past the era. */
export function eventTimeWindow(bounds: EventTimeBounds, now: number): { from: number; to: number } {
  return { from: bounds.earliestMs, to: Math.min(now + bounds.maxAheadMs, ERA_END_MS - 1) };
}

/**
 * Why an event's instants fall outside the window at `now`, field by field; null when they do not.
 * Made once per batch: it runs for every event offered, so the window is worked out once and an
 * event in bounds costs two comparisons.
 */
export function eventTimeCheck(bounds: EventTimeBounds, now: number): (event: { at: number; data: unknown }) => FieldError[] | null {
  const { from, to } = eventTimeWindow(bounds, now);
  const outside = (path: string, epochMs: number): FieldError =>
    epochMs < from
      ? { path, message: `must not be before ${new Date(from).toISOString()}` }
      : { path, message: `must not be after ${new Date(to).toISOString()} (${bounds.maxAheadMs / 3_600_000} h after the server's clock)` };
  return (event) => {
    const appointmentAt = (event.data as { appointmentAt?: unknown } | null)?.appointmentAt;
    // An appointment may be booked well ahead, but not outside the era the clocks are computed in.
    const appointmentOut = typeof appointmentAt === 'number' && (appointmentAt < from || appointmentAt >= ERA_END_MS);
    const atOut = event.at < from || event.at > to;
    if (!atOut && !appointmentOut) return null;
    const errors: FieldError[] = atOut ? [outside('at', event.at)] : [];
    if (appointmentOut) errors.push({ path: 'data.appointmentAt', message: `must lie between ${new Date(from).toISOString()} and ${new Date(ERA_END_MS).toISOString()}` });
    return errors;
  };
}
