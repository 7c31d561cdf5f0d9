import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BREAKDOWN_DIMENSIONS, type BreakdownGroup, LISTABLE_METRICS, TICKET_COUNT_METRICS } from '../../shared/metrics/metricDrill';
import { expectErrorBody, postEvents } from '../../test/support/api';
import { parseCsv } from '../../test/support/csv';
import { createdEvent, loadSmallNetwork, smallNetwork } from '../../test/support/smallNetwork';
import { type Session, type TestServer, call, signInAs, startTestServer } from '../../test/support/testServer';
import { NOW, ago, handWorkedHistory } from '../../test/support/handWorkedHistory';

/**
 * The drill-down behind GET /metrics over the hand-worked history, plus T8: a P1 ticket of the key
 * customer c-002 in sh-02 on an EL-200 (电梯), created 5 minutes ago and open, so that priority, tier
 * and product line each split into more than one group.
 */

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ clock: { now: () => NOW } });
  await loadSmallNetwork(server);
  const t8 = createdEvent('T8', ago(5), { centerId: 'sh-02', customerId: 'c-002', priority: 'P1', productModel: 'EL-200' });
  const posted = await postEvents(server, [...handWorkedHistory(), t8]);
  expect(posted.json.rejected, posted.text).toEqual([]);
});

afterAll(async () => {
  await server?.close();
});

async function get(path: string, auth: Session = server.admin) {
  const response = await call(server, 'GET', `/api/v1${path}`, undefined, auth);
  expect(response.status, response.text).toBe(200);
  return response;
}

const figures = async (scope: string, window = 'today') => (await get(`/metrics?scope=${scope}&window=${window}`)).json.values as Record<string, number | null>;
const listed = async (id: string, query: string) => (await get(`/metrics/${id}/tickets?${query}`)).json;
const ids = (answer: { items: { id: string }[] }) => answer.items.map((ticket) => ticket.id);

describe('GET /api/v1/metrics/:id/tickets', () => {
  it.each([
    ['network', 'today'],
    ['region:sh', 'today'],
    ['network', '24h'],
    ['region:west', '1h'],
  ])('lists as many tickets as the figure counts, for every listable metric, in %s over %s', async (scope, window) => {
    const values = await figures(scope, window);
    for (const id of LISTABLE_METRICS) {
      const answer = await listed(id, `scope=${scope}&window=${window}`);
      expect(answer).toMatchObject({ metric: id, scope, window, asOf: new Date(NOW).toISOString() });
      expect(answer.items).toHaveLength(answer.count);
      if ((TICKET_COUNT_METRICS as readonly string[]).includes(id)) {
        expect(answer.count, id).toBe(values[id]);
        expect(answer).not.toHaveProperty('numerator');
      } else {
        expect(answer.numerator, id).toBe(answer.items.filter((ticket: { inNumerator: boolean }) => ticket.inNumerator).length);
        expect(answer.count === 0 ? null : answer.numerator / answer.count, id).toBe(values[id]);
      }
    }
  });

  it('lists the hand-worked tickets newest first, with the ticket list\'s columns', async () => {
    const backlog = await listed('backlog_open', 'scope=network');
    expect(ids(backlog)).toEqual(['T8', 'T7', 'T2', 'T3', 'T5']);
    expect(backlog.items[0]).toMatchObject({ id: 'T8', status: 'new', priority: 'P1', centerId: 'sh-02', regionId: 'sh', tier: 'key', contract: '5x9' });
    expect(ids(await listed('created_today', 'scope=network'))).toEqual(['T8', 'T7', 'T2', 'T6', 'T4']);
    expect(ids(await listed('breached_open', 'scope=region:sh'))).toEqual(['T2']);
    expect(ids(await listed('waiting_parts_open', 'scope=region:sh'))).toEqual(['T3']);
    // T1 was fixed in one visit, T4 needed two: the denominator lists both, the numerator marks T1.
    const fixes = await listed('first_time_fix_rate', 'scope=network');
    expect(fixes).toMatchObject({ count: 2, numerator: 1 });
    expect(fixes.items.map((ticket: { id: string; inNumerator: boolean }) => [ticket.id, ticket.inNumerator])).toEqual([['T1', true], ['T4', false]]);
  });

  it('exports the same rows as CSV under a header, with the numerator mark for a share', async () => {
    const json = await listed('backlog_open', 'scope=network');
    const csv = await get('/metrics/backlog_open/tickets?scope=network&format=csv');
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="backlog_open-tickets.csv"');
    const [header, ...rows] = parseCsv(csv.text.replace(/^\uFEFF/, ''));
    expect(header?.slice(0, 3)).toEqual(['id', 'status', 'priority']);
    expect(rows.map((row) => row[0])).toEqual(ids(json));
    const createdAt = header!.indexOf('createdAt');
    expect(rows.map((row) => row[createdAt])).toEqual(json.items.map((ticket: { createdAt: number }) => new Date(ticket.createdAt).toISOString()));

    const share = await get('/metrics/first_time_fix_rate/tickets?scope=network&format=csv');
    const [shareHeader, ...shareRows] = parseCsv(share.text.replace(/^\uFEFF/, ''));
    expect(shareHeader?.at(-1)).toBe('inNumerator');
    expect(shareRows.map((row) => [row[0], row.at(-1)])).toEqual([['T1', 'true'], ['T4', 'false']]);
  });

  it('names each ticket\'s customer in both languages, in the answer and the CSV: the English name where the organisation gave one', async () => {
    const named = smallNetwork.customers.map((customer) => (customer.id === 'c-002' ? { ...customer, nameEn: 'A Supermarket Chain' } : customer));
    expect((await call(server, 'PUT', '/api/v1/org/customers', named)).status).toBe(200);
    const backlog = await listed('backlog_open', 'scope=network');
    expect(backlog.items[0]).toMatchObject({ id: 'T8', customerName: '某连锁超市', customerNameEn: 'A Supermarket Chain' });
    expect(backlog.items.find((ticket: { customerId: string }) => ticket.customerId !== 'c-002')).toMatchObject({ customerNameEn: null });
    const [header, ...rows] = parseCsv((await get('/metrics/backlog_open/tickets?scope=network&format=csv')).text.replace(/^\uFEFF/, ''));
    expect(rows.find((row) => row[0] === 'T8')?.[header!.indexOf('customerNameEn')]).toBe('A Supermarket Chain');
  });

  it('refuses an unknown metric, one that counts no tickets and a bad query with 400 naming the field', async () => {
    const unknown = expectErrorBody(await call(server, 'GET', '/api/v1/metrics/no_such_metric/tickets'), 400, 'invalid_request');
    expect(unknown.issues).toEqual([{ path: 'id', message: expect.stringMatching(/not a catalog metric.*backlog_open/) }]);
    const unlisted = expectErrorBody(await call(server, 'GET', '/api/v1/metrics/csat_mean/tickets'), 400, 'invalid_request');
    expect(unlisted.issues).toEqual([{ path: 'id', message: expect.stringMatching(/no ticket list.*backlog_open.*return_visit_rate/) }]);
    for (const [query, path] of [['window=fortnight', 'window'], ['format=xml', 'format'], ['scope=planet', 'scope'], ['limit=5', '']]) {
      const refused = expectErrorBody(await call(server, 'GET', `/api/v1/metrics/backlog_open/tickets?${query}`), 400, 'invalid_request');
      expect(refused.issues?.map((issue) => issue.path), query).toEqual([path]);
    }
  });
});

