/**
 * GET /complaints/rates's work on a large store: writes BENCH_RATES_TICKETS (default 300,000) tickets over
 * the last 30 days straight into a real SQLite file across the demo network's 43 centers, a complaint on
 * one in fifty (every category, a third escalated), builds the live state as a start does, then times the
 * breakdown for the network, a top region and a center in each window: the scope's catalog figures plus
 * every center's. Prints figures; asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db/connection';
import { createComplaintRates } from '../server/complaints/complaintRates';
import { createCore } from '../server/core';
import { buildDemoNetwork } from '../server/demo/demoNetwork';
import { COMPLAINT_CATEGORIES } from '../shared/domain/vocabulary';
import type { Principal } from '../server/auth/principal';
import { METRIC_WINDOWS } from '../shared/metrics/metricQuery';
import { REFERENCE_KINDS } from '../shared/reference/referenceSchema';

const TICKETS = Number(process.env.BENCH_RATES_TICKETS ?? 300_000);
const RUNS = 15;
const DAY_MS = 86_400_000;
const NOW = Date.parse('2026-11-23T12:00:00+08:00');
const SPAN_MS = 30 * DAY_MS;

const dir = mkdtempSync(join(tmpdir(), 'rates-bench-'));
const setup = createCore(openDatabase(join(dir, 'ops.db')), { now: () => NOW });
const network = buildDemoNetwork(1);
for (const kind of REFERENCE_KINDS) setup.referenceService.upsert(kind, network[kind] as never);
const db = setup.db.$client;
const insertTicket = db.prepare(
  `insert into tickets (id, source, center_id, customer_id, priority, type, channel, status, created_at, resolved_at, updated_at) values (?, 'bench', ?, ?, 'P2', 'repair', 'hotline', 'closed', ?, ?, ?)`,
);
const insertComplaint = db.prepare(`insert into complaints (ticket_id, id, customer_id, category, severity, level, status, opened_at) values (?, 'CP-1', ?, ?, 'medium', ?, 'open', ?)`);
db.transaction(() => {
  for (let i = 0; i < TICKETS; i++) {
    const id = `CR-${i}`;
    const center = network.centers[i % network.centers.length]!;
    const customer = network.customers[i % network.customers.length]!.id;
    const createdAt = NOW - SPAN_MS + Math.floor((i / TICKETS) * SPAN_MS);
    insertTicket.run(id, center.id, customer, createdAt, createdAt + 20 * 3_600_000, createdAt + 20 * 3_600_000);
    if (i % 50 === 0) insertComplaint.run(id, customer, COMPLAINT_CATEGORIES[(i / 50) % COMPLAINT_CATEGORIES.length]!, 1 + ((i / 50) % 3 === 0 ? 1 : 0), createdAt + 3_600_000);
  }
})();

const core = createCore(setup.db, { now: () => NOW });
const rates = createComplaintRates({ live: core.liveMetrics, org: core.org, clock: { now: () => NOW }, refused: () => {} });
const manager: Principal = { kind: 'user', id: 'bench', name: 'bench', role: 'manager', scope: { kind: 'all' }, permissions: new Set() };
const region = network.regions.find((row) => row.parentId === null)!.id;
console.log(`complaint rates bench: ${TICKETS} tickets over 30 days, ${network.centers.length} centers; ${cpus()[0]?.model ?? 'unknown cpu'} × ${cpus().length}, node ${process.version}`);
for (const scope of [{ kind: 'network' } as const, { kind: 'region', id: region } as const, { kind: 'center', id: network.centers[0]!.id } as const]) {
  for (const window of METRIC_WINDOWS) {
    const times: number[] = [];
    let centers = 0;
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      centers = rates(manager, { scope, window }).byCenter.length;
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    console.log(`${scope.kind.padEnd(7)} ${window.padEnd(5)} ${String(centers).padStart(2)} centers  median ${times[Math.floor(RUNS / 2)]!.toFixed(1)} ms  max ${times.at(-1)!.toFixed(1)} ms`);
  }
}
db.close();
rmSync(dir, { recursive: true, force: true });
