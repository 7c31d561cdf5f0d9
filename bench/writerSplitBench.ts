/**
 * What a writer thread could give ingest, measured before building it (issue 21). Ingest runs as the
 * server runs it, every engine on, with each statement call timed and each write recorded with its
 * parameters. Then the recorded writes are replayed batch by batch, one transaction each, into a second
 * store brought to the same start: the work a worker owning the writer connection would do. What is
 * left on the ingesting thread is the ingest time less the statements' time and SQLite's commit; reads
 * stay with it (a writer thread serves them from caches or waits). With the two threads overlapped, an
 * event costs the larger of the two, plus copying its writes to the worker (structured clone, measured).
 * Prints figures; asserts nothing. BENCH_DAYS (2), BENCH_BATCH (500).
 */
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

/** Statement calls timed and writes recorded, for every statement the store prepares from here on. */
const recorder = { on: false, statementMs: 0, batch: [] as Write[] };
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
        recorder.statementMs += performance.now() - started;
        // Copied: a writer may hand the same parameter array to every call, refilled.
        if (method === 'run' && statement.reader === false) recorder.batch.push([sql, args.map(copied)]);
      }
    };
  };
  statement.run = timed('run') as typeof statement.run;
  statement.get = timed('get') as typeof statement.get;
  statement.all = timed('all') as typeof statement.all;
  statement.iterate = timed('iterate') as typeof statement.iterate;
  return statement;
} as typeof prepare;

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

async function measure(network: DemoHistoryNetwork, label: string, wire: readonly WireEvent[]): Promise<void> {
  const core = freshCore(network, `${label}-ingest`);
  const batches: Write[][] = [];
  recorder.statementMs = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await checkpointed(core, () => {
    for (let start = 0; start < wire.length; start += BATCH) {
      recorder.on = true;
      recorder.batch = [];
      core.ingestService.ingest(wire.slice(start, start + BATCH), 'bench');
      recorder.on = false;
      batches.push(recorder.batch);
    }
  });
  const ingestMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const commitMs = core.ingestMsByPart().get('commit') ?? 0;
  const computeMs = ingestMs - recorder.statementMs - commitMs;

  const cloned = performance.now();
  for (const batch of batches) structuredClone(batch);
  const cloneMs = performance.now() - cloned;

  // The worker's store starts where the ingesting one did: migrated, with the same reference data.
  const writerCore = freshCore(network, `${label}-writer`);
  const writer = writerCore.db.$client;
  const statements = new Map<string, Database.Statement>();
  const replay = writer.transaction((batch: Write[]) => {
    for (const [sql, args] of batch) {
      let statement = statements.get(sql);
      if (!statement) statements.set(sql, (statement = writer.prepare(sql)));
      statement.run(...(args as never[]));
    }
  });
  const replayed = performance.now();
  await checkpointed(writerCore, () => batches.forEach((batch) => replay(batch)));
  const writerMs = performance.now() - replayed;

  // The replay stands for the writer thread only if it leaves the store the ingest left.
  const tables = ['ticket_events', 'tickets', 'sla_clocks', 'metric_rollups', 'complaints', 'surveys'];
  const sums: Record<string, string> = { tickets: 'total(updated_at)', sla_clocks: 'total(due_at + elapsed_business_ms)', metric_rollups: 'total(created + resolved + resolution_met)' };
  const rows = (db: Database.Database) => tables.map((table) => db.prepare(`select count(*) || ':' || ${sums[table] ?? 0} from ${table}`).pluck().get()).join('/');
  const same = rows(core.db.$client) === rows(writer);

  const writes = batches.reduce((sum, batch) => sum + batch.length, 0);
  const perSecond = (ms: number) => Math.round(wire.length / (ms / 1000));
  const split = Math.max(computeMs + cloneMs, writerMs);
  console.log(`${label.padEnd(10)} ingest ${perSecond(ingestMs)} events/s (${perSecond(cpuMs)} per CPU-s); ${writes} writes, ${(writes / wire.length).toFixed(1)} an event`);
  console.log(`${''.padEnd(10)} ingesting thread: statements ${Math.round(recorder.statementMs)} ms + commit ${Math.round(commitMs)} ms + the rest ${Math.round(computeMs)} ms; copying the writes ${Math.round(cloneMs)} ms`);
  console.log(`${''.padEnd(10)} the writes replayed alone: ${Math.round(writerMs)} ms (${perSecond(writerMs)} events/s); rows of ${tables.join('/')} ${same ? 'as ingest left them' : `DIFFER: ${rows(core.db.$client)} against ${rows(writer)}`}`);
  console.log(`${''.padEnd(10)} split, overlapped: ${Math.round(split)} ms → at most ${perSecond(split)} events/s (${(ingestMs / split).toFixed(2)}× today)`);
}

try {
  console.log(`writer-thread bound: ${DAYS} days of demo traffic, batches of ${BATCH}, ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, node ${process.version}`);
  const network = demoHistoryNetwork(1, NOW);
  const wire = demoTraffic(network, DAYS, NOW);
  await measure(network, 'in order', wire);
  await measure(network, 'shuffled', shuffled(wire));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
