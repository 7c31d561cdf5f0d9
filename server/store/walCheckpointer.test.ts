import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { type Db, WAL_AUTOCHECKPOINT_PAGES, WAL_CEILING_PAGES, openDatabase } from '../../db/connection';
import { type WalCheckpointer, startWalCheckpointer } from './walCheckpointer';

const dirs: string[] = [];
const open: { db: Db; checkpointer: WalCheckpointer | null }[] = [];

function storeInTempDir(): { db: Db; path: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'wal-checkpointer-'));
  dirs.push(dir);
  const path = join(dir, 'ops.db');
  return { db: openDatabase(path), path, dir };
}

/** Rows that reached the main database file itself: a copy of it without its log sees only those. */
function rowsInMainFile(path: string, dir: string): number {
  const copy = join(dir, `copy-${Math.random().toString(36).slice(2)}.db`);
  copyFileSync(path, copy);
  const reader = new Database(copy, { readonly: true });
  try {
    const created = reader.prepare("select 1 from sqlite_master where name = 'notes'").get();
    return created ? (reader.prepare('select count(*) as n from notes').get() as { n: number }).n : 0;
  } finally {
    reader.close();
  }
}

function writeNotes(db: Db, count: number): void {
  db.$client.exec('create table if not exists notes (id integer primary key, body text not null)');
  const insert = db.$client.prepare('insert into notes (body) values (?)');
  db.$client.transaction(() => {
    for (let i = 0; i < count; i++) insert.run(`note ${i} `.repeat(120));
  })();
}

afterEach(async () => {
  for (const { db, checkpointer } of open.splice(0)) {
    await checkpointer?.stop();
    db.$client.close();
  }
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the WAL checkpointer', () => {
  it('takes automatic checkpoints off the writer and copies committed pages from its own thread', async () => {
    const { db, path, dir } = storeInTempDir();
    const lines: string[] = [];
    const checkpointer = startWalCheckpointer(db, { intervalMs: 60_000, log: (line) => lines.push(line) });
    open.push({ db, checkpointer });
    expect(db.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(WAL_CEILING_PAGES);

    // About four notes a page: well past the writer's own threshold, yet it copied nothing back itself.
    const notes = 4 * (WAL_AUTOCHECKPOINT_PAGES + 1000);
    writeNotes(db, notes);
    expect(rowsInMainFile(path, dir)).toBe(0);

    const result = await checkpointer!.checkpointNow();
    expect(result.busy).toBe(0);
    expect(result.log).toBeGreaterThan(WAL_AUTOCHECKPOINT_PAGES);
    expect(result.checkpointed).toBe(result.log);
    expect(rowsInMainFile(path, dir)).toBe(notes);
    expect(lines).toEqual([]);
  });

  it('keeps the log bounded under a writer that never pauses for the worker to catch up', async () => {
    const { db, path } = storeInTempDir();
    const checkpointer = startWalCheckpointer(db, { intervalMs: 60_000, ceilingPages: 300, log: () => {} });
    open.push({ db, checkpointer });
    let largestLog = 0;
    // Twenty commits of ~100 pages each, back to back: 2,000 pages if the log only ever grew.
    for (let commit = 0; commit < 20; commit++) {
      writeNotes(db, 400);
      largestLog = Math.max(largestLog, statSync(`${path}-wal`).size);
    }
    expect(largestLog / 4096).toBeLessThan(600);
  });

  it('checkpoints on its interval without being asked', async () => {
    const { db, path, dir } = storeInTempDir();
    const checkpointer = startWalCheckpointer(db, { intervalMs: 50, log: () => {} });
    open.push({ db, checkpointer });
    writeNotes(db, 2000);
    await expect.poll(() => rowsInMainFile(path, dir), { interval: 50 }).toBe(2000);
  });

  it('gives checkpointing back to the writer once it stops', async () => {
    const { db } = storeInTempDir();
    const checkpointer = startWalCheckpointer(db, { intervalMs: 60_000, log: () => {} });
    open.push({ db, checkpointer: null });
    await checkpointer!.stop();
    expect(db.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(WAL_AUTOCHECKPOINT_PAGES);
  });

  it('leaves an in-memory store alone', () => {
    const db = openDatabase(':memory:');
    open.push({ db, checkpointer: null });
    expect(startWalCheckpointer(db, { intervalMs: 50, log: () => {} })).toBeNull();
    expect(db.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(WAL_AUTOCHECKPOINT_PAGES);
  });
});
