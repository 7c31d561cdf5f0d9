/**
 * Ingest throughput: batches of 500 events through the real ingest service (validation, append,
 * fold, rollups, one transaction per batch) on a real SQLite file. Prints figures; asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db/connection';
import { buildDemoNetwork } from '../server/demo/demoNetwork';
import { seededRandom } from '../server/demo/seededRandom';
import { createCore } from '../server/core';
import { toWire } from '../server/demo/simulator';
import { HOUR_MS, createTrafficModel } from '../server/demo/trafficModel';
import { loadTrafficNetwork } from '../server/demo/trafficNetwork';
import type { PlannedEvent } from '../server/demo/ticketLifecycle';
import { REFERENCE_KINDS } from '../shared/reference/referenceSchema';

const DAYS = Number(process.env.BENCH_DAYS ?? 7);
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
const NOW = Date.parse('2026-11-23T12:00:00+08:00');

function freshCore(dir: string, name: string) {
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
  return events;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function run(label: string, core: ReturnType<typeof freshCore>, events: PlannedEvent[]): void {
  const wire = events.map(toWire);
  const latencies: number[] = [];
  let accepted = 0;
  const started = performance.now();
  for (let start = 0; start < wire.length; start += BATCH) {
    const t0 = performance.now();
    accepted += core.ingestService.ingest(wire.slice(start, start + BATCH), 'bench').accepted;
    latencies.push(performance.now() - t0);
  }
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(28)} ${String(wire.length).padStart(7)} events  ${String(Math.round(wire.length / seconds)).padStart(7)} events/s  ` +
      `batch p50 ${percentile(latencies, 50).toFixed(1)} ms  p95 ${percentile(latencies, 95).toFixed(1)} ms  max ${latencies.at(-1)!.toFixed(1)} ms  accepted ${accepted}`,
  );
}

function shuffled<T>(items: T[]): T[] {
  const random = seededRandom(7);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random.next() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

const dir = mkdtempSync(join(tmpdir(), 'ops-bench-'));
try {
  console.log(`ingest bench: ${DAYS} days of demo traffic, batches of ${BATCH}, ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, node ${process.version}`);
  const inOrder = freshCore(dir, 'in-order');
  const events = traffic(inOrder).sort((a, b) => a.at - b.at);
  run('in time order (live)', inOrder, events);
  run('replay (all duplicates)', inOrder, events);
  run('shuffled (out of order)', freshCore(dir, 'shuffled'), shuffled(events));
  console.log(`rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
