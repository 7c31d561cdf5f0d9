import { afterEach, describe, expect, it } from 'vitest';
import { type TempDb, openTempDb } from '../test/support/tempDb';
import { PAGE_CACHE_KIB } from './connection';

describe('openDatabase', () => {
  let temp: TempDb;
  afterEach(() => temp.close());

  it('opens the store in WAL mode with a page cache of 64 MiB, not SQLite’s 2 MiB', () => {
    temp = openTempDb();
    expect(temp.db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(PAGE_CACHE_KIB).toBe(65_536);
    expect(temp.db.$client.pragma('cache_size', { simple: true })).toBe(-PAGE_CACHE_KIB);
  });
});
