import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import type { IngestEventInput } from '../../shared/ingest/eventSchema';
import { postEvents } from '../../test/support/api';
import { createdEvent, loadSmallNetwork, smallNetwork } from '../../test/support/smallNetwork';
import { type TestServer, call, startTestServer } from '../../test/support/testServer';
import { createCore } from '../core';

const NOW = Date.parse('2026-11-23T10:00:00+08:00');
const DAY_MS = 86_400_000;

/** A 5×9 customer: business-time arithmetic runs on its clocks. */
const FIVE_BY_NINE = { customerId: 'c-002' };

function resolved(ticketId: string, at: string): IngestEventInput {
  return { id: `${ticketId}-resolved-${at}`, type: 'ticket.resolved', at, ticketId, data: {} };
}

describe('event instants outside 2000-01-01 … a day after the clock', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ clock: { now: () => NOW } });
    await loadSmallNetwork(server);
    expect((await postEvents(server, [createdEvent('OLD', '2026-11-22T09:00:00Z', FIVE_BY_NINE)])).json).toMatchObject({ accepted: 1 });
  });
  afterAll(async () => {
    expect((await call(server, 'GET', '/api/v1/health', undefined, null)).status).toBe(200);
    await server.close();
  });

  // Each was a 500 or a stall before: 9999 (rollup bucket null), years 0–2 on 5×9 (no working time
  // found), year 1000 on 5×9 (every later event of the ticket took 15–34 s), 1969/1970 (3 s an event).
  it.each([
    ['9999-12-31T23:59:59.999Z'],
    ['9999-12-31T16:00:00Z'],
    ['0000-01-01T00:00:00Z'],
    ['0001-01-01T00:00:00Z'],
    ['0002-06-01T00:00:00Z'],
    ['1000-01-01T00:00:00Z'],
    ['1969-12-31T23:59:59Z'],
    ['1970-01-01T00:00:00Z'],
    ['1999-12-31T23:59:59.999Z'],
  ])('refuses a ticket created at %s by field and reason, and keeps the rest of the batch', async (at) => {
    const ticketId = `T-${at}`;
    const batch = [createdEvent(`${ticketId}-ok`, '2026-11-23T09:00:00+08:00', FIVE_BY_NINE), createdEvent(ticketId, at, FIVE_BY_NINE)];
    const response = await postEvents(server, batch);
    expect(response.status, response.text).toBe(200);
    expect(response.json).toEqual({
      accepted: 1,
      duplicates: 0,
      rejected: [{ index: 1, id: `${ticketId}-created`, errors: [{ path: 'at', message: expect.stringMatching(/^must not be (before|after) /) }] }],
    });
    expect((await call(server, 'GET', `/api/v1/tickets/${encodeURIComponent(ticketId)}`)).status).toBe(404);
    expect((await call(server, 'GET', `/api/v1/tickets/${encodeURIComponent(`${ticketId}-ok`)}`)).status).toBe(200);
  });

  it('refuses a resolution stamped in year 9999 on a stored ticket, which stays open', async () => {
    const response = await postEvents(server, [resolved('OLD', '9999-12-31T23:00:00Z')]);
    expect(response.status, response.text).toBe(200);
    expect(response.json).toMatchObject({ accepted: 0, rejected: [{ index: 0, errors: [{ path: 'at', message: expect.stringContaining('after') }] }] });
    expect((await call(server, 'GET', '/api/v1/tickets/OLD')).json).toMatchObject({ ticket: { status: 'new' } });
  });

  it('takes an event up to a day after the clock and refuses one a millisecond later', async () => {
    const lastAccepted = new Date(NOW + DAY_MS).toISOString();
    const firstRefused = new Date(NOW + DAY_MS + 1).toISOString();
    const response = await postEvents(server, [createdEvent('EDGE-IN', lastAccepted), createdEvent('EDGE-OUT', firstRefused), createdEvent('EDGE-LOW', '2000-01-01T00:00:00Z')]);
    expect(response.json).toMatchObject({ accepted: 2, rejected: [{ index: 1, errors: [{ path: 'at' }] }] });
  });

  it('refuses an appointment outside the era the clocks are computed in', async () => {
    const scheduled = (id: string, appointmentAt: string): IngestEventInput => ({ id, type: 'ticket.scheduled', at: '2026-11-23T01:00:00Z', ticketId: 'OLD', data: { appointmentAt } });
    const response = await postEvents(server, [scheduled('S-1', '9999-01-01T00:00:00Z'), scheduled('S-2', '0001-01-01T00:00:00Z'), scheduled('S-3', '2027-03-01T00:00:00Z')]);
    expect(response.json).toMatchObject({
      accepted: 1,
      rejected: [
        { index: 0, errors: [{ path: 'data.appointmentAt' }] },
        { index: 1, errors: [{ path: 'data.appointmentAt' }] },
      ],
    });
  });
});

describe('configured event time bounds', () => {
  it('holds events to EVENT_EARLIEST_AT and EVENT_MAX_AHEAD_MS as given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ops-bounds-'));
    const db = openDatabase(join(dir, 'ops.db'));
    try {
      const core = createCore(db, { now: () => NOW }, () => {}, { eventTimeBounds: { earliestMs: Date.parse('2026-01-01T00:00:00Z'), maxAheadMs: 0 } });
      for (const kind of ['regions', 'centers', 'engineers', 'customers', 'products'] as const) core.referenceService.upsert(kind, smallNetwork[kind] as never);
      const result = core.ingestService.ingest(
        [createdEvent('A', '2025-12-31T23:59:59Z'), createdEvent('B', '2026-01-01T00:00:00Z'), createdEvent('C', new Date(NOW).toISOString()), createdEvent('D', new Date(NOW + 1).toISOString())],
        'test',
      );
      expect(result).toMatchObject({ accepted: 2, rejected: [{ index: 0, errors: [{ path: 'at' }] }, { index: 3, errors: [{ path: 'at' }] }] });
    } finally {
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
