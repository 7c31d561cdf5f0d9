import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { Db } from './connection';
import * as schema from './schema';

/**
 * The store as an edge (ROLE=edge) opens it: read-only, never migrated, never written. The engine owns
 * the file and its schema; an edge that starts first waits for the engine to have made it.
 */
export function openReadOnlyDatabase(path: string): Db {
  const sqlite = new Database(path, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  return drizzle(sqlite, { schema }) as Db;
}
