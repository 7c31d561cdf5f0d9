import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/** Another process writes the store: a running server (or its engine), or an import. */
export class StoreInUseError extends Error {}

export interface StoreClaim {
  release(): void;
}

/**
 * Claims the store at `path` for this process's writer, or throws StoreInUseError when another
 * process holds it. The server keeps each ticket's fold, its SLA clocks and the live figures in
 * memory and assumes it alone writes the store; an import beside it would leave those stale and
 * have the next event written from a ticket state that is no longer the log's.
 *
 * The claim is an exclusive SQLite lock on a small file beside the store (`<path>-writer`), held
 * for the life of the process: the operating system drops it when the process ends, even killed,
 * so a crash leaves nothing to clean up.
 */
export function claimStoreWriter(path: string): StoreClaim {
  if (path === ':memory:') return { release: () => {} };
  mkdirSync(dirname(path), { recursive: true });
  const lock = new Database(`${path}-writer`, { timeout: 0 });
  try {
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.exec('begin exclusive');
  } catch (error) {
    lock.close();
    if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
    throw new StoreInUseError(
      `the store ${path} is being written by another process (a running server, or an import): stop it first, or send the events to the running server's POST /api/v1/events`,
    );
  }
  claims.add(lock);
  return {
    release() {
      claims.delete(lock);
      lock.close();
    },
  };
}

/** Held here so that a claim nobody keeps a reference to is not closed, and its lock dropped, by the garbage collector. */
const claims = new Set<Database.Database>();
