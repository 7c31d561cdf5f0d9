import type { IngestResult } from '../../shared/ingest/eventSchema';
import { nextTurn } from '../eventLoopSlices';
import type { IngestService } from './ingestService';

/**
 * Events per transaction on the live entry (the HTTP API). A 500-event transaction holds the event
 * loop for far more than the 50 ms a dashboard tolerates; a slice this size, with a loop turn before
 * the next, holds it for a fifth of that.
 */
export const LIVE_INGEST_SLICE = 100;

/**
 * Holds whatever judges the store as a whole (the alert rounds) until released: between slices the
 * store holds part of a batch, a ticket created 9 days ago without the resolution sent beside it.
 */
export type WholeBatchHold = () => () => void;

/**
 * Ingests a batch as slices committed in turn, the loop yielded between them, and answers as one
 * ingest of the whole batch would: counts summed, rejections by their index in the batch as sent.
 * It resolves only after the last slice has committed, and `hold` is held until then. A failure part
 * way leaves the slices before it stored; idempotency makes the sender's retry of the whole batch safe.
 */
export async function ingestInSlices(
  ingestService: Pick<IngestService, 'ingest'>,
  rawEvents: readonly unknown[],
  source: string,
  hold?: WholeBatchHold,
  slice = LIVE_INGEST_SLICE,
): Promise<IngestResult> {
  const whole: IngestResult = { accepted: 0, duplicates: 0, rejected: [] };
  const release = rawEvents.length > slice ? hold?.() : undefined;
  try {
    for (let start = 0; start < rawEvents.length; start += slice) {
      if (start > 0) await nextTurn();
      const result = ingestService.ingest(rawEvents.slice(start, start + slice), source);
      whole.accepted += result.accepted;
      whole.duplicates += result.duplicates;
      for (const rejection of result.rejected) whole.rejected.push({ ...rejection, index: rejection.index + start });
    }
  } finally {
    release?.();
  }
  return whole;
}
