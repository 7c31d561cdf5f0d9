import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestEventInput } from '../../shared/ingest/eventSchema';
import { expectErrorBody, postEvents } from '../../test/support/api';
import { dumpTables, rowCounts } from '../../test/support/dbDump';
import { createdEvent, loadSmallNetwork } from '../../test/support/smallNetwork';
import { INGEST_TOKEN, type TestServer, VIEW_TOKEN, call, startTestServer } from '../../test/support/testServer';

const AT = '2026-11-23T09:15:00+08:00';
/** The server's clock stands still, so its timed work (alert rounds, SLA timers) writes nothing between a check's before and after. */
const NOW = Date.parse('2026-11-23T12:00:00+08:00');

describe('POST /api/v1/events: bad input', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ clock: { now: () => NOW } });
    await loadSmallNetwork(server);
    // Something already stored, so "nothing written" is checked against a non-empty database.
    const seeded = await postEvents(server, [createdEvent('T-SEED', AT), { id: 'T-SEED-resolved', type: 'ticket.resolved', at: '2026-11-23T11:00:00+08:00', ticketId: 'T-SEED', data: {} }]);
    expect(seeded.json).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    // What the seed fires is settled now, not in the middle of a later check.
    await server.application.alerting.tick();
  });
  afterAll(() => server.close());

  /** Runs `act` and asserts the database did not change at all. */
  async function expectNothingWritten<T>(act: () => Promise<T>): Promise<T> {
    const counts = rowCounts(server.db);
    const before = dumpTables(server.db);
    const result = await act();
    expect(rowCounts(server.db)).toEqual(counts);
    expect(dumpTables(server.db)).toEqual(before);
    return result;
  }

  const created = createdEvent('T-BAD', AT);
  const withData = (data: Record<string, unknown>) => ({ ...created, data: { ...created.data, ...data } });
  const cases: { name: string; event: unknown; path: string; message: RegExp }[] = [
    { name: 'a missing data field', event: withData({ centerId: undefined }), path: 'data.centerId', message: /expected string, received undefined/ },
    { name: 'a missing envelope field', event: { ...created, ticketId: undefined }, path: 'ticketId', message: /expected string, received undefined/ },
    { name: 'a wrong type (number for enum)', event: withData({ priority: 3 }), path: 'data.priority', message: /expected one of "P1"\|"P2"\|"P3"\|"P4"/ },
    {
      name: 'a wrong type (string for number)',
      event: { id: 'T-BAD-parts', type: 'parts.requested', at: AT, ticketId: 'T-SEED', data: { requestId: 'PR-1', partNo: 'P-1', quantity: '3' } },
      path: 'data.quantity',
      message: /expected number, received string/,
    },
    { name: 'an unknown event type', event: { ...created, type: 'ticket.exploded' }, path: 'type', message: /ticket\.created/ },
    { name: 'a timestamp without offset', event: { ...created, at: '2026-11-23T09:15:00' }, path: 'at', message: /time zone offset/ },
    { name: 'a garbage timestamp', event: { ...created, at: 'yesterday afternoon' }, path: 'at', message: /ISO 8601/ },
    { name: 'an impossible date', event: { ...created, at: '2026-02-30T09:15:00Z' }, path: 'at', message: /ISO 8601/ },
    { name: 'an unknown centerId', event: withData({ centerId: 'nowhere' }), path: 'data.centerId', message: /unknown center 'nowhere'/ },
    { name: 'an unknown customerId', event: withData({ customerId: 'c-999' }), path: 'data.customerId', message: /unknown customer 'c-999'/ },
    { name: 'an unknown productModel', event: withData({ productModel: 'XX-1' }), path: 'data.productModel', message: /unknown product model 'XX-1'/ },
    {
      name: 'an unknown engineerId on ticket.assigned',
      event: { id: 'T-BAD-assign', type: 'ticket.assigned', at: AT, ticketId: 'T-SEED', data: { engineerId: 'e-999' } },
      path: 'data.engineerId',
      message: /unknown engineer 'e-999'/,
    },
    {
      name: 'an unknown engineerId on ticket.engineer_arrived',
      event: { id: 'T-BAD-arrive', type: 'ticket.engineer_arrived', at: AT, ticketId: 'T-SEED', data: { engineerId: 'e-999' } },
      path: 'data.engineerId',
      message: /unknown engineer 'e-999'/,
    },
  ];

  it.each(cases)('rejects $name with its field path and reason, writing nothing', async ({ event, path, message }) => {
    const response = await expectNothingWritten(() => postEvents(server, [event]));
    expect(response.status).toBe(200);
    const id = (event as { id: string }).id;
    expect(response.json).toEqual({ accepted: 0, duplicates: 0, rejected: [{ index: 0, id, errors: [{ path, message: expect.stringMatching(message) }] }] });
  });

  it('rejects non-object events with a null id', async () => {
    const response = await expectNothingWritten(() => postEvents(server, [null, 42, 'text', []]));
    expect(response.json.accepted).toBe(0);
    expect(response.json.rejected.map((r: { index: number; id: unknown }) => [r.index, r.id])).toEqual([[0, null], [1, null], [2, null], [3, null]]);
  });

  it('refuses a batch over 5,000 events with 413 batch_too_large', async () => {
    const events = Array.from({ length: 5001 }, (_, i) => createdEvent(`T-BIG-${i}`, AT));
    const response = await expectNothingWritten(() => postEvents(server, events));
    const error = expectErrorBody(response, 413, 'batch_too_large');
    expect(error.issues).toEqual([{ path: 'events', message: 'must hold at most 5000 events' }]);
  });

  it('refuses an empty events array with 400 naming events', async () => {
    const error = expectErrorBody(await expectNothingWritten(() => postEvents(server, [])), 400, 'invalid_request');
    expect(error.issues).toEqual([{ path: 'events', message: 'must hold at least one event' }]);
  });

  it.each([
    { name: 'an array body', body: [createdEvent('T-X', AT)], path: '' },
    { name: 'no events key', body: {}, path: 'events' },
    { name: 'events not an array', body: { events: 'T-X' }, path: 'events' },
    { name: 'an unknown top-level key', body: { events: [createdEvent('T-X', AT)], extra: true }, path: '' },
  ])('refuses $name with 400 invalid_request', async ({ body, path }) => {
    const response = await expectNothingWritten(() => call(server, 'POST', '/api/v1/events', body, INGEST_TOKEN));
    const error = expectErrorBody(response, 400, 'invalid_request');
    expect(error.issues?.map((issue) => issue.path)).toContain(path);
  });

  it.each([
    { name: 'malformed JSON', body: '{"events": [' },
    { name: 'a bare JSON string', body: '"events"' },
  ])('refuses $name with 400 invalid_json', async ({ body }) => {
    expectErrorBody(await expectNothingWritten(() => call(server, 'POST', '/api/v1/events', body, INGEST_TOKEN)), 400, 'invalid_json');
  });

  it('refuses a body that is not declared as JSON with a 400, not a 500', async () => {
    const response = await expectNothingWritten(() =>
      fetch(`${server.url}/api/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${INGEST_TOKEN}`, 'content-type': 'text/plain' }, body: JSON.stringify({ events: [createdEvent('T-X', AT)] }) }),
    );
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe('invalid_request');
  });

  it.each([
    { name: 'no token', token: null },
    { name: 'a wrong token', token: 'not-the-ingest-token-000000' },
  ])('refuses $name with 401 unauthorized', async ({ token }) => {
    const response = await expectNothingWritten(() => postEvents(server, [createdEvent('T-AUTH', AT)], token));
    expectErrorBody(response, 401, 'unauthorized');
  });

  it.each([
    { name: 'a display token', auth: () => VIEW_TOKEN },
    { name: 'an admin session', auth: () => server.admin },
  ])('refuses $name, valid but without events:ingest, with 403 forbidden', async ({ auth }) => {
    const response = await expectNothingWritten(() => call(server, 'POST', '/api/v1/events', { events: [createdEvent('T-AUTH', AT)] }, auth()));
    expect(expectErrorBody(response, 403, 'forbidden').message).toMatch(/'events:ingest'/);
  });

  it('keeps the valid events of a mixed batch and reports the invalid ones by index and id', async () => {
    const events: unknown[] = [
      createdEvent('T-MIX-1', AT),
      { ...createdEvent('T-MIX-2', AT), at: 'not a time' },
      createdEvent('T-MIX-3', AT, { centerId: 'urc-01', customerId: 'c-003' }),
      createdEvent('T-MIX-4', AT, { customerId: 'c-404' }),
      { id: 'T-MIX-1-resolved', type: 'ticket.resolved', at: '2026-11-23T10:00:00+08:00', ticketId: 'T-MIX-1', data: { cause: '保险丝' } },
      { type: 'ticket.closed', at: AT, ticketId: 'T-MIX-3', data: {} },
    ];
    const before = rowCounts(server.db);
    const response = await postEvents(server, events);
    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      accepted: 3,
      duplicates: 0,
      rejected: [
        { index: 1, id: 'T-MIX-2-created', errors: [{ path: 'at', message: expect.stringMatching(/ISO 8601/) }] },
        { index: 3, id: 'T-MIX-4-created', errors: [{ path: 'data.customerId', message: "unknown customer 'c-404'" }] },
        { index: 5, id: null, errors: [{ path: 'id', message: expect.any(String) }] },
      ],
    });
    expect(rowCounts(server.db)).toMatchObject({ ticket_events: before.ticket_events + 3, tickets: before.tickets + 2 });
    const stored = server.db.$client.prepare(`select id, status, cause from tickets where id like 'T-MIX-%' order by id`).all();
    expect(stored).toEqual([
      { id: 'T-MIX-1', status: 'resolved', cause: '保险丝' },
      { id: 'T-MIX-3', status: 'new', cause: null },
    ]);
  });
});

