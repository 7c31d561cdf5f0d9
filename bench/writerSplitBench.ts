/**
 * What a writer thread could give ingest, measured before building it (issue 21). Ingest runs as the
 * server runs it, every engine on, with each statement call timed and each write recorded with its
 * parameters. Then the recorded writes are replayed batch by batch, one transaction each, into a second
 * store brought to the same start (every table then compared row by row): the work a worker owning the
 * writer connection would do. What is left on the ingesting thread is the ingest time less its writes and
 * SQLite's commit; its reads stay there and count there (a writer thread would also have to serve them
 * from caches or wait for writes in flight, which this bound leaves out). With the two threads
 * overlapped, an event costs the larger of the two, plus copying its writes to the worker (structured
 * clone, measured). The same traffic is first ingested without the instrument, as the baseline the bound
 * is compared with; the instrument's own cost falls in the ingesting thread's remainder, against the
 * bound. It also schedules, from the recorded run's calls in time, the simpler design: the one connection moved
 * to a worker, writes queued to it and every call whose answer ingest uses waiting for the queue (no cost
 * counted for handing a statement over). Prints figures; asserts nothing. BENCH_DAYS (2), BENCH_BATCH (500).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../db/connection';
import { createCore } from '../server/core';
import { type DemoHistoryNetwork, demoHistoryNetwork } from '../server/import/demoHistory';
import { upsertHistoryReferences } from '../server/import/historyImport';
import { startWalCheckpointer } from '../server/store/walCheckpointer';
import type { WireEvent } from './appendCeiling';
import { demoTraffic, shuffled } from './benchTraffic';

const DAYS = Number(process.env.BENCH_DAYS ?? 2);
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
const NOW = Date.parse('2026-11-23T12:00:00+08:00');
const dir = mkdtempSync(join(tmpdir(), 'writer-split-'));

/** One write as the ingesting thread issued it: the statement's text and its parameters. */
type Write = [sql: string, args: unknown[]];

/**
 * A statement call in time, for the other design: the one connection moved to a worker, writes queued to it,
 * and a call whose answer ingest uses (a read, or the event append with its row id) waiting for the queue.
 */
interface Call {
  at: number;
  end: number;
  waits: boolean;
}

/** Statement calls timed and writes recorded, for every statement the store prepares from here on. */
const recorder = { on: false, readMs: 0, writeMs: 0, batch: [] as Write[], calls: [] as Call[] };
const copied = (arg: unknown) => (Array.isArray(arg) ? [...arg] : arg !== null && typeof arg === 'object' && !Buffer.isBuffer(arg) ? { ...arg } : arg);
const prepare = Database.prototype.prepare;
Database.prototype.prepare = function recordedPrepare(this: Database.Database, sql: string) {
  const statement = prepare.call(this, sql);
  const timed = (method: 'run' | 'get' | 'all' | 'iterate') => {
    const call = statement[method] as (...args: unknown[]) => unknown;
    return function (this: unknown, ...args: unknown[]) {
      if (!recorder.on) return call.apply(this, args);
      const started = performance.now();
      try {
        return call.apply(this, args);
      } finally {
        const ended = performance.now();
        const ms = ended - started;
        const write = method === 'run' && statement.reader === false;
        recorder.calls.push({ at: started, end: ended, waits: !write || sql.startsWith('insert into ticket_events') });
        // Copied: a writer may hand the same parameter array to every call, refilled.
        if (write) {
          recorder.writeMs += ms;
          recorder.batch.push([sql, args.map(copied)]);
        } else recorder.readMs += ms;
      }
    };
  };
  statement.run = timed('run') as typeof statement.run;
  statement.get = timed('get') as typeof statement.get;
  statement.all = timed('all') as typeof statement.all;
  statement.iterate = timed('iterate') as typeof statement.iterate;
  return statement;
} as typeof prepare;

