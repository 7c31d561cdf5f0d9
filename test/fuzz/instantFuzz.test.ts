import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSmallNetwork } from '../support/smallNetwork';
import { INGEST_TOKEN, type TestServer, startTestServer } from '../support/testServer';
import { FUZZ_SEED, expectHealthy, expectWellFormed, timedCall, timedRaw, watchHealth } from './fuzzAnswers';

/**
 * Instants of any year, wherever instants come in: events of every contract (the ticket's first event
 * and the ones after it, which is where a year-1000 ticket used to stall the server for half a minute
 * an event), ticket detail, query strings, silences and calendars. Every answer is a 4xx or a success
 * within a second, while GET /health, polled on its own connections, keeps answering.
 */

const NOW = Date.parse('2026-11-23T10:00:00+08:00');
const DAY_MS = 86_400_000;
const MAX_DATE_MS = 8.64e15;

/** c-004 adds the one contract the small network lacks. */
const CUSTOMERS = ['c-001', 'c-002', 'c-003', 'c-004'];
const YEARS_OF_NOTE = [0, 1, 2, 99, 100, 999, 1000, 1900, 1969, 1970, 1999, 2000, 2026, 2027, 2038, 2099, 2100, 2101, 9999];

const anyInstant = fc.oneof(
  { arbitrary: fc.integer({ min: -MAX_DATE_MS, max: MAX_DATE_MS }), weight: 2 },
  {
    arbitrary: fc.record({ year: fc.constantFrom(...YEARS_OF_NOTE), into: fc.integer({ min: -DAY_MS, max: 366 * DAY_MS }) }).map(({ year, into }) => {
      const start = new Date(0);
      start.setUTCFullYear(year, 0, 1);
      return Math.max(-MAX_DATE_MS, Math.min(MAX_DATE_MS, start.getTime() + into));
    }),
    weight: 4,
  },
  { arbitrary: fc.integer({ min: NOW - 40 * DAY_MS, max: NOW + 3 * DAY_MS }), weight: 3 },
);

