import { performance } from 'node:perf_hooks';

/** Real milliseconds background work may hold the event loop before it lets other work in. */
export const SLICE_MS = 10;

/** Rows one step of a prune deletes at most, so each step holds the event loop for a moment only. */
export const PRUNE_CHUNK = 500;

/**
 * The steps of one chunked delete: `deleteChunk` deletes at most `limit` rows and says how many it
 * did; a full chunk means there may be more, so it goes again after the step.
 */
export function* deletionSteps(deleteChunk: (limit: number) => number): Generator<void, void> {
  while (deleteChunk(PRUNE_CHUNK) === PRUNE_CHUNK) yield;
  yield;
}

/**
 * One loop turn: a timer, not an immediate. Work started from a timer that yielded with an immediate
 * would run again in the same turn, before any other timer had its chance.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Runs a long job's steps a slice at a time with a loop turn between slices: the job takes a little
 * longer, and dashboards, requests and ingest are served all through it.
 */
export async function runInSlices(steps: Iterator<unknown>, options: { sliceMs?: number; signal?: AbortSignal } = {}): Promise<void> {
  const sliceMs = options.sliceMs ?? SLICE_MS;
  for (;;) {
    const started = performance.now();
    do {
      if (options.signal?.aborted || steps.next().done) return;
    } while (performance.now() - started < sliceMs);
    await nextTurn();
  }
}