/** The tables whose rows differ between two stores, every row of every table compared. */
function tablesDiffering(a: Database.Database, b: Database.Database): string[] {
  const tables = a.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`).pluck().all() as string[];
  const digest = (db: Database.Database, table: string) => {
    const rows = (db.prepare(`select * from "${table}"`).raw().all() as unknown[][]).map((row) => JSON.stringify(row)).sort();
    return createHash('sha256').update(rows.join('\n')).digest('hex');
  };
  return tables.filter((table) => digest(a, table) !== digest(b, table));
}

function freshCore(network: DemoHistoryNetwork, name: string) {
  const core = createCore(openDatabase(join(dir, `${name}.db`)), { now: () => NOW });
  upsertHistoryReferences(core.referenceService, network.references);
  return core;
}

/** Both sides checkpoint their log in a worker, as the server does. */
async function checkpointed<T>(core: ReturnType<typeof freshCore>, work: () => T): Promise<T> {
  const checkpointer = startWalCheckpointer(core.db, { log: (line) => console.log(line) });
  try {
    return work();
  } finally {
    await checkpointer?.stop();
  }
}

/** Ingest as the server runs it, timed; with `record`, every write kept batch by batch. */
async function ingest(network: DemoHistoryNetwork, name: string, wire: readonly WireEvent[], record: boolean) {
  const core = freshCore(network, name);
  const batches: Write[][] = [];
  const timelines: BatchTimeline[] = [];
  recorder.readMs = 0;
  recorder.writeMs = 0;
  const part = (name: string) => core.ingestMsByPart().get(name) ?? 0;
  const started = performance.now();
  await checkpointed(core, () => {
    for (let start = 0; start < wire.length; start += BATCH) {
      recorder.on = record;
      recorder.batch = [];
      recorder.calls = [];
      const [commitBefore, afterBefore] = [part('commit'), part('after commit')];
      const batchStarted = performance.now();
      core.ingestService.ingest(wire.slice(start, start + BATCH), 'bench');
      const ended = performance.now();
      recorder.on = false;
      batches.push(recorder.batch);
      timelines.push({ started: batchStarted, ended, calls: recorder.calls, commitMs: part('commit') - commitBefore, afterCommitMs: part('after commit') - afterBefore });
    }
  });
  return { core, batches, timelines, ms: performance.now() - started, commitMs: part('commit') };
}

/** One batch's ingest in time: its statement calls, then SQLite's commit and the steps after it. */
interface BatchTimeline {
  started: number;
  ended: number;
  calls: Call[];
  commitMs: number;
  afterCommitMs: number;
}

/**
 * The other design, scheduled from the recorded run: the writer connection moved to a worker, every statement
 * run there in the order ingest issues it. A write is queued and the ingesting thread goes on; a call whose
 * answer it uses waits until the queue has run, then runs; the commit is queued last. `overlapCommit`: the next
 * batch starts while the worker commits (the answer to a batch sent once it has); else it waits for it.
 */
function sharedConnectionMs(timelines: readonly BatchTimeline[], overlapCommit: boolean): number {
  let total = 0;
  let workerBusyAfterBatch = 0;
  for (const { started, ended, calls, commitMs, afterCommitMs } of timelines) {
    let thread = 0;
    let worker = overlapCommit ? workerBusyAfterBatch : 0;
    let last = started;
    const commitAt = ended - afterCommitMs - commitMs;
    for (const call of calls) {
      thread += call.at - last;
      last = call.end;
      if (call.waits) worker = thread = Math.max(thread, worker) + (call.end - call.at);
      else worker = Math.max(worker, thread) + (call.end - call.at);
    }
    thread += commitAt - last;
    worker = Math.max(worker, thread) + commitMs;
    if (!overlapCommit) thread = worker;
    thread += afterCommitMs;
    workerBusyAfterBatch = Math.max(0, worker - thread);
    total += thread;
  }
  return total + workerBusyAfterBatch;
}

/** The recorded writes alone, one transaction a batch, into a store brought to the same start: the writer thread's work. */
async function replay(network: DemoHistoryNetwork, name: string, batches: readonly Write[][]) {
  const core = freshCore(network, name);
  const writer = core.db.$client;
  const statements = new Map<string, Database.Statement>();
  const writeBatch = writer.transaction((batch: Write[]) => {
    for (const [sql, args] of batch) {
      let statement = statements.get(sql);
      if (!statement) statements.set(sql, (statement = writer.prepare(sql)));
      statement.run(...(args as never[]));
    }
  });
  const started = performance.now();
  await checkpointed(core, () => batches.forEach((batch) => writeBatch(batch)));
  return { writer, ms: performance.now() - started };
}

async function measure(network: DemoHistoryNetwork, label: string, wire: readonly WireEvent[]): Promise<void> {
  const baseline = await ingest(network, `${label}-baseline`, wire, false);
  const recorded = await ingest(network, `${label}-recorded`, wire, true);
  // What stays on the ingesting thread: everything but the writes and their commit, its reads included.
  const computeMs = recorded.ms - recorder.writeMs - recorded.commitMs;
  const cloned = performance.now();
  for (const batch of recorded.batches) structuredClone(batch);
  const cloneMs = performance.now() - cloned;
  const replayed = await replay(network, `${label}-writer`, recorded.batches);
  // The replay stands for the writer thread only if it leaves the store the ingest left.
  const differing = tablesDiffering(recorded.core.db.$client, replayed.writer);

  const writes = recorded.batches.reduce((sum, batch) => sum + batch.length, 0);
  const perSecond = (ms: number) => Math.round(wire.length / (ms / 1000));
  const split = Math.max(computeMs + cloneMs, replayed.ms);
  console.log(`${label.padEnd(10)} ingest ${perSecond(baseline.ms)} events/s (recorded: ${perSecond(recorded.ms)}); ${writes} writes, ${(writes / wire.length).toFixed(1)} an event`);
  console.log(`${''.padEnd(10)} ingesting thread: writes ${Math.round(recorder.writeMs)} ms + commit ${Math.round(recorded.commitMs)} ms + the rest ${Math.round(computeMs)} ms (reads ${Math.round(recorder.readMs)} of it); copying the writes ${Math.round(cloneMs)} ms`);
  console.log(`${''.padEnd(10)} the writes replayed alone: ${Math.round(replayed.ms)} ms (${perSecond(replayed.ms)} events/s); ${differing.length === 0 ? 'every table as ingest left it' : `DIFFERS from ingest in ${differing.join(', ')}`}`);
  console.log(`${''.padEnd(10)} split, overlapped: ${Math.round(split)} ms → at most ${perSecond(split)} events/s (${(baseline.ms / split).toFixed(2)}× the baseline)`);
  // Timed from the recorded run, whose instrument slows the ingesting thread: compared with that run, not the baseline.
  for (const overlapCommit of [false, true]) {
    const ms = sharedConnectionMs(recorded.timelines, overlapCommit);
    console.log(
      `${''.padEnd(10)} instead, the one connection in a worker (answers waited for${overlapCommit ? ', the next batch overlapping the commit' : ''}): ${Math.round(ms)} ms against the recorded run's ${Math.round(recorded.ms)} (${(recorded.ms / ms).toFixed(2)}×)`,
    );
  }
}

try {
  console.log(`writer-thread bound: ${DAYS} days of demo traffic, batches of ${BATCH}, ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, node ${process.version}`);
  const network = demoHistoryNetwork(1, NOW);
  const wire = demoTraffic(network, DAYS, NOW);
  // Once through first, so neither side of the first comparison pays the JIT's warm-up.
  await ingest(network, 'warm-up', wire, false);
  await measure(network, 'in order', wire);
  await measure(network, 'shuffled', shuffled(wire));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
