/**
 * Ingest throughput against the store's own ceiling, and the event loop while ingest runs live.
 *
 * 1. The ceiling: better-sqlite3 appending the same rows to an indexed table, one transaction per batch.
 * 2. Ingest in time order and shuffled, batches of BENCH_BATCH (500), every engine on (SLA clocks, live
 *    figures, rollups), through core.ingestService as the API does, its log checkpointed by the worker the
 *    server and the importers start.
 * 3. The loop: batches of 500 offered at BENCH_RATE (2,000) events/s on a timer, while a 1 ms interval
 *    and perf_hooks' delay histogram record how long the loop was held: each batch whole (as an importer
 *    sends it), then in the HTTP API's slices, both with the checkpoint worker beside them. Prints figures,
 *    and the ingesting thread's ms by pipeline part; asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { openDatabase } from '../db/connection';
import { buildDemoNetwork } from '../server/demo/demoNetwork';
import { createCore } from '../server/core';
import { LIVE_INGEST_SLICE, ingestInSlices } from '../server/ingest/ingestSlices';
import { startWalCheckpointer } from '../server/store/walCheckpointer';
import { toWire } from '../server/demo/simulator';
import { HOUR_MS, createTrafficModel } from '../server/demo/trafficModel';
import { loadTrafficNetwork } from '../server/demo/trafficNetwork';
import type { PlannedEvent } from '../server/demo/ticketLifecycle';
import { REFERENCE_KINDS } from '../shared/reference/referenceSchema';
import { shuffled } from './benchTraffic';

const DAYS = Number(process.env.BENCH_DAYS ?? 2);
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
const RATE = Number(process.env.BENCH_RATE ?? 2_000);
const NOW = Date.parse('2026-11-23T12:00:00+08:00');

const dir = mkdtempSync(join(tmpdir(), 'ops-stall-'));

function freshCore(name: string) {
  const core = createCore(openDatabase(join(dir, `${name}.db`)), { now: () => NOW });
  const network = buildDemoNetwork(1);
  for (const kind of REFERENCE_KINDS) core.referenceService.upsert(kind, network[kind] as never);
  return core;
}

function traffic(core: ReturnType<typeof freshCore>): PlannedEvent[] {
  const model = createTrafficModel(loadTrafficNetwork(core), 1, 1);
  const events: PlannedEvent[] = [];
  for (let hour = NOW - DAYS * 24 * HOUR_MS; hour < NOW; hour += HOUR_MS) {
    for (const ticket of model.ticketsOfHour(hour)) events.push(...ticket.filter((event) => event.at <= NOW));
  }
  return events.sort((a, b) => a.at - b.at);
}

function appendCeiling(wire: ReturnType<typeof toWire>[]): number {
  const sqlite = new Database(join(dir, 'ceiling.db'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.exec('create table events (seq integer primary key, id text not null unique, ticket_id text not null, type text not null, at integer not null, data text not null)');
  sqlite.exec('create index events_ticket_idx on events (ticket_id, at, seq)');
  const insert = sqlite.prepare('insert into events (id, ticket_id, type, at, data) values (?, ?, ?, ?, ?) on conflict do nothing');
  const batch = sqlite.transaction((rows: typeof wire) => {
    for (const row of rows) insert.run(row.id, row.ticketId, row.type, Date.parse(row.at), JSON.stringify(row.data));
  });
  const started = performance.now();
  for (let start = 0; start < wire.length; start += BATCH) batch(wire.slice(start, start + BATCH));
  const rate = wire.length / ((performance.now() - started) / 1000);
  sqlite.close();
  return rate;

}

async function throughput(label: string, wire: ReturnType<typeof toWire>[]): Promise<void> {
  const core = freshCore(label.replace(/\W+/g, '-'));
  const checkpointer = startWalCheckpointer(core.db, { log: (line) => console.log(line) });
  const latencies: number[] = [];
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let start = 0; start < wire.length; start += BATCH) {
    const t0 = performance.now();
    core.ingestService.ingest(wire.slice(start, start + BATCH), 'bench');
    latencies.push(performance.now() - t0);
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  await checkpointer?.stop();
  latencies.sort((a, b) => a - b);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);
  console.log(`${label.padEnd(26)} ${String(Math.round(wire.length / seconds)).padStart(7)} events/s  (${Math.round(wire.length / ((cpu.user + cpu.system) / 1e6))} per CPU second)  batch p50 ${p(0.5)} ms  p95 ${p(0.95)} ms  max ${latencies.at(-1)!.toFixed(1)} ms`);
  console.log(`${''.padEnd(26)} ms by part: ${[...core.ingestMsByPart()].map(([part, ms]) => `${part} ${Math.round(ms)}`).join(' · ')}`);
}

/**
 * Offers batches at RATE events/s on a timer, as live traffic comes, and records the longest hold of the
 * loop. `sliced`: each batch goes in as the HTTP API takes it (ingestInSlices); else whole, as an importer's.
 */
