import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connection';
import { createCore } from '../../server/core';
import { ROLLUP_COLUMNS } from '../../server/metrics/rollupMarks';
import { manualClock } from '../support/manualClock';
import { createdEvent, smallNetwork } from '../support/smallNetwork';
import { openTempDb } from '../support/tempDb';
import { INGEST_TOKEN, type TestServer, VIEW_TOKEN, connectDashboard, startTestServer } from '../support/testServer';
import { type FuzzAnswer, expectHealthy, expectWellFormed, readRoutesOf, timedCall, watchHealth } from '../fuzz/fuzzAnswers';
import type { IngestEventInput } from '../../shared/ingest/eventSchema';

/**
 * A database written before events' instants were bounded may hold tickets, clocks and events stamped
 * in any year a source system's broken clock sent. A server started on it must read them like any
 * other: every read route answers a success or a 4xx, within a second, and health keeps answering.
 */
const NOW = Date.parse('2026-11-23T10:00:00+08:00');
const HOUR = 3_600_000;

/** Where each kind of broken clock put a ticket's history: the whole of it moved to start there. */
const TARGETS = {
  y0001: Date.parse('0001-01-01T00:00:00Z'),
  y1000: Date.parse('1000-01-01T00:00:00Z'),
  y1969: Date.parse('1969-12-31T23:00:00Z'),
  y1970: Date.parse('1970-01-01T00:00:00Z'),
  y9999: Date.parse('9999-12-31T16:00:00Z'),
  // Past the last instant a JavaScript Date can hold: what an integer overflowing its unit would leave.
  beyond: 9_000_000_000_000_000,
};

const CUSTOMERS = ['c-001', 'c-002', 'c-003'] as const;

function historyOf(prefix: string, customerId: string): IngestEventInput[] {
  const at = (hoursBefore: number) => new Date(NOW - hoursBefore * HOUR).toISOString();
  const open = `${prefix}-open`;
  const done = `${prefix}-done`;
  return [
    createdEvent(open, at(6), { customerId, engineerId: 'e-001' }),
    { id: `${open}-scheduled`, type: 'ticket.scheduled', at: at(5.5), ticketId: open, data: { appointmentAt: at(1) } },
    { id: `${open}-complaint`, type: 'complaint.opened', at: at(5), ticketId: open, data: { complaintId: `${open}-CP`, category: 'timeliness', severity: 'high' } },
    { id: `${open}-parts`, type: 'parts.requested', at: at(4.5), ticketId: open, data: { requestId: 'PR-1', partNo: 'P-100', quantity: 1 } },
    createdEvent(done, at(8), { customerId, centerId: 'urc-01', engineerId: 'e-001' }),
    { id: `${done}-arrived`, type: 'ticket.engineer_arrived', at: at(7), ticketId: done, data: {} },
    { id: `${done}-resolved`, type: 'ticket.resolved', at: at(6.5), ticketId: done, data: {} },
    { id: `${done}-survey`, type: 'survey.completed', at: at(6), ticketId: done, data: { score: 2 } },
  ];
}

/** Every instant the store keeps for a ticket, moved by `shift` as an old database would hold it. */
const INSTANT_COLUMNS: Record<string, string[]> = {
  tickets: ['created_at', 'assigned_at', 'scheduled_at', 'appointment_at', 'first_response_at', 'arrived_at', 'resolved_at', 'closed_at', 'cancelled_at', 'reopened_at', 'updated_at'],
  ticket_events: ['at'],
  complaints: ['opened_at', 'escalated_at', 'resolved_at'],
  surveys: ['at'],
  parts_requests: ['requested_at', 'shipped_at', 'delivered_at'],
  sla_clocks: ['started_at', 'stopped_at', 'due_at', 'original_due_at', 'counted_until', 'running_since', 'next_fire_at'],
};

function moveHistory(db: Db, prefix: string, shift: number): void {
  for (const [table, columns] of Object.entries(INSTANT_COLUMNS)) {
    const key = table === 'tickets' ? 'id' : 'ticket_id';
    const sets = columns.map((column) => `${column} = ${column} + :shift`).join(', ');
    db.$client.prepare(`update ${table} set ${sets} where ${key} like :prefix`).run({ shift, prefix: `${prefix}-%` });
  }
  // The ticket's SLA and payload instants (appointmentAt) as the events carried them.
  db.$client
    .prepare(`update ticket_events set data = json_set(data, '$.appointmentAt', json_extract(data, '$.appointmentAt') + :shift) where ticket_id like :prefix and json_extract(data, '$.appointmentAt') is not null`)
    .run({ shift, prefix: `${prefix}-%` });
}

