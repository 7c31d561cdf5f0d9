import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WAL_CEILING_PAGES } from '../../db/connection';
import { StoreInUseError, claimStoreWriter } from '../../db/writerClaim';
import { type TempDb, openTempDb } from '../../test/support/tempDb';
import { openImportStore } from './importStore';

describe('the store an import writes', () => {
  let temp: TempDb;
  let path: string;
  beforeEach(() => {
    temp = openTempDb('import-store-');
    path = join(temp.dir, 'imported.db');
  });
  afterEach(() => temp.close());

  it('is claimed for the import until closed', async () => {
    const store = openImportStore(path);
    expect(() => claimStoreWriter(path)).toThrow(StoreInUseError);
    await store.close();
    claimStoreWriter(path).release();
  });

  it('is not even opened while another process claims it, and the claim stays its holder\'s', async () => {
    const server = claimStoreWriter(path);
    expect(() => openImportStore(path)).toThrow(StoreInUseError);
    expect(existsSync(path)).toBe(false);
    expect(() => claimStoreWriter(path)).toThrow(StoreInUseError);
    server.release();
    await openImportStore(path).close();
  });

  it('has its log checkpointed by a worker, not inside the import\'s own commits', async () => {
    const store = openImportStore(path, () => {});
    expect(store.db.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(WAL_CEILING_PAGES);
    await store.close();
  });
});
