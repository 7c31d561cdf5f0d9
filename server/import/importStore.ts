import { type Db, openDatabase } from '../../db/connection';
import { claimStoreWriter } from '../../db/writerClaim';

export interface ImportStore {
  db: Db;
  close(): void;
}

/**
 * The store an import writes, claimed for this process until closed: StoreInUseError when a server or
 * another import holds it (db/writerClaim.ts), before anything is opened or written.
 */
export function openImportStore(path: string): ImportStore {
  const claim = claimStoreWriter(path);
  try {
    const db = openDatabase(path);
    return {
      db,
      close() {
        db.$client.close();
        claim.release();
      },
    };
  } catch (error) {
    claim.release();
    throw error;
  }
}
