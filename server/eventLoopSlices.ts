import { performance } from 'node:perf_hooks';

/** Real milliseconds background work may hold the event loop before it lets other work in. */
export const SLICE_MS = 10;

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