/** An instant as a sender would write it: Z or an offset from -12:00 to +14:00; years past 9999 in the extended form. */
const isoText = fc.tuple(anyInstant, fc.integer({ min: -48, max: 56 })).map(([epochMs, quarters]) => {
  if (quarters % 4 !== 0 || Math.abs(epochMs) > 2.5e14) return new Date(epochMs).toISOString();
  const offsetMs = quarters * 15 * 60_000;
  const local = new Date(epochMs + offsetMs).toISOString();
  if (!/^\d{4}-/.test(local)) return new Date(epochMs).toISOString();
  const sign = offsetMs < 0 ? '-' : '+';
  const minutes = Math.abs(quarters * 15);
  return `${local.slice(0, -1)}${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
});

const FOLLOW_UPS = [
  { type: 'ticket.first_response', data: {} },
  { type: 'ticket.assigned', data: { engineerId: 'e-001' } },
  { type: 'ticket.status_changed', data: { status: 'waiting_customer' } },
  { type: 'ticket.status_changed', data: { status: 'waiting_parts' } },
  { type: 'ticket.status_changed', data: { status: 'on_site' } },
  { type: 'ticket.engineer_arrived', data: {} },
  { type: 'ticket.resolved', data: {} },
  { type: 'ticket.reopened', data: {} },
  { type: 'ticket.closed', data: {} },
  { type: 'complaint.opened', data: { complaintId: 'CP-1', category: 'timeliness', severity: 'high' } },
  { type: 'complaint.resolved', data: { complaintId: 'CP-1' } },
  { type: 'survey.completed', data: { score: 4 } },
] as const;

describe('instants of any year', () => {
  let server: TestServer;
  let run = 0;

  beforeAll(async () => {
    server = await startTestServer({ clock: { now: () => NOW } });
    await loadSmallNetwork(server);
    const customer = await timedCall(server, 'PUT', '/api/v1/org/customers', [{ id: 'c-004', name: '某数据中心', tier: 'key', contract: '7x24x8' }], INGEST_TOKEN);
    expect(customer.status, customer.text).toBe(200);
  });
  afterAll(async () => {
    await expectHealthy(server);
    await server.close();
  });

  it('answers each event of a ticket, of any contract and stamped in any year, within a second, with health answering meanwhile', async () => {
    const health = watchHealth(server);
    const ticket = fc.record({
      customerId: fc.constantFrom(...CUSTOMERS),
      centerId: fc.constantFrom('sh-01', 'sh-02', 'urc-01'),
      createdAt: isoText,
      followUps: fc.array(fc.record({ event: fc.constantFrom(...FOLLOW_UPS), at: isoText }), { minLength: 1, maxLength: 4 }),
    });
    await fc.assert(
      fc.asyncProperty(ticket, async ({ customerId, centerId, createdAt, followUps }) => {
        const ticketId = `Y-${++run}`;
        const created = { id: `${ticketId}-c`, type: 'ticket.created', at: createdAt, ticketId, data: { centerId, customerId, priority: 'P2', type: 'repair', channel: 'hotline' } };
        const answer = await timedCall(server, 'POST', '/api/v1/events', { events: [created] }, INGEST_TOKEN);
        expectWellFormed(answer, `created at ${createdAt}`);
        for (const [index, { event, at }] of followUps.entries()) {
          const followUp = { id: `${ticketId}-${index}`, type: event.type, at, ticketId, data: event.data };
          expectWellFormed(await timedCall(server, 'POST', '/api/v1/events', { events: [followUp] }, INGEST_TOKEN), `${event.type} at ${at}`);
        }
        expectWellFormed(await timedCall(server, 'GET', `/api/v1/tickets/${ticketId}`), `detail of ${ticketId}`);
      }),
      {
        numRuns: 150,
        seed: FUZZ_SEED,
        // The defects as reported, and the longest span the default bounds let through: a 5×9 ticket
        // opened at 2000-01-01 whose clocks are read and moved now.
        examples: [
          [{ customerId: 'c-002', centerId: 'sh-01', createdAt: '9999-12-31T23:59:59.999Z', followUps: [{ event: FOLLOW_UPS[6], at: '9999-12-31T23:00:00Z' }] }],
          [{ customerId: 'c-002', centerId: 'sh-01', createdAt: '0000-01-01T00:00:00Z', followUps: [{ event: FOLLOW_UPS[0], at: '0001-01-01T00:00:00Z' }] }],
          [{ customerId: 'c-002', centerId: 'sh-01', createdAt: '1000-01-01T00:00:00Z', followUps: [{ event: FOLLOW_UPS[2], at: '2026-11-23T01:00:00Z' }, { event: FOLLOW_UPS[6], at: '2026-11-23T01:30:00Z' }] }],
          [{ customerId: 'c-002', centerId: 'urc-01', createdAt: '1969-12-31T23:00:00Z', followUps: [{ event: FOLLOW_UPS[0], at: '1970-01-01T00:00:00Z' }] }],
          [{ customerId: 'c-002', centerId: 'sh-01', createdAt: '2000-01-01T00:00:00Z', followUps: [{ event: FOLLOW_UPS[2], at: '2026-11-23T01:00:00Z' }, { event: FOLLOW_UPS[4], at: '2026-11-23T01:30:00Z' }, { event: FOLLOW_UPS[6], at: '2026-11-23T02:00:00Z' }] }],
        ],
      },
    );
    const { ms, answers, failures } = await health.stop();
    expect(failures).toEqual([]);
    expect(answers).toBeGreaterThan(0);
    expect(ms).toBeLessThan(1000);
  });

  it('answers instants of any year in query strings, silences and calendars with a 4xx or a success', async () => {
    const requests = fc.oneof(
      fc.tuple(isoText, isoText).map(([from, to]) => ({ method: 'GET', path: `/api/v1/tickets?createdFrom=${encodeURIComponent(from)}&createdTo=${encodeURIComponent(to)}` })),
      fc
        .tuple(fc.constantFrom('minute', 'hour', 'day'), fc.constantFrom('created', 'backlog_open', 'csat_mean'), isoText, isoText)
        .map(([bucket, metric, from, to]) => ({ method: 'GET', path: `/api/v1/series?metric=${metric}&bucket=${bucket}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}` })),
      fc.tuple(isoText, isoText).map(([from, to]) => ({ method: 'GET', path: `/api/v1/audit?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}` })),
      fc.tuple(fc.option(isoText, { nil: undefined }), isoText).map(([startsAt, endsAt]) => ({
        method: 'POST',
        path: '/api/v1/alert-silences',
        body: { matchers: [{ name: 'scope', op: '=', value: 'center:sh-01' }], startsAt, endsAt, comment: 'fuzz' },
      })),
      fc.tuple(isoText, isoText).map(([date, workday]) => ({
        method: 'PUT',
        path: '/api/v1/sla/calendars/fuzz-cal',
        body: {
          name: 'fuzz',
          timeZone: 'Asia/Shanghai',
          weekly: [[], [{ start: '09:00', end: '18:00' }], [{ start: '09:00', end: '18:00' }], [], [], [], []],
          holidays: [{ date: date.slice(0, 10), name: 'h' }],
          workdays: [{ date: workday.slice(0, 10), name: 'w' }],
        },
      })),
      isoText.map((date) => ({ method: 'POST', path: '/api/v1/sla/calendars/5x9/holidays', body: [{ date: date.slice(0, 10), name: 'fuzz' }] })),
      isoText.map((at) => {
        const date = at.slice(0, 10).replaceAll('-', '');
        return {
          method: 'POST',
          path: '/api/v1/sla/calendars/5x9/holidays.ics',
          body: `BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:${date}\r\nSUMMARY:fuzz\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`,
          contentType: 'text/calendar',
        };
      }),
    );
    const health = watchHealth(server);
    await fc.assert(
      fc.asyncProperty(requests, async ({ method, path, body, contentType }: { method: string; path: string; body?: unknown; contentType?: string }) => {
        const answer = contentType ? await timedRaw(server, method, path, body as string, contentType) : await timedCall(server, method, path, body);
        expectWellFormed(answer, `${method} ${path} ${JSON.stringify(body)?.slice(0, 200) ?? ''}`);
      }),
      { numRuns: 250, seed: FUZZ_SEED },
    );
    const { ms, failures } = await health.stop();
    expect(failures).toEqual([]);
    expect(ms).toBeLessThan(1000);
  });
});