async function loopStall(wire: ReturnType<typeof toWire>[], sliced: boolean): Promise<void> {
  const core = freshCore(sliced ? 'stall-sliced' : 'stall-whole');
  // As the server (server/app.ts) and the importers run: the log is checkpointed by a worker, not inside a commit on the loop.
  const checkpointer = startWalCheckpointer(core.db, { log: (line) => console.log(line) });
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  let lastTick = performance.now();
  let longestGap = 0;
  const ticker = setInterval(() => {
    const tick = performance.now();
    longestGap = Math.max(longestGap, tick - lastTick);
    lastTick = tick;
  }, 1);
  histogram.enable();
  // The longest single ingest call: what holds the loop, as distinct from the machine holding the process.
  let longestHold = 0;
  const holding = (service: typeof core.ingestService): typeof core.ingestService => ({
    ingest(raw, source) {
      const began = performance.now();
      const result = service.ingest(raw, source);
      longestHold = Math.max(longestHold, performance.now() - began);
      return result;
    },
  });
  const interval = (BATCH / RATE) * 1000;
  let offered = 0;
  const started = performance.now();
  for (let start = 0; start < wire.length; start += BATCH) {
    const due = started + (start / BATCH) * interval;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
    const batch = wire.slice(start, start + BATCH);
    if (sliced) await ingestInSlices(holding(core.ingestService), batch, 'bench');
    else holding(core.ingestService).ingest(batch, 'bench');
    offered += Math.min(BATCH, wire.length - start);
  }
  await new Promise((resolve) => setTimeout(resolve, 20));
  clearInterval(ticker);
  histogram.disable();
  await checkpointer?.stop();
  const kept = offered / ((performance.now() - started) / 1000);
  console.log(
    `loop while ${BATCH}-event batches come at ${RATE} events/s, ${sliced ? `in slices of ${LIVE_INGEST_SLICE} (HTTP API)` : 'whole (importer)'} (kept ${Math.round(kept)}/s): longest ingest call ${longestHold.toFixed(1)} ms, longest stall ${longestGap.toFixed(1)} ms, ` +
      `delay p50 ${(histogram.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(histogram.percentile(99) / 1e6).toFixed(1)} ms, max ${(histogram.max / 1e6).toFixed(1)} ms`,
  );
}

try {
  console.log(`ingest & loop bench: ${DAYS} days of demo traffic, batches of ${BATCH}, ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, node ${process.version}`);
  const wire = traffic(freshCore('traffic')).map(toWire);
  console.log(`${'append ceiling (sqlite)'.padEnd(26)} ${String(Math.round(appendCeiling(wire))).padStart(7)} rows/s  (${wire.length} events)`);
  await throughput('ingest in time order', wire);
  await throughput('ingest shuffled', shuffled(wire));
  await loopStall(wire, false);
  await loopStall(wire, true);
  console.log(`rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
