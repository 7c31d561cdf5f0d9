/**
 * How many of the navigation's entries fit in `available` pixels, in order; the rest go behind a
 * "More" button of width `moreWidth`, which itself needs room once anything overflows.
 */
export function fittingEntryCount(entryWidths: readonly number[], moreWidth: number, available: number, gap: number): number {
  const all = entryWidths.reduce((sum, width) => sum + width, 0) + gap * Math.max(0, entryWidths.length - 1);
  if (all <= available) return entryWidths.length;
  let used = moreWidth;
  let count = 0;
  for (const width of entryWidths) {
    if (used + gap + width > available) break;
    used += gap + width;
    count += 1;
  }
  return count;
}