describe('POST /api/v1/events: the source recorded', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    await loadSmallNetwork(server);
  });
  afterAll(() => server.close());

  it("stores events and new tickets under the sending token's source: 'env' for INGEST_TOKEN, its own for a per-source token", async () => {
    const issued = await call(server, 'POST', '/api/v1/ingest-tokens', { source: 'crm' });
    expect(issued.status, issued.text).toBe(201);
    expect((await postEvents(server, [createdEvent('T-ENV', AT)])).json.accepted).toBe(1);
    expect((await postEvents(server, [createdEvent('T-CRM', AT)], issued.json.token)).json.accepted).toBe(1);
    const sources = (table: string) => server.db.$client.prepare(`select ${table === 'tickets' ? 'id' : 'ticket_id'} as ticket, source from ${table} order by 1`).all();
    expect(sources('tickets')).toEqual([{ ticket: 'T-CRM', source: 'crm' }, { ticket: 'T-ENV', source: 'env' }]);
    expect(sources('ticket_events')).toEqual([{ ticket: 'T-CRM', source: 'crm' }, { ticket: 'T-ENV', source: 'env' }]);
  });
});

describe('POST /api/v1/events: body size limit', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ maxBodyBytes: 2048 });
    await loadSmallNetwork(server);
  });
  afterAll(() => server.close());

  it('accepts a batch under the limit and refuses one over it with 413, writing nothing', async () => {
    const small = await postEvents(server, [createdEvent('T-SMALL', AT)]);
    expect(small.json).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    const counts = rowCounts(server.db);
    const events: IngestEventInput[] = Array.from({ length: 20 }, (_, i) => createdEvent(`T-LIMIT-${i}`, AT));
    expect(JSON.stringify({ events }).length).toBeGreaterThan(2048);
    expectErrorBody(await postEvents(server, events), 413, 'payload_too_large');
    expect(rowCounts(server.db)).toEqual(counts);
  });
});