/** Rollup buckets and level samples at the same instants, as ingest or the sampler would have left them. */
function moveRollups(db: Db, shift: number): void {
  db.$client.prepare(`insert or ignore into metric_rollups select grain, bucket + :shift, center_id, engineer_id, ${ROLLUP_COLUMNS.join(', ')} from metric_rollups where bucket between :from and :to`).run({ shift, from: NOW - 48 * HOUR, to: NOW + HOUR });
  db.$client.prepare(`insert or ignore into metric_levels select grain, bucket + :shift, center_id, sampled_at + :shift, backlog_open, breached_open, at_risk_open from metric_levels where bucket between :from and :to`).run({ shift, from: NOW - 48 * HOUR, to: NOW + HOUR });
}

/** A database written as the server did before the bounds: each era's tickets for every contract. */
function writeOldDatabase() {
  const temp = openTempDb('old-instants-');
  const core = createCore(temp.db, manualClock(NOW));
  for (const kind of ['regions', 'centers', 'engineers', 'customers', 'products'] as const) core.referenceService.upsert(kind, smallNetwork[kind] as never);
  for (const era of Object.keys(TARGETS)) {
    for (const customerId of CUSTOMERS) {
      const result = core.ingestService.ingest(historyOf(`${era}-${customerId}`, customerId), 'old-source');
      if (result.rejected.length > 0) throw new Error(JSON.stringify(result.rejected));
    }
  }
  for (const [era, target] of Object.entries(TARGETS)) {
    const shift = target - (NOW - 8 * HOUR);
    for (const customerId of CUSTOMERS) moveHistory(temp.db, `${era}-${customerId}`, shift);
    moveRollups(temp.db, shift);
  }
  // Holidays and make-up days of any year on the 5×9 calendar, as an import before date bounds could leave them.
  temp.db.$client
    .prepare(`update business_calendars set definition = json_set(definition, '$.holidays', json('[{"date":"1000-01-01","name":"old"},{"date":"9999-12-31","name":"far"},{"date":"2026-11-24","name":"today"}]'), '$.workdays', json('[{"date":"0001-01-06","name":"first"}]')) where id = '5x9'`)
    .run();
  return temp;
}

const SCOPES = ['network', 'region:east', 'center:sh-01', 'center:urc-01'];

const MOVED_TICKETS = Object.keys(TARGETS).flatMap((era) => CUSTOMERS.flatMap((customerId) => [`${era}-${customerId}-open`, `${era}-${customerId}-done`]));
/** What a path parameter of any other route is read with: a moved ticket, an engineer, a center, a metric, a calendar. */
const PARAMETERS = ['y1000-c-002-open', 'e-001', 'sh-01', 'backlog_open', '5x9'];

/** Every GET route of the live router, and the reads a page makes on the moved tickets and the scopes holding them. */
function readPaths(routes: readonly string[]): string[] {
  const paths = MOVED_TICKETS.map((id) => `/tickets/${encodeURIComponent(id)}`);
  for (const route of routes) {
    if (!route.includes(':')) paths.push(route, `${route}?scope=network&window=30d`);
    else for (const value of PARAMETERS) paths.push(`${route.replace(/:[a-zA-Z]+/g, value)}?scope=network&window=30d`);
  }
  for (const era of Object.keys(TARGETS)) paths.push(`/search?q=${era}`, `/tickets?customerId=c-002&limit=1000`);
  for (const scope of SCOPES) {
    const q = `scope=${encodeURIComponent(scope)}`;
    paths.push(
      `/metrics?${q}&window=30d`, `/metrics?${q}&window=today`, `/breakdown?${q}&window=30d&by=contract`, `/metrics/backlog_open/tickets?${q}&window=30d`,
      `/metrics/backlog_open/tickets?${q}&window=30d&format=csv`, `/metrics/sla_compliance_resolution/tickets?${q}&window=30d`,
      `/sla/at-risk?${q}&within=30d&breached=include`, `/sla/complaints?${q}`, `/org/scope?${q}`, `/alerts?${q}`,
      ...['coming_due', 'breached', 'follow_up'].map((section) => `/sla/board?${q}&section=${section}&within=1d`),
    );
    for (const bucket of ['minute', 'hour', 'day', 'week']) {
      for (const metric of ['created', 'backlog_open', 'csat_mean', 'sla_compliance_resolution']) paths.push(`/series?metric=${metric}&${q}&bucket=${bucket}`);
    }
  }
  paths.push('/tickets?limit=1000', '/tickets?format=csv', '/tickets?open=true&limit=1000', '/tickets?createdFrom=0001-01-01T00:00:00Z&createdTo=9999-12-31T23:59:59Z&limit=1000');
  paths.push('/series?metric=created&scope=network&bucket=day&from=0001-01-01T00:00:00Z&to=9999-12-31T00:00:00Z', '/series?metric=backlog_open&scope=network&bucket=hour&from=1000-01-01T00:00:00Z&to=1000-01-03T00:00:00Z');
  paths.push('/alerts', '/alert-silences', '/audit', '/sla/jobs', '/health');
  return paths;
}

