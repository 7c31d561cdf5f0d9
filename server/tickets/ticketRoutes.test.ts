import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_STATUSES } from '../../shared/domain/vocabulary';
import type { IngestEventInput } from '../../shared/ingest/eventSchema';
import { expectErrorBody, postEvents } from '../../test/support/api';
import { parseCsv } from '../../test/support/csv';
import { createdEvent, loadSmallNetwork } from '../../test/support/smallNetwork';
import { INGEST_TOKEN, type Session, type TestServer, VIEW_TOKEN, authHeaders, call, startTestServer } from '../../test/support/testServer';

const HOUR = 3_600_000;
const BASE = Date.parse('2026-11-20T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** A province and a city below the small network's 华东, so a region filter must reach two levels down. */
async function loadNestedRegion(server: TestServer): Promise<void> {
  const regions = await call(server, 'PUT', '/api/v1/org/regions', [
    { id: 'nj', name: '南京', parentId: 'js' },
    { id: 'js', name: '江苏', parentId: 'east' },
  ]);
  expect(regions.status).toBe(200);
  const centers = await call(server, 'PUT', '/api/v1/org/centers', [{ id: 'nj-01', name: '南京鼓楼服务中心', regionId: 'nj', zone: 'city', timeZone: 'Asia/Shanghai' }]);
  expect(centers.status).toBe(200);
}

const CENTERS = ['sh-01', 'sh-02', 'urc-01', 'nj-01'] as const;
const REGIONS_OF: Record<string, string[]> = { 'sh-01': ['sh', 'east'], 'sh-02': ['sh', 'east'], 'urc-01': ['west'], 'nj-01': ['nj', 'js', 'east'] };
const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
const TRICKY: Record<number, string> = { 0: 'a,b "quoted"\r\nline two', 1: '=HYPERLINK("http://evil.example")', 2: '@SUM(A1)' };

/** The oracle: what each ticket is, independent of the server. Three tickets share each creation instant. */
const specs = Array.from({ length: 31 }, (_, i) => ({
  id: `T-${String(i).padStart(2, '0')}`,
  centerId: CENTERS[i % 4]!,
  priority: PRIORITIES[i % 4]!,
  createdAt: BASE + Math.floor(i / 3) * HOUR,
  status: i % 5 === 0 ? 'resolved' : i % 7 === 0 ? 'cancelled' : i % 11 === 0 ? 'closed' : 'new',
  symptom: TRICKY[i] ?? '不制冷',
}));
const newestFirst = (a: { createdAt: number; id: string }, b: { createdAt: number; id: string }) => b.createdAt - a.createdAt || (b.id < a.id ? -1 : 1);
const expectedIds = (keep: (spec: (typeof specs)[number]) => boolean) => specs.filter(keep).sort(newestFirst).map((spec) => spec.id);

function eventsFor(spec: (typeof specs)[number]): IngestEventInput[] {
  const created = createdEvent(spec.id, iso(spec.createdAt), { centerId: spec.centerId, priority: spec.priority, symptom: spec.symptom });
  const at = iso(spec.createdAt + 30 * 60_000);
  if (spec.status === 'new') return [created];
  return [created, { id: `${spec.id}-end`, type: `ticket.${spec.status}` as 'ticket.closed', at, ticketId: spec.id, data: {} }];
}

describe('GET /api/v1/tickets', () => {
  let server: TestServer;
  const get = (query: string, auth: string | Session | null = server.admin) => call(server, 'GET', `/api/v1/tickets${query}`, undefined, auth);
  const ids = async (query: string): Promise<string[]> => {
    const response = await get(query);
    expect(response.status, response.text).toBe(200);
    return response.json.items.map((item: { id: string }) => item.id);
  };

  beforeAll(async () => {
    server = await startTestServer();
    await loadSmallNetwork(server);
    await loadNestedRegion(server);
    const events = specs.flatMap(eventsFor).reverse();
    expect((await postEvents(server, events)).json).toEqual({ accepted: events.length, duplicates: 0, rejected: [] });
  });
  afterAll(() => server.close());

  it('lists every ticket newest first, ties broken by id, with region and customer columns', async () => {
    expect(await ids('')).toEqual(expectedIds(() => true));
    const first = (await get('?limit=1')).json.items[0];
    expect(first).toMatchObject({ id: 'T-30', centerId: 'urc-01', regionId: 'west', tier: 'vip', contract: '7x24x4', status: 'resolved' });
  });

  it.each([
    { query: '?status=resolved', keep: (s: (typeof specs)[number]) => s.status === 'resolved' },
    { query: '?status=resolved,cancelled', keep: (s: (typeof specs)[number]) => ['resolved', 'cancelled'].includes(s.status) },
    { query: '?status=closed&status=cancelled', keep: (s: (typeof specs)[number]) => ['closed', 'cancelled'].includes(s.status) },
    { query: '?open=true', keep: (s: (typeof specs)[number]) => (OPEN_STATUSES as readonly string[]).includes(s.status) },
    { query: '?priority=P1', keep: (s: (typeof specs)[number]) => s.priority === 'P1' },
    { query: '?centerId=sh-02', keep: (s: (typeof specs)[number]) => s.centerId === 'sh-02' },
    { query: '?regionId=sh', keep: (s: (typeof specs)[number]) => REGIONS_OF[s.centerId]!.includes('sh') },
    { query: '?regionId=east', keep: (s: (typeof specs)[number]) => REGIONS_OF[s.centerId]!.includes('east') },
    { query: '?regionId=js', keep: (s: (typeof specs)[number]) => REGIONS_OF[s.centerId]!.includes('js') },
    { query: '?regionId=west', keep: (s: (typeof specs)[number]) => s.centerId === 'urc-01' },
    {
      query: `?createdFrom=${iso(BASE + 2 * HOUR)}&createdTo=${encodeURIComponent('2026-11-20T13:00:00+08:00')}`,
      keep: (s: (typeof specs)[number]) => s.createdAt >= BASE + 2 * HOUR && s.createdAt < BASE + 5 * HOUR,
    },
    { query: '?open=true&priority=P2,P4&regionId=east', keep: (s: (typeof specs)[number]) => s.status === 'new' && ['P2', 'P4'].includes(s.priority) && REGIONS_OF[s.centerId]!.includes('east') },
  ])('filters $query', async ({ query, keep }) => {
    const expected = expectedIds(keep);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(specs.length);
    expect(await ids(`${query}&limit=1000`)).toEqual(expected);
  });

  it.each([
    { name: 'no filter', query: '?limit=4', keep: () => true },
    { name: 'an open filter', query: '?limit=3&open=true', keep: (s: (typeof specs)[number]) => s.status === 'new' },
  ])('walks every page with nextCursor under $name: no duplicates, no gaps, stable order', async ({ query, keep }) => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await get(`${query}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.status).toBe(200);
      seen.push(...response.json.items.map((item: { id: string }) => item.id));
      cursor = response.json.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 50);
    expect(seen).toEqual(expectedIds(keep));
    expect(pages).toBe(Math.ceil(seen.length / Number(new URLSearchParams(query).get('limit'))));
  });

  it.each([
    { name: 'garbage', cursor: 'not-a-cursor!!' },
    { name: 'well-formed JSON of the wrong shape', cursor: Buffer.from('{"createdAt":1}').toString('base64url') },
  ])('refuses a cursor that is $name with 400 at path cursor', async ({ cursor }) => {
    const error = expectErrorBody(await get(`?cursor=${encodeURIComponent(cursor)}`), 400, 'invalid_request');
    expect(error.issues).toEqual([{ path: 'cursor', message: expect.any(String) }]);
  });

  it.each([
    { query: '?status=bogus', path: 'status.0' },
    { query: '?priority=P9', path: 'priority.0' },
    { query: '?open=yes', path: 'open' },
    { query: '?createdFrom=yesterday', path: 'createdFrom' },
    { query: '?createdTo=2026-11-20T10:00:00', path: 'createdTo' },
    { query: '?limit=0', path: 'limit' },
    { query: '?limit=many', path: 'limit' },
    { query: '?format=xlsx', path: 'format' },
    { query: '?centerId=a&centerId=b', path: 'centerId' },
  ])('refuses $query with 400 naming $path', async ({ query, path }) => {
    const error = expectErrorBody(await get(query), 400, 'invalid_request');
    expect(error.issues?.map((issue) => issue.path)).toEqual([path]);
  });

  it('refuses a request without credentials with 401', async () => {
    expectErrorBody(await get('', null), 401, 'unauthorized');
  });

  it.each([
    { name: 'a display token', token: VIEW_TOKEN },
    { name: 'an ingest token', token: INGEST_TOKEN },
  ])('refuses $name, valid but without tickets:read, with 403', async ({ token }) => {
    expect(expectErrorBody(await get('', token), 403, 'forbidden').message).toMatch(/'tickets:read'/);
  });

  describe('format=csv', () => {
    async function csv(query: string) {
      const response = await fetch(`${server.url}/api/v1/tickets?format=csv${query}`, { headers: authHeaders(server.admin) });
      const bytes = new Uint8Array(await response.arrayBuffer());
      return { response, bytes, rows: parseCsv(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).replace(/^\uFEFF/, '')) };
    }

    it('starts with a BOM and a header row, and quotes commas, quotes and newlines', async () => {
      const { response, bytes, rows } = await csv('');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
      expect(response.headers.get('content-disposition')).toMatch(/attachment/);
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const [header, ...body] = rows;
      expect(header?.slice(0, 3)).toEqual(['id', 'status', 'priority']);
      expect(header).toContain('symptom');
      expect(body.map((row) => row[0])).toEqual(expectedIds(() => true));
      const symptomOf = (id: string) => body.find((row) => row[0] === id)![header!.indexOf('symptom')];
      expect(symptomOf('T-00')).toBe(TRICKY[0]);
      expect(symptomOf('T-03')).toBe('不制冷');
      const createdAt = body.find((row) => row[0] === 'T-00')![header!.indexOf('createdAt')];
      expect(createdAt).toBe(iso(BASE));
    });

    it('neutralises values that a spreadsheet would run as a formula', async () => {
      const { rows } = await csv('&centerId=sh-02');
      const [header, ...body] = rows;
      const symptoms = new Map(body.map((row) => [row[0], row[header!.indexOf('symptom')]]));
      expect(symptoms.get('T-01')).toBe(`'${TRICKY[1]}`);
      for (const value of symptoms.values()) expect(value).not.toMatch(/^[=+\-@]/);
      const { rows: p3 } = await csv('&priority=P3');
      expect(p3.find((row) => row[0] === 'T-02')![header!.indexOf('symptom')]).toBe(`'${TRICKY[2]}`);
    });

    it('holds exactly the rows the same filter lists', async () => {
      for (const query of ['&open=true', '&regionId=east&priority=P1', '&status=closed']) {
        const { rows } = await csv(query);
        expect(rows.slice(1).map((row) => row[0])).toEqual(await ids(`?limit=1000${query}`));
      }
    });
  });
});

