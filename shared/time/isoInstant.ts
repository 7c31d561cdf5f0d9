import { z } from 'zod';

/**
 * An instant on the wire: ISO 8601 with an explicit offset or Z, turned into UTC epoch milliseconds.
 * A timestamp without a zone is refused because the sender's local zone is unknowable here.
 */
export const isoInstant = z
  .iso.datetime({ offset: true, message: 'must be an ISO 8601 timestamp with a time zone offset, e.g. 2026-11-23T09:15:00+08:00' })
  .transform((text) => Date.parse(text));

export function toIso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
