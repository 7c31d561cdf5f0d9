import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** The page cache of each connection, in KiB. */
export const PAGE_CACHE_KIB = 65_536;

/**
 * Pages the log may hold before a commit copies them back to the store itself: SQLite's 1,000. The
 * server hands checkpoints to a worker (store/walCheckpointer.ts) and falls back to this without it;
 * importers, the CLI and benches checkpoint inside every second 500-event commit (~770 pages each).
 * 10,000 was measured: commit CPU of a 2-day ingest ~−20 %, but the commit that does checkpoint then
 * copies the whole store and held the loop 150–170 ms instead of ~45 (bench:stall's API slices).
 */
export const WAL_AUTOCHECKPOINT_PAGES = 1_000;

/**
 * With a checkpoint worker, pages past which the writer still checkpoints inside its commit. The log only
 * starts over when a write begins with all of it copied back, and a writer that never pauses (an import)
 * gives the worker no such moment: a 1M-event import grew it to 1.7 GB beside a 471 MiB store. By the
 * time a commit crosses this, the worker has copied most of it, so the writer copies only the rest.
 */
export const WAL_CEILING_PAGES = 16_384;

const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Opens the store with the pragmas the ingest path depends on, and brings its schema up to date. */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // SQLite's default page cache is 2 MiB: each ingest batch touches the ticket, clock and rollup pages of
  // hundreds of tickets and missed them, reading them back from the OS per batch. 64 MiB, used only as filled.
  sqlite.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
  sqlite.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  // When the log starts over, the file is cut back to this, so one burst does not keep its disk space.
  sqlite.pragma(`journal_size_limit = ${WAL_CEILING_PAGES * 4096}`);
  const db = drizzle(sqlite, { schema }) as Db;
  migrate(db, { migrationsFolder });
  return db;
}
