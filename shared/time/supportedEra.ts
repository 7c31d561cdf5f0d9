import { toIso } from './isoInstant';

/**
 * The instants the product computes with: business-time arithmetic, zone lookups and rollups are
 * defined, and cheap, between these bounds. The ingest bounds (EVENT_EARLIEST_AT, EVENT_MAX_AHEAD_MS)
 * must lie inside them, so nothing from outside ever reaches the arithmetic.
 *
 * Why bounded at all: working time over a span costs a zone lookup per week it covers, and a span of
 * ten thousand years would hold the event loop for seconds.
 */
export const ERA_START_MS = Date.UTC(1970, 0, 1);
export const ERA_END_MS = Date.UTC(2100, 0, 1);

export function isWithinEra(epochMs: number): boolean {
  return Number.isFinite(epochMs) && epochMs >= ERA_START_MS && epochMs < ERA_END_MS;
}

/** Thrown by the arithmetic for an instant outside the era, instead of walking to it. */
export class InstantOutOfEraError extends RangeError {
  constructor(epochMs: number) {
    super(`instant ${Number.isFinite(epochMs) ? toIso(epochMs) : epochMs} is outside 1970-01-01 – 2100-01-01, the span business time is computed over`);
    this.name = 'InstantOutOfEraError';
  }
}
