import { z } from 'zod';

/**
 * An instant on the wire: ISO 8601 with an explicit offset or Z, turned into UTC epoch milliseconds.
 * A timestamp without a zone is refused because the sender's local zone is unknowable here.
 */
export const isoInstant = z
  .iso.datetime({ offset: true, message: 'must be an ISO 8601 timestamp with a time zone offset, e.g. 2026-11-23T09:15:00+08:00' })
  .transform((text) => Date.parse(text));

/** The last instant a JavaScript Date holds, either side of 1970 (about 275,760 years). */
const DATE_LIMIT_MS = 8.64e15;

/**
 * An instant as ISO 8601 in UTC. A stored integer past what a Date can hold (a database written before
 * instants were bounded, a due time summed past the limit) is shown as the limit, never thrown on, so
 * one such row does not break the page or list it is on.
 */
export function toIso(epochMs: number): string {
  return new Date(Math.min(DATE_LIMIT_MS, Math.max(-DATE_LIMIT_MS, epochMs))).toISOString();
}
