import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Db, openDatabase } from '../../db/connection';

/** A real SQLite file, migrated, in a fresh temp dir of its own. */
export interface TempDb {
  readonly dir: string;
  readonly path: string;
  readonly db: Db;
  /** Closes the connection and opens the same file again, as a restarted process would; `db` is then the new one. */
  reopen(): Db;
  /** Closes the connection and removes the dir. */
  close(): void;
}

export function openTempDb(prefix = 'ops-test-'): TempDb {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const path = join(dir, 'ops.db');
  let db = openDatabase(path);
  return {
    dir,
    path,
    get db() {
      return db;
    },
    reopen() {
      db.$client.close();
      db = openDatabase(path);
      return db;
    },
    close() {
      if (db.$client.open) db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
