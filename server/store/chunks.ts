/** SQLite caps bound parameters per statement; large IN lists and multi-row inserts go in slices. */
export const SQL_CHUNK = 500;

export function chunked<T>(items: readonly T[], size = SQL_CHUNK): T[][] {
  const slices: T[][] = [];
  for (let start = 0; start < items.length; start += size) slices.push(items.slice(start, start + size));
  return slices;
}
