/**
 * The breach desk at scale: writes BENCH_BOARD_TICKETS (default 1,000,000) tickets over two years straight
 * into a real SQLite file, with the running clocks a neglected network carries (a backlog with breached
 * first responses, on-site visits and resolutions, open complaints, and one resolved ticket in twenty never
 * called back, its return visit breached for weeks), then times GET /sla/board's work (the page, its total
 * and each row's clock read at now) for each section under a range of filters, and the complaints panel.
 * Prints figures; asserts nothing. BENCH_BOARD_DIR keeps the store there to time again without rewriting it.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db/connection';
import { createCore } from '../server/core';
import { buildDemoNetwork } from '../server/demo/demoNetwork';
import { seededRandom } from '../server/demo/seededRandom';
import { createSlaView } from '../server/sla/slaView';
import { boardQuerySchema } from '../shared/api/slaBoardApi';
import { PRIORITIES } from '../shared/domain/vocabulary';
import { REFERENCE_KINDS } from '../shared/reference/referenceSchema';

const TICKETS = Number(process.env.BENCH_BOARD_TICKETS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_BOARD_RUNS ?? 20);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-11-23T12:00:00+08:00');
const SPAN = 730 * DAY;

const kept = process.env.BENCH_BOARD_DIR;
const dir = kept ?? mkdtempSync(join(tmpdir(), 'board-bench-'));
if (kept) mkdirSync(kept, { recursive: true });
const path = join(dir, 'ops.db');
const reuse = existsSync(path);
const setup = createCore(openDatabase(path), { now: () => NOW });
const network = buildDemoNetwork(1);
if (!reuse) for (const kind of REFERENCE_KINDS) setup.referenceService.upsert(kind, network[kind] as never);
const db = setup.db.$client;
const random = seededRandom(20261202);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random.next() * list.length)]!;
const engineersOf = new Map(network.centers.map((center) => [center.id, network.engineers.filter((engineer) => engineer.centerId === center.id)]));

const insertTicket = db.prepare(
  `insert into tickets (id, source, center_id, customer_id, engineer_id, priority, type, channel, status, visit_count, reopen_count, created_at, first_response_at, arrived_at, resolved_at, updated_at)
   values (?, 'bench', ?, ?, ?, ?, 'repair', 'hotline', ?, ?, 0, ?, ?, ?, ?, ?)`,
);
const insertClock = db.prepare(
  `insert into sla_clocks (ticket_id, metric, cycle, subject_id, center_id, policy_id, policy_version, calendar_id, time_zone, counting, state, breached, started_at, stopped_at, target_ms, due_at, original_due_at, elapsed_business_ms, elapsed_calendar_ms, counted_until, running_since, thresholds, fired, priority, customer_id)
   values (?, ?, 1, ?, ?, 'bench', 1, '24x7', 'Asia/Shanghai', 'calendar', ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?, '[]', ?, ?)`,
);
const insertComplaint = db.prepare(`insert into complaints (ticket_id, id, customer_id, category, severity, level, status, opened_at, resolved_at) values (?, ?, ?, 'timeliness', 'medium', ?, ?, ?, ?)`);

const counts = { open: 0, runningWork: 0, runningFollowUp: 0, openComplaints: 0, clocks: 0 };

interface ClockTicket {
  id: string;
  centerId: string;
  priority: string;
  customerId: string;
}

function clock(ticket: ClockTicket, metric: string, subjectId: string | null, startedAt: number, target: number, stoppedAt: number | null): void {
  const due = startedAt + target;
  const thresholds = JSON.stringify([50, 75, 90, 100].map((percent) => ({ percent, at: startedAt + (target * percent) / 100 })));
  const running = stoppedAt === null;
  const breached = running ? due <= NOW : due < stoppedAt;
  insertClock.run(ticket.id, metric, subjectId, ticket.centerId, running ? 'active' : 'stopped', breached ? 1 : 0, startedAt, stoppedAt, target, due, due, stoppedAt ?? startedAt, running ? startedAt : null, thresholds, ticket.priority, ticket.customerId);
  counts.clocks++;
  if (running && metric === 'return_visit') counts.runningFollowUp++;
  else if (running) counts.runningWork++;
}

const write = db.transaction((from: number, to: number) => {
  for (let i = from; i < to; i++) {
    const id = `BB-${i}`;
    const center = network.centers[i % network.centers.length]!;
    const engineers = engineersOf.get(center.id) ?? [];
    const customer = pick(network.customers);
    const createdAt = NOW - SPAN + Math.floor((i / TICKETS) * SPAN);
    const age = NOW - createdAt;
    // Most of the last ten days still open, and one old ticket in a hundred left behind.
    const open = (age < 10 * DAY && random.next() < 0.6) || random.next() < 0.01;
    const responded = !open || random.next() < 0.7 ? createdAt + 20 * MINUTE : null;
    const arrived = !open || random.next() < 0.5 ? createdAt + 6 * HOUR : null;
    const resolved = open ? null : createdAt + 20 * HOUR;
    const engineer = engineers.length > 0 && (responded !== null || random.next() < 0.5) ? pick(engineers).id : null;
    const priority = PRIORITIES[Math.min(3, Math.floor(random.next() * 4))]!;
    insertTicket.run(id, center.id, customer.id, engineer, priority, open ? 'assigned' : 'closed', arrived === null ? 0 : 1, createdAt, responded, arrived, resolved, resolved ?? createdAt);
    if (open) counts.open++;
    const ticket = { id, centerId: center.id, priority, customerId: customer.id };
    clock(ticket, 'first_response', null, createdAt, 30 * MINUTE, responded);
    clock(ticket, 'on_site', null, createdAt, 8 * HOUR, arrived ?? (resolved === null ? null : resolved));
    clock(ticket, 'resolution', null, createdAt, 24 * HOUR, resolved);
    // One resolved ticket in twenty is never called back: its return visit runs on, breached.
    if (resolved !== null) clock(ticket, 'return_visit', null, resolved, 7 * DAY, random.next() < 0.05 ? null : resolved + 2 * DAY);
    if (i % 20 === 0) {
      const openedAt = createdAt + HOUR;
      const stillOpen = open || random.next() < 0.02;
      if (stillOpen) counts.openComplaints++;
      insertComplaint.run(id, `CP-${i}`, customer.id, 1 + (i % 3), stillOpen ? 'open' : 'resolved', openedAt, stillOpen ? null : openedAt + 30 * HOUR);
      clock(ticket, 'complaint_response', `CP-${i}`, openedAt, DAY, stillOpen ? null : openedAt + 2 * HOUR);
      clock(ticket, 'complaint_resolution', `CP-${i}`, openedAt, 2 * DAY, stillOpen ? null : openedAt + 30 * HOUR);
    }
  }
});

const written = performance.now();
if (!reuse) for (let from = 0; from < TICKETS; from += 50_000) write(from, Math.min(TICKETS, from + 50_000));
db.close();
console.log(`SLA board bench on ${cpus().length} × ${cpus()[0]?.model}, Node ${process.version}`);
if (!reuse) console.log(
  `store: ${TICKETS.toLocaleString('en')} tickets (${counts.open.toLocaleString('en')} open), ${counts.clocks.toLocaleString('en')} SLA clocks ` +
    `(${counts.runningWork.toLocaleString('en')} running on open work, ${counts.runningFollowUp.toLocaleString('en')} return visits running), ` +
    `${counts.openComplaints.toLocaleString('en')} open complaints; written in ${((performance.now() - written) / 1000).toFixed(1)} s, file ${(statSync(path).size / 2 ** 20).toFixed(0)} MiB`,
);

const core = createCore(openDatabase(path), { now: () => NOW });
const view = createSlaView(core.slaEngine, core.slaRulebook, core.org, { now: () => NOW });
const region = network.regions.find((row) => row.parentId === null)!.id;
const city = network.regions.find((row) => row.parentId !== null)!.id;
const center = network.centers[0]!.id;

const FILTERS: Record<string, string>[] = [
  { section: 'due' },
  { section: 'due', within: '24h' },
  { section: 'breached' },
  { section: 'breached', order: 'tier' },
  { section: 'followup' },
  { section: 'followup', order: 'tier' },
  // The breach wall's order: critical first, then most overdue.
  { section: 'breached', order: 'urgency' },
  { section: 'breached', scope: `region:${region}`, order: 'urgency' },
  { section: 'due', within: '24h', order: 'urgency' },
  { section: 'breached', scope: `region:${region}` },
  { section: 'breached', scope: `region:${city}` },
  { section: 'breached', scope: `center:${center}` },
  { section: 'followup', scope: `center:${center}` },
  { section: 'breached', priority: 'P1' },
  { section: 'breached', tier: 'vip' },
  { section: 'breached', metric: 'on_site' },
  { section: 'breached', metric: 'complaint_resolution' },
  { section: 'followup', breachedOnly: 'true', tier: 'vip', order: 'tier' },
  { section: 'due', scope: `region:${region}`, priority: 'P1', tier: 'vip', metric: 'resolution', within: '24h' },
  { section: 'breached', scope: `region:${city}`, priority: 'P2', tier: 'key', order: 'tier' },
];

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
function time(label: string, run: () => { total: number; rows: number }): number {
  run();
  const times: number[] = [];
  let last = { total: 0, rows: 0 };
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    last = run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`  ${label.padEnd(88)} total ${String(last.total).padStart(7)}  rows ${String(last.rows).padStart(3)}  median ${quantile(times, 0.5).toFixed(1).padStart(6)} ms  p95 ${quantile(times, 0.95).toFixed(1).padStart(6)} ms  max ${times.at(-1)!.toFixed(1).padStart(6)} ms`);
  return times.at(-1)!;
}

console.log(`first page of 50 with its total, ${RUNS} runs each after one warm-up:`);
let worst = 0;
for (const filter of FILTERS) {
  const query = boardQuerySchema.parse(filter);
  worst = Math.max(worst, time(new URLSearchParams(filter).toString(), () => {
    const page = view.board(query);
    return { total: page.total, rows: page.items.length };
  }));
  // The next page from where the first ended: a cursor, not an offset.
  const first = view.board(query);
  if (first.nextCursor !== null) {
    const next = boardQuerySchema.parse({ ...filter, cursor: first.nextCursor });
    worst = Math.max(worst, time(`  … its second page`, () => {
      const page = view.board(next);
      return { total: page.total, rows: page.items.length };
    }));
  }
}
for (const scope of ['network', `region:${region}`, `center:${center}`]) {
  worst = Math.max(worst, time(`complaints scope=${scope}`, () => {
    const answer = view.complaints(boardQuerySchema.shape.scope.parse(scope));
    return { total: answer.open, rows: 0 };
  }));
}
console.log(`slowest single answer: ${worst.toFixed(1)} ms`);
core.db.$client.close();
if (!kept) rmSync(dir, { recursive: true, force: true });