describe('a database holding instants of any year, written before the bounds', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ clock: manualClock(NOW), database: writeOldDatabase() });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });

  it('keeps the moved tickets as they were stored', () => {
    const row = server.db.$client.prepare(`select created_at as createdAt from tickets where id = 'y1000-c-002-open'`).get() as { createdAt: number };
    expect(row.createdAt).toBe(TARGETS.y1000 + 2 * HOUR);
    const calendar = server.db.$client.prepare(`select json_extract(definition, '$.holidays[0].date') as date from business_calendars where id = '5x9'`).get();
    expect(calendar).toEqual({ date: '1000-01-01' });
  });

  it('answers every read route with a success or a 4xx JSON error within a second, health answering meanwhile', async () => {
    const health = watchHealth(server);
    const answers: { path: string; answer: FuzzAnswer }[] = [];
    for (const path of readPaths(readRoutesOf(server.application.api))) answers.push({ path, answer: await timedCall(server, 'GET', `/api/v1${path}`) });
    const watched = await health.stop();
    for (const { path, answer } of answers) expectWellFormed(answer, path);
    expect(watched.failures).toEqual([]);
    expect(watched.ms).toBeLessThan(1000);
    await expectHealthy(server);
  }, 300_000);

  it('shows a moved ticket on its page with the instants and SLA clocks it holds', async () => {
    const page = await timedCall(server, 'GET', '/api/v1/tickets/y1000-c-002-open');
    expect(page.status).toBe(200);
    expect(page.json.ticket.createdAt).toBe(TARGETS.y1000 + 2 * HOUR);
    expect(page.json.sla.length).toBeGreaterThan(0);
    expect(page.json.sla[0].startedAt).toMatch(/^1000-01-01T/);
  });

  it('takes an event for each moved ticket today, within a second, and reads it back, after the SLA timers and an alert round ran over them', async () => {
    server.application.core.slaEngine.fireDue();
    await server.application.alerting.tick();
    const openTickets = MOVED_TICKETS.filter((id) => id.endsWith('-open'));
    for (const ticketId of openTickets) {
      const event = { id: `${ticketId}-today`, type: 'ticket.first_response', at: new Date(NOW).toISOString(), ticketId, data: {} };
      expectWellFormed(await timedCall(server, 'POST', '/api/v1/events', { events: [event] }, INGEST_TOKEN), `an event today for ${ticketId}`);
      expectWellFormed(await timedCall(server, 'GET', `/api/v1/tickets/${ticketId}`), `${ticketId} after today's event`);
    }
    expectWellFormed(await timedCall(server, 'GET', '/api/v1/alerts?scope=network'), 'alerts after a round');
    await expectHealthy(server);
  }, 120_000);

  it('answers a dashboard subscription and a watch of each moved ticket over the socket', async () => {
    const socket = await connectDashboard(server, VIEW_TOKEN);
    try {
      for (const view of ['today', '7d', '30d'] as const) {
        const snapshot = await socket.timeout(10_000).emitWithAck('dashboard:subscribe', { scope: { kind: 'network' }, view });
        expect(snapshot).toMatchObject({ ok: true });
      }
      for (const era of Object.keys(TARGETS)) {
        const started = performance.now();
        const watch = await socket.timeout(10_000).emitWithAck('ticket:watch', { ticketId: `${era}-c-002-open` });
        expect(performance.now() - started).toBeLessThan(1000);
        expect(watch).toMatchObject({ ok: true });
      }
    } finally {
      socket.disconnect();
    }
    await expectHealthy(server);
  });
});
