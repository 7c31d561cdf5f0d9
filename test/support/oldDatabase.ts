import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';

const MIGRATIONS = join(import.meta.dirname, '..', '..', 'db', 'migrations');

/**
 * Writes the database a release would have left at `path`: migrated up to and including migration
 * number `last` only, with `write` run on it as the code of that day would have. Opening it with
 * openDatabase afterwards migrates it forward, as a server upgraded in place does.
 */
export function writeOldDatabase(path: string, last: number, write: (sqlite: Database.Database) => void): void {
  const folder = join(path, '..', `migrations-up-to-${last}`);
  mkdirSync(join(folder, 'meta'), { recursive: true });
  cpSync(MIGRATIONS, folder, { recursive: true });
  const journal = JSON.parse(readFileSync(join(MIGRATIONS, 'meta', '_journal.json'), 'utf8')) as { entries: { idx: number }[] };
  writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.filter((entry) => entry.idx <= last) }));
  const sqlite = new Database(path);
  try {
    migrate(drizzle(sqlite), { migrationsFolder: folder });
    write(sqlite);
  } finally {
    sqlite.close();
  }
}