describe('GET /api/v1/breakdown', () => {
  const groups = async (scope: string, by: string): Promise<BreakdownGroup[]> => (await get(`/breakdown?scope=${scope}&by=${by}`)).json.groups;

  it('splits the network by priority and tier as counted by hand', async () => {
    expect(await groups('network', 'priority')).toEqual([
      { value: 'P1', backlog_open: 1, created: 1, resolved: 0, breached_open: 0 }, // T8
      { value: 'P2', backlog_open: 4, created: 4, resolved: 2, breached_open: 2 }, // the hand-worked history
    ]);
    expect(await groups('network', 'tier')).toEqual([
      { value: 'key', backlog_open: 1, created: 1, resolved: 0, breached_open: 0 }, // T8
      { value: 'standard', backlog_open: 2, created: 1, resolved: 1, breached_open: 1 }, // open T3 T5, created T4, resolved T4, breached T5
      { value: 'vip', backlog_open: 2, created: 3, resolved: 1, breached_open: 1 }, // open T2 T7, created T2 T6 T7, resolved T1, breached T2
    ]);
    const answer = (await get('/breakdown?scope=region:sh&by=product_line&window=24h')).json;
    expect(answer).toMatchObject({ scope: 'region:sh', by: 'product_line', window: '24h', asOf: new Date(NOW).toISOString() });
  });

  it.each(['network', 'region:sh', 'center:urc-01', 'engineer:e-001'])('adds up, by every attribute, to the figures of %s', async (scope) => {
    const values = await figures(scope);
    for (const by of BREAKDOWN_DIMENSIONS) {
      const sum = (key: keyof Omit<BreakdownGroup, 'value'>) => (groups: BreakdownGroup[]) => groups.reduce((total, group) => total + group[key], 0);
      const split = await groups(scope, by);
      expect(new Set(split.map((group) => group.value)).size, by).toBe(split.length);
      expect(
        [sum('backlog_open')(split), sum('created')(split), sum('resolved')(split), sum('breached_open')(split)],
        by,
      ).toEqual([values.backlog_open, values.created_today, values.resolved_today, values.breached_open]);
    }
  });

  it('refuses a missing or unknown attribute with 400 naming `by`', async () => {
    for (const query of ['scope=network', 'scope=network&by=colour']) {
      const refused = expectErrorBody(await call(server, 'GET', `/api/v1/breakdown?${query}`), 400, 'invalid_request');
      expect(refused.issues?.map((issue) => issue.path)).toEqual(['by']);
    }
  });
});

describe('drill-down scope', () => {
  it('answers each scope exactly as GET /metrics does: out of a grant is 403 out_of_scope', async () => {
    const supervisorEast = await signInAs(server, { username: 'drill-s-east', role: 'supervisor', grants: [{ kind: 'region', id: 'east' }] });
    const engineer = await signInAs(server, { username: 'drill-e-001', role: 'engineer', engineerId: 'e-001' });
    const cases: [Session, string, number][] = [
      [supervisorEast, 'region:sh', 200],
      [supervisorEast, 'engineer:e-001', 200],
      [supervisorEast, 'network', 403],
      [supervisorEast, 'region:west', 403],
      [supervisorEast, 'engineer:e-003', 403],
      [engineer, 'engineer:e-001', 200],
      [engineer, 'engineer:e-003', 403],
      [engineer, 'center:sh-01', 403],
      [server.admin, 'engineer:nobody', 404],
    ];
    for (const [who, scope, status] of cases) {
      for (const path of [`/metrics?scope=${scope}`, `/metrics/backlog_open/tickets?scope=${scope}`, `/metrics/reopen_rate/tickets?scope=${scope}&format=csv`, `/breakdown?scope=${scope}&by=tier`]) {
        const response = await call(server, 'GET', `/api/v1${path}`, undefined, who);
        expect(response.status, `${path} ${response.text}`).toBe(status);
        if (status === 403) expect(response.json.error.code).toBe('out_of_scope');
      }
    }
  });
});