describe('GET /api/v1/tickets: CSV export across its internal pages', () => {
  it('exports every ticket once when there are more than one page of rows', async () => {
    const server = await startTestServer();
    try {
      await loadSmallNetwork(server);
      const at = iso(BASE);
      // 2,050 tickets with one shared creation instant: paging must advance on id alone.
      const events = Array.from({ length: 2050 }, (_, i) => createdEvent(`T-${String(i).padStart(4, '0')}`, at));
      expect((await postEvents(server, events)).json.accepted).toBe(2050);
      const response = await fetch(`${server.url}/api/v1/tickets?format=csv`, { headers: authHeaders(server.admin) });
      const ids = parseCsv((await response.text()).replace(/^\uFEFF/, '')).slice(1).map((row) => row[0]);
      expect(ids).toHaveLength(2050);
      expect(new Set(ids).size).toBe(2050);
      expect(ids).toEqual([...ids].sort().reverse());
    } finally {
      await server.close();
    }
  });
});

describe('GET /api/v1/tickets/:id', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    await loadSmallNetwork(server);
  });
  afterAll(() => server.close());

  it('returns the ticket with its events in time order and its children, however they arrived', async () => {
    const t = (minutes: number) => iso(BASE + minutes * 60_000);
    await postEvents(server, [
      { id: 'D-resolved', type: 'ticket.resolved', at: t(180), ticketId: 'T-D', data: {} },
      { id: 'D-complaint', type: 'complaint.opened', at: t(60), ticketId: 'T-D', data: { complaintId: 'CP-1', category: 'attitude', severity: 'low' } },
    ]);
    await postEvents(server, [
      { id: 'D-survey', type: 'survey.completed', at: t(240), ticketId: 'T-D', data: { score: 3 } },
      { id: 'D-arrived', type: 'ticket.engineer_arrived', at: t(120), ticketId: 'T-D', data: { engineerId: 'e-001' } },
      { id: 'D-parts', type: 'parts.requested', at: t(90), ticketId: 'T-D', data: { requestId: 'PR-1', partNo: 'P-1', quantity: 1 } },
      createdEvent('T-D', t(0)),
    ]);
    const response = await call(server, 'GET', '/api/v1/tickets/T-D');
    expect(response.status).toBe(200);
    const detail = response.json;
    expect(detail.ticket).toMatchObject({ id: 'T-D', status: 'resolved', visitCount: 1, engineerId: 'e-001', resolvedAt: BASE + 180 * 60_000 });
    expect(detail.events.map((event: { id: string }) => event.id)).toEqual(['T-D-created', 'D-complaint', 'D-parts', 'D-arrived', 'D-resolved', 'D-survey']);
    expect(detail.events[1]).toMatchObject({ type: 'complaint.opened', data: { complaintId: 'CP-1', category: 'attitude', severity: 'low' } });
    expect(detail.complaints).toEqual([expect.objectContaining({ id: 'CP-1', status: 'open', customerId: 'c-001' })]);
    expect(detail.parts).toEqual([expect.objectContaining({ id: 'PR-1', partNo: 'P-1', requestedAt: BASE + 90 * 60_000 })]);
    expect(detail.surveys).toEqual([expect.objectContaining({ id: 'D-survey', score: 3 })]);
  });

  it('answers 404 for an unknown id, 401 without credentials and 403 to a display token', async () => {
    const missing = expectErrorBody(await call(server, 'GET', '/api/v1/tickets/T-NOPE'), 404, 'not_found');
    expect(missing.message).toContain('T-NOPE');
    expectErrorBody(await call(server, 'GET', '/api/v1/tickets/T-D', undefined, null), 401, 'unauthorized');
    expectErrorBody(await call(server, 'GET', '/api/v1/tickets/T-D', undefined, VIEW_TOKEN), 403, 'forbidden');
  });
});
