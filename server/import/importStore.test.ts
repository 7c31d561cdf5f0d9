import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

  it('is claimed for the import until closed', () => {
    const store = openImportStore(path);
    expect(() => claimStoreWriter(path)).toThrow(StoreInUseError);
    store.close();
    claimStoreWriter(path).release();
  });

  it('is not even opened while another process claims it, and the claim stays its holder\'s', () => {
    const server = claimStoreWriter(path);
    expect(() => openImportStore(path)).toThrow(StoreInUseError);
    expect(existsSync(path)).toBe(false);
    expect(() => claimStoreWriter(path)).toThrow(StoreInUseError);
    server.release();
    openImportStore(path).close();
  });
});
