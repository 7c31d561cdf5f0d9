/**
 * Finding and reading one ticket in a large store: writes BENCH_TICKET_TICKETS (default 1,000,000)
 * tickets over two years straight into a real SQLite file — serial numbers, three events and three SLA
 * clocks each, a complaint on one in twenty, a parts request on one in ten — boots the real server on it
 * and times over HTTP, signed in, the ticket page's GET /tickets/:id and the top bar's GET /search
 * (id prefixes short and long, customer names, serial numbers), as the admin and as a region's supervisor.
 * Prints figures; asserts nothing. BENCH_TICKET_DB names a file to keep the store in and to reuse on the
 * next run, so the timings can be taken again without writing a million tickets again.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db/connection';
import { createApplication } from '../server/app';
import type { Visibility } from '../server/auth/accessScope';
import { createCore } from '../server/core';
import { buildDemoNetwork } from '../server/demo/demoNetwork';
import { seededRandom } from '../server/demo/seededRandom';
import { createSlaView } from '../server/sla/slaView';
import { createTicketSearch } from '../server/tickets/ticketSearch';
import { createTicketStory } from '../server/tickets/ticketStory';
import { REFERENCE_KINDS } from '../shared/reference/referenceSchema';
import { signInAs } from '../test/support/testServer';

const TICKETS = Number(process.env.BENCH_TICKET_TICKETS ?? 1_000_000);
const SAMPLES = Number(process.env.BENCH_TICKET_SAMPLES ?? 300);
const DAY_MS = 86_400_000;
const NOW = Date.parse('2026-11-23T12:00:00+08:00');
const SPAN_MS = 730 * DAY_MS;
const ticketId = (i: number) => `T-${String(i).padStart(7, '0')}`;

const kept = process.env.BENCH_TICKET_DB;
const dir = kept ? null : mkdtempSync(join(tmpdir(), 'ticket-bench-'));
const path = kept ?? join(dir!, 'ops.db');
const reused = existsSync(path);
const network = buildDemoNetwork(1);
const random = seededRandom(20261123);
const serialOf = (i: number) => `SN-${network.products[i % network.products.length]!.model}-${(i * 2654435761 % 2 ** 32).toString(16).toUpperCase().padStart(8, '0')}`;

function writeStore(): void {
  const setup = createCore(openDatabase(path), { now: () => NOW });
  for (const kind of REFERENCE_KINDS) setup.referenceService.upsert(kind, network[kind] as never);
  const db = setup.db.$client;
  const insertTicket = db.prepare(
    `insert into tickets (id, source, center_id, customer_id, engineer_id, product_model, serial_no, priority, type, channel, status, symptom, visit_count, reopen_count, created_at, assigned_at, first_response_at, resolved_at, updated_at)
     values (?, 'bench', ?, ?, ?, ?, ?, 'P2', 'repair', 'hotline', ?, '不制冷', 1, 0, ?, ?, ?, ?, ?)`,
  );
  const insertEvent = db.prepare(`insert into ticket_events (id, ticket_id, type, at, received_at, source, data) values (?, ?, ?, ?, ?, 'bench', ?)`);
  const insertClock = db.prepare(
    `insert into sla_clocks (ticket_id, metric, cycle, center_id, policy_id, policy_version, calendar_id, time_zone, counting, state, breached, started_at, stopped_at, target_ms, due_at, original_due_at, elapsed_business_ms, elapsed_calendar_ms, counted_until, thresholds, fired)
     values (?, ?, 1, ?, 'bench', 1, '24x7', 'Asia/Shanghai', 'calendar', ?, 0, ?, ?, ?, ?, ?, 0, 0, ?, ?, '[]')`,
  );
  const insertComplaint = db.prepare(`insert into complaints (ticket_id, id, customer_id, category, severity, level, status, opened_at) values (?, 'CP-1', ?, 'timeliness', 'medium', 1, 'open', ?)`);
  const insertParts = db.prepare(`insert into parts_requests (ticket_id, id, part_no, quantity, requested_at) values (?, 'PR-1', 'CMP-220', 1, ?)`);

  const written = performance.now();
  const write = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const id = ticketId(i);
      const center = network.centers[i % network.centers.length]!;
      const engineers = network.engineers.filter((engineer) => engineer.centerId === center.id);
      const engineer = engineers.length > 0 ? engineers[i % engineers.length]!.id : null;
      const customer = network.customers[i % network.customers.length]!;
      const createdAt = NOW - SPAN_MS + Math.floor((i / TICKETS) * SPAN_MS);
      const open = NOW - createdAt < 3 * DAY_MS && random.next() < 0.6;
      const response = createdAt + 20 * 60_000;
      const resolved = open ? null : createdAt + 20 * 3_600_000;
      insertTicket.run(id, center.id, customer.id, engineer, network.products[i % network.products.length]!.model, serialOf(i), open ? 'assigned' : 'resolved', createdAt, response, response, resolved, resolved ?? response);
      insertEvent.run(`${id}-c`, id, 'ticket.created', createdAt, createdAt, JSON.stringify({ centerId: center.id, customerId: customer.id, priority: 'P2', type: 'repair', channel: 'hotline' }));
      insertEvent.run(`${id}-a`, id, 'ticket.assigned', response, response, JSON.stringify({ engineerId: engineer ?? 'none' }));
      if (resolved !== null) insertEvent.run(`${id}-r`, id, 'ticket.resolved', resolved, resolved, '{}');
      for (const [metric, target, stop] of [['first_response', 30 * 60_000, response], ['on_site', 8 * 3_600_000, resolved], ['resolution', 24 * 3_600_000, resolved]] as const) {
        const due = createdAt + target;
        const thresholds = JSON.stringify([50, 75, 90, 100].map((percent) => ({ percent, at: createdAt + (target * percent) / 100 })));
        insertClock.run(id, metric, center.id, stop === null ? 'active' : 'stopped', createdAt, stop, target, due, due, stop ?? NOW, thresholds);
      }
      if (i % 20 === 0) insertComplaint.run(id, customer.id, createdAt + 3_600_000);
      if (i % 10 === 0) insertParts.run(id, createdAt + 2 * 3_600_000);
    }
  });
  for (let from = 0; from < TICKETS; from += 50_000) write(from, Math.min(TICKETS, from + 50_000));
  db.close();
  console.log(`store: ${TICKETS.toLocaleString('en')} tickets, ${(statSync(path).size / 2 ** 20).toFixed(0)} MiB, written in ${((performance.now() - written) / 1000).toFixed(1)} s`);
}

console.log(`ticket bench on ${cpus().length} × ${cpus()[0]?.model}, Node ${process.version}`);
if (reused) console.log(`store: reusing ${path} (${(statSync(path).size / 2 ** 20).toFixed(0)} MiB), taken to hold ${TICKETS.toLocaleString('en')} tickets`);
else writeStore();

const appDb = openDatabase(path);
const httpServer = createServer();
const application = createApplication(httpServer, { db: appDb, clock: { now: () => NOW }, ingestTokens: [], viewTokens: [], pushIntervalMs: 1000, maxBodyBytes: 1 << 20, log: () => {} });
await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
const region = network.regions.find((candidate) => candidate.parentId === null)!;
const sessions = {
  admin: await signInAs({ url, db: appDb }, { username: `bench-admin-${Date.now()}`, role: 'admin' }),
  [`supervisor of ${region.name}`]: await signInAs({ url, db: appDb }, { username: `bench-supervisor-${Date.now()}`, role: 'supervisor', grants: [{ kind: 'region', id: region.id }] }),
};

async function timed(path: string, cookie: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${url}/api/v1${path}`, { headers: { cookie } });
  await response.arrayBuffer();
  const ms = performance.now() - started;
  if (response.status !== 200 && response.status !== 403) throw new Error(`${path}: ${response.status}`);
  return ms;
}

function summary(label: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(2);
  return `${label.padEnd(44)} n=${String(sorted.length).padStart(4)}  p50 ${at(0.5).padStart(6)} ms  p95 ${at(0.95).padStart(6)} ms  max ${sorted.at(-1)!.toFixed(2).padStart(6)} ms`;
}

const pickIndex = () => Math.floor(random.next() * TICKETS);
const queries: Record<string, () => string> = {
  'ticket page GET /tickets/:id': () => `/tickets/${ticketId(pickIndex())}`,
  'search: full ticket id': () => `/search?q=${ticketId(pickIndex())}`,
  'search: id prefix, 5 characters (T-012…)': () => `/search?q=${ticketId(pickIndex()).slice(0, 5)}`,
  'search: id prefix, 2 characters (T-)': () => '/search?q=T-',
  'search: id prefix in lower case (t-00…)': () => `/search?q=${ticketId(pickIndex()).slice(0, 6).toLowerCase()}`,
  'search: customer name, first 2 characters': () => `/search?q=${encodeURIComponent(network.customers[pickIndex() % network.customers.length]!.name.slice(0, 2))}`,
  'search: serial number prefix, 10 characters': () => `/search?q=${serialOf(pickIndex()).slice(0, 10)}`,
  'search: nothing matches (ZZZ)': () => '/search?q=ZZZ',
};
// Warm the page cache and the JIT, as a server that has been up a while would be.
for (const make of Object.values(queries)) for (let i = 0; i < 20; i++) await timed(make(), sessions.admin.cookie);
for (const [who, session] of Object.entries(sessions)) {
  console.log(`as ${who}:`);
  for (const [label, make] of Object.entries(queries)) {
    const samples: number[] = [];
    for (let i = 0; i < SAMPLES; i++) samples.push(await timed(make(), session.cookie));
    console.log(`  ${summary(label, samples)}`);
  }
}
// The same reads in process, without HTTP, sessions or the event loop's other work: what the store costs.
const { core } = application;
const story = createTicketStory(appDb);
const search = createTicketSearch(appDb);
const slaView = createSlaView(core.slaEngine, core.slaRulebook, core.org, { now: () => NOW });
const regionCenters = new Set(core.org.centersIn({ kind: 'region', id: region.id }) ?? []);
const reach: Record<string, Visibility> = { admin: { centers: null, engineerId: null }, [`supervisor of ${region.name}`]: { centers: regionCenters, engineerId: null } };
const inProcess: Record<string, (visibility: Visibility) => void> = {
  'ticket page: story and SLA clocks': () => {
    const id = ticketId(pickIndex());
    story.read(id);
    slaView.forTicket(id);
  },
  'search: id prefix, 5 characters': (visibility) => search.search({ q: ticketId(pickIndex()).slice(0, 5), limit: 8 }, visibility),
  'search: id prefix, 2 characters': (visibility) => search.search({ q: 'T-', limit: 8 }, visibility),
  'search: customer name, first 2 characters': (visibility) => search.search({ q: network.customers[pickIndex() % network.customers.length]!.name.slice(0, 2), limit: 8 }, visibility),
  'search: serial number prefix, 10 characters': (visibility) => search.search({ q: serialOf(pickIndex()).slice(0, 10), limit: 8 }, visibility),
};
for (const [who, visibility] of Object.entries(reach)) {
  console.log(`in process, as ${who}:`);
  for (const [label, run] of Object.entries(inProcess)) {
    const samples: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const started = performance.now();
      const cpuStarted = process.cpuUsage();
      run(visibility);
      const used = process.cpuUsage(cpuStarted);
      samples.push(performance.now() - started);
      cpu.push((used.user + used.system) / 1000);
    }
    // CPU time is what the read costs whatever else the machine runs; wall time includes waiting for a core.
    console.log(`  ${summary(label, samples)}`);
    console.log(`  ${summary('  (CPU time)', cpu)}`);
  }
}
await application.close();
httpServer.close();
appDb.$client.close();
if (dir) rmSync(dir, { recursive: true, force: true });
