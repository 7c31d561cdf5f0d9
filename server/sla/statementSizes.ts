/**
 * A statement over a list of ids or rows is prepared once per length, and each ingest batch has its own
 * number of tickets and changed clocks: without these, most batches prepared their statements afresh
 * (a 2-day bench run spent ~40 ms preparing in the SLA stage alone).
 */

/** Ids padded to a multiple of `step` by repeating the first: `in (…)` ignores the repeats. */
export function paddedIds(ids: readonly string[], step = 25): readonly string[] {
  const short = (step - (ids.length % step)) % step;
  if (ids.length === 0 || short === 0) return ids;
  const padded = [...ids];
  for (let index = 0; index < short; index += 1) padded.push(ids[0]!);
  return padded;
}

/** Rows cut into runs of `largest` and, for the rest, power-of-two runs: a few statement lengths in all. */
export function inFixedRuns<Row>(rows: readonly Row[], largest: number): Row[][] {
  const runs: Row[][] = [];
  let start = 0;
  for (; start + largest <= rows.length; start += largest) runs.push(rows.slice(start, start + largest));
  for (let size = largest >> 1; size >= 1; size >>= 1) {
    if (rows.length - start < size) continue;
    runs.push(rows.slice(start, start + size));
    start += size;
  }
  return runs;
}
