import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { type Db, WAL_AUTOCHECKPOINT_PAGES, WAL_CEILING_PAGES } from '../../db/connection';

/**
 * How often the worker checkpoints. The log starts over only when a write begins with all of it copied back,
 * so the worker must catch up within the pauses between commits: at 1,000 ms, API slices of a 7-day store at
 * 2,000 events/s found it caught up ~45 times in 978 commits, it grew to the ceiling and 6–17 commits copied
 * the rest themselves (65–105 ms each); at 100 ms it started over ~190 times, never passed 8,700 pages and no
 * commit took over 50 ms (bench:stall, docs/PERFORMANCE.md). A check with nothing to copy costs next to nothing.
 */
export const CHECKPOINT_INTERVAL_MS = 100;

/**
 * The worker's whole program, plain JavaScript so it runs the same under tsx, vitest and a build.
 * PASSIVE copies what it can without waiting for the writer or readers and never blocks them; the
 * writer rewinds the log itself once a checkpoint has copied all of it.
 */
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driverPath);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const checkpoint = (requested) => {
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    if (requested) parentPort.postMessage({ kind: 'checkpoint', ...result });
  } catch (error) {
    parentPort.postMessage({ kind: 'failed', requested, message: String(error) });
  }
};
setInterval(() => checkpoint(false), workerData.intervalMs);
parentPort.on('message', () => checkpoint(true));
`;

export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

export interface WalCheckpointer {
  /** Checkpoints now rather than at the next interval, and says what it copied. */
  checkpointNow(): Promise<CheckpointResult>;
  stop(): Promise<void>;
}

/**
 * SQLite's automatic checkpoint runs inside whichever commit crosses its threshold, copying and
 * fsyncing pages on the event loop: 30–40 ms about once a minute under the simulator at 10×. The
 * writer's connection leaves it to a worker thread with its own connection, but for a log grown past
 * `ceilingPages` (WAL_CEILING_PAGES), which a writer that never pauses would otherwise grow without bound.
 * If the worker dies, the writer checkpoints itself again at SQLite's usual threshold.
 */
export function startWalCheckpointer(db: Db, options: { intervalMs?: number; ceilingPages?: number; log: (line: string) => void }): WalCheckpointer | null {
  const sqlite = db.$client;
  if (sqlite.memory || sqlite.pragma('journal_mode', { simple: true }) !== 'wal') return null;
  const driverPath = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driverPath, path: sqlite.name, intervalMs: options.intervalMs ?? CHECKPOINT_INTERVAL_MS } });
  worker.unref();
  sqlite.pragma(`wal_autocheckpoint = ${options.ceilingPages ?? WAL_CEILING_PAGES}`);
  let stopping = false;
  const waiting: { resolve: (result: CheckpointResult) => void; reject: (error: Error) => void }[] = [];

  const fallBack = (reason: string) => {
    if (stopping || !sqlite.open) return;
    sqlite.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    options.log(`wal checkpointer stopped (${reason}); the writer checkpoints itself again`);
  };
  worker.on('message', (message: ({ kind: 'checkpoint' } & CheckpointResult) | { kind: 'failed'; requested: boolean; message: string }) => {
    if (message.kind === 'checkpoint') waiting.shift()?.resolve({ busy: message.busy, log: message.log, checkpointed: message.checkpointed });
    else if (message.requested) waiting.shift()?.reject(new Error(message.message));
    else options.log(`wal checkpoint failed: ${message.message}`);
  });
  worker.on('error', (error) => fallBack(error.message));
  worker.on('exit', (code) => fallBack(`exit ${code}`));

  return {
    checkpointNow() {
      return new Promise((resolve, reject) => {
        waiting.push({ resolve, reject });
        worker.postMessage('checkpoint');
      });
    },
    async stop() {
      stopping = true;
      await worker.terminate();
      if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    },
  };
}
