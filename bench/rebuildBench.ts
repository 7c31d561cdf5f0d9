/**
 * Start-up with a large store: writes BENCH_REBUILD_TICKETS (default 1,000,000) tickets spread over
 * two years straight into a real SQLite file (three SLA clocks each, a complaint on one in twenty, a
 * return visit on most resolved ones), then times building the live metric state from it, as every
 * start does, and the memory it holds. Prints figures; asserts nothing.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db/connection';
import { buildDemoNetwork } from '../server/demo/demoNetwork';
import { seededRandom } from '../server/demo/seededRandom';
import { createCore } from '../server/core';
import { REFERENCE_KINDS } from '../shared/reference/referenceSchema';

const TICKETS = Number(process.env.BENCH_REBUILD_TICKETS ?? 1_000_000);
const DAY_MS = 86_400_000;
const NOW = Date.parse('2026-11-23T12:00:00+08:00');
const SPAN_MS = 730 * DAY_MS;

const dir = mkdtempSync(join(tmpdir(), 'rebuild-bench-'));
const path = join(dir, 'ops.db');
const setup = createCore(openDatabase(path), { now: () => NOW });
const network = buildDemoNetwork(1);
for (const kind of REFERENCE_KINDS) setup.referenceService.upsert(kind, network[kind] as never);
const db = setup.db.$client;

const random = seededRandom(20261123);
const insertTicket = db.prepare(
  `insert into tickets (id, source, center_id, customer_id, engineer_id, priority, type, channel, status, visit_count, reopen_count, created_at, first_response_at, arrived_at, resolved_at, updated_at)
   values (?, 'bench', ?, ?, ?, 'P2', 'repair', 'hotline', ?, ?, 0, ?, ?, ?, ?, ?)`,
);
const insertClock = db.prepare(
  `insert into sla_clocks (ticket_id, metric, cycle, center_id, policy_id, policy_version, calendar_id, time_zone, counting, state, breached, started_at, stopped_at, target_ms, due_at, original_due_at, elapsed_business_ms, elapsed_calendar_ms, counted_until, thresholds, fired)
   values (?, ?, 1, ?, 'bench', 1, '24x7', 'Asia/Shanghai', 'calendar', ?, 0, ?, ?, ?, ?, ?, 0, 0, ?, ?, '[]')`,
);
const insertComplaint = db.prepare(`insert into complaints (ticket_id, id, customer_id, category, severity, level, status, opened_at, resolved_at) values (?, 'CP-1', ?, 'timeliness', 'medium', 1, ?, ?, ?)`);
const insertSurvey = db.prepare(`insert into surveys (id, ticket_id, at, score) values (?, ?, ?, ?)`);

const written = performance.now();
const write = db.transaction((from: number, to: number) => {
  for (let i = from; i < to; i++) {
    const id = `RB-${i}`;
    const center = network.centers[i % network.centers.length]!;
    const engineers = network.engineers.filter((engineer) => engineer.centerId === center.id);
    const engineer = engineers.length > 0 ? engineers[i % engineers.length]!.id : null;
    const createdAt = NOW - SPAN_MS + Math.floor((i / TICKETS) * SPAN_MS);
    // Recent tickets are still open, as a live network's are.
    const open = NOW - createdAt < 3 * DAY_MS && random.next() < 0.6;
    const response = createdAt + 20 * 60_000;
    const arrived = createdAt + 6 * 3_600_000;
    const resolved = open ? null : createdAt + 20 * 3_600_000;
    insertTicket.run(id, center.id, network.customers[i % network.customers.length]!.id, engineer, open ? 'assigned' : 'closed', open ? 0 : 1, createdAt, response, open ? null : arrived, resolved, resolved ?? response);
    for (const [metric, target, stop] of [['first_response', 30 * 60_000, response], ['on_site', 8 * 3_600_000, open ? null : arrived], ['resolution', 24 * 3_600_000, resolved]] as const) {
      const due = createdAt + target;
      const thresholds = JSON.stringify([50, 75, 90, 100].map((percent) => ({ percent, at: createdAt + (target * percent) / 100 })));
      insertClock.run(id, metric, center.id, stop === null ? 'active' : 'stopped', createdAt, stop, target, due, due, stop ?? NOW, thresholds);
    }
    if (i % 20 === 0) insertComplaint.run(id, network.customers[i % network.customers.length]!.id, open ? 'open' : 'resolved', createdAt + 3_600_000, open ? null : createdAt + 30 * 3_600_000);
    if (!open && i % 3 !== 0) insertSurvey.run(`SV-${i}`, id, (resolved ?? NOW) + DAY_MS, 1 + (i % 5));
  }
});
for (let from = 0; from < TICKETS; from += 50_000) write(from, Math.min(TICKETS, from + 50_000));
setup.db.$client.close();
console.log(`rebuild bench on ${cpus().length} × ${cpus()[0]?.model}, Node ${process.version}`);
console.log(`store: ${TICKETS.toLocaleString('en')} tickets over two years, ${(TICKETS * 3).toLocaleString('en')} SLA clocks, written in ${((performance.now() - written) / 1000).toFixed(1)} s, file ${(statSync(path).size / 2 ** 20).toFixed(0)} MiB`);

const rssBefore = process.memoryUsage().rss;
const core = createCore(openDatabase(path), { now: () => NOW });
const rebuilt = core.rebuild!;
console.log(`live state rebuilt at start: ${rebuilt.tickets.toLocaleString('en')} tickets kept (open or touched in the last 31 days) in ${(rebuilt.ms / 1000).toFixed(2)} s; RSS grew ${((process.memoryUsage().rss - rssBefore) / 2 ** 20).toFixed(0)} MiB`);
const started = performance.now();
const values = core.liveMetrics.valuesOf({ kind: 'network' }, '30d', NOW);
console.log(`first network figures over 30 d after the rebuild: ${(performance.now() - started).toFixed(1)} ms (backlog ${values?.backlog_open}, resolved today ${values?.resolved_today})`);
core.db.$client.close();
rmSync(dir, { recursive: true, force: true });
