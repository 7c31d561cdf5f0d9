/**
 * Ingest throughput: batches of 500 events through the real ingest service (validation, append,
 * fold, SLA clocks, live metrics, rollups, one transaction per batch) on a real SQLite file whose log a
 * checkpoint worker copies back, as the server's and the importers' is, for 2
 * and 7 days of demo traffic, in time order and shuffled, beside the better-sqlite3 append ceiling
 * for the same rows measured in the same run. Prints figures; asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db/connection';
import { createCore } from '../server/core';
import { startWalCheckpointer } from '../server/store/walCheckpointer';
import { type DemoHistoryNetwork, demoHistoryNetwork } from '../server/import/demoHistory';
import { upsertHistoryReferences } from '../server/import/historyImport';
import { type WireEvent, measureAppendCeiling } from './appendCeiling';
import { demoTraffic, shuffled } from './benchTraffic';

const DAY_SPANS = (process.env.BENCH_DAYS ?? '2,7').split(',').map(Number);
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
const NOW = Date.parse('2026-11-23T12:00:00+08:00');

function freshCore(dir: string, name: string, network: DemoHistoryNetwork) {
  const core = createCore(openDatabase(join(dir, `${name}.db`)), { now: () => NOW });
  upsertHistoryReferences(core.referenceService, network.references);
  return core;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function line(label: string, events: number, perSecond: number, rest = ''): void {
  console.log(`${label.padEnd(34)} ${String(events).padStart(7)} events  ${String(Math.round(perSecond)).padStart(7)} events/s  ${rest}`);
}

async function run(label: string, core: ReturnType<typeof freshCore>, wire: readonly WireEvent[]): Promise<void> {
  const checkpointer = startWalCheckpointer(core.db, { log: (text) => console.log(text) });
  const latencies: number[] = [];
  let accepted = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let start = 0; start < wire.length; start += BATCH) {
    const t0 = performance.now();
    accepted += core.ingestService.ingest(wire.slice(start, start + BATCH), 'bench').accepted;
    latencies.push(performance.now() - t0);
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  await checkpointer?.stop();
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  latencies.sort((a, b) => a - b);
  const batches = `batch p50 ${percentile(latencies, 50).toFixed(1)} ms  p95 ${percentile(latencies, 95).toFixed(1)} ms  max ${latencies.at(-1)!.toFixed(1)} ms`;
  // On a shared machine the wall clock counts other processes' turns too; events per CPU-second does not.
  line(label, wire.length, wire.length / seconds, `${batches}  accepted ${accepted}  ${Math.round(wire.length / cpuSeconds)} events/CPU-s`);
  core.db.$client.close();
}

async function benchDays(dir: string, network: DemoHistoryNetwork, days: number): Promise<void> {
  const wire = demoTraffic(network, days, NOW);
  const inOrder = freshCore(dir, `${days}d-in-order`, network);
  await run(`${days} d in time order (live)`, inOrder, wire);
  const replay = freshCore(dir, `${days}d-in-order`, network);
  await run(`${days} d replay (all duplicates)`, replay, wire);
  await run(`${days} d shuffled (out of order)`, freshCore(dir, `${days}d-shuffled`, network), shuffled(wire));
  const ceiling = measureAppendCeiling(dir, `${days}d`, wire, BATCH);
  line(`${days} d better-sqlite3 append ceiling`, wire.length, ceiling.perSecond, `(same rows, table and indexes)  ${Math.round(ceiling.perCpuSecond)} events/CPU-s`);
}

const dir = mkdtempSync(join(tmpdir(), 'ops-bench-'));
try {
  console.log(
    `ingest bench: ${DAY_SPANS.join(' and ')} days of demo traffic, batches of ${BATCH}, ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, ` +
      `load average ${loadavg()[0]!.toFixed(1)}, node ${process.version}`,
  );
  const network = demoHistoryNetwork(1, NOW);
  for (const days of DAY_SPANS) await benchDays(dir, network, days);
  console.log(`rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
