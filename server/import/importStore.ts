import { type Db, openDatabase } from '../../db/connection';
import { claimStoreWriter } from '../../db/writerClaim';
import { startWalCheckpointer } from '../store/walCheckpointer';

export interface ImportStore {
  db: Db;
  /** Stops the checkpoint worker, closes the store and gives up the claim. */
  close(): Promise<void>;
}

/**
 * The store an import writes, claimed for this process until closed: StoreInUseError when a server or
 * another import holds it (db/writerClaim.ts), before anything is opened or written. Its log is
 * checkpointed by a worker, as the server's is: inside the import's commits the copying and its fsync
 * held the importing thread, which then sat idle for a seventh of a 1M-event import.
 */
export function openImportStore(path: string, log: (line: string) => void = (line) => console.error(line)): ImportStore {
  const claim = claimStoreWriter(path);
  let db: Db | undefined;
  // Whatever failed before it, the store is closed and then the claim given up.
  const shut = () => {
    try {
      if (db?.$client.open) db.$client.close();
    } finally {
      claim.release();
    }
  };
  try {
    db = openDatabase(path);
    const checkpointer = startWalCheckpointer(db, { log });
    return {
      db,
      async close() {
        try {
          await checkpointer?.stop();
        } finally {
          shut();
        }
      },
    };
  } catch (error) {
    shut();
    throw error;
  }
}
