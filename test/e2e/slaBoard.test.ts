import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardItem, BoardPage } from '../../shared/api/slaBoardApi';
import { metricScopeSchema } from '../../shared/metrics/metricQuery';
import { computeMetrics } from '../../server/metrics/metricReference';
import { expectErrorBody, postEvents } from '../support/api';
import { BREACH_DESK_NOW, DUE_SOON, RETURN_VISIT_BREACHES, seedBreachDesk } from '../support/breachDeskHistory';
import { loadSmallNetwork, smallNetwork } from '../support/smallNetwork';
import { type TestServer, call, signInAs, startTestServer } from '../support/testServer';

const MINUTE = 60_000;
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ clock: { now: () => BREACH_DESK_NOW } });
  await loadSmallNetwork(server);
  await seedBreachDesk(server);
}, 60_000);
afterAll(async () => {
  await server?.close();
});

async function board(query: Record<string, string>): Promise<BoardPage> {
  const response = await call(server, 'GET', `/api/v1/sla/board?${new URLSearchParams(query)}`);
  expect(response.status, response.text).toBe(200);
  return response.json as BoardPage;
}

/** Every page of a section, following nextCursor to the end. */
async function allPages(query: Record<string, string>): Promise<{ items: BoardItem[]; totals: number[] }> {
  const items: BoardItem[] = [];
  const totals: number[] = [];
  let cursor: string | null = null;
  do {
    const page: BoardPage = await board(cursor === null ? query : { ...query, cursor });
    items.push(...page.items);
    totals.push(page.total);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return { items, totals };
}

const keyOf = (item: BoardItem) => `${item.ticketId}|${item.metric}|${item.cycle}`;
const ticketsOf = (page: BoardPage) => page.items.map((item) => `${item.ticketId} ${item.metric}`);

describe('the breach desk over HTTP', () => {
  it('puts the five on-site clocks due in 30 minutes first in the default view, whatever 600 old return-visit breaches do', async () => {
    const due = await board({ section: 'due' });
    expect(ticketsOf(due).slice(0, 5)).toEqual(DUE_SOON.map((ticketId) => `${ticketId} on_site`));
    // The BR tickets' on-site clocks also fall within the default four hours, after the five.
    expect(ticketsOf(due).slice(5)).toEqual(['BR-2 on_site', 'BR-1 on_site', 'BR-3 on_site']);
    expect(due.total).toBe(8);
    expect(due.nextCursor).toBeNull();
    expect(due.items[0]).toMatchObject({
      centerName: '上海浦东服务中心', customerName: '上海某医院', tier: 'vip', engineerName: '张伟', priority: 'P2', breached: false,
      remainingMs: 30 * MINUTE, dueAt: new Date(BREACH_DESK_NOW + 30 * MINUTE).toISOString(),
    });
  });

  it('lists breaches on open work newest first, and return visits in their own section, every page of it', async () => {
    const breached = await board({ section: 'breached' });
    // Complaint clocks run on after their ticket is resolved or cancelled: an open complaint is open work.
    expect(ticketsOf(breached)).toEqual(['BR-3 first_response', 'BR-1 first_response', 'BR-2 first_response', 'RV-000 complaint_response', 'CX-1 complaint_resolution']);
    expect(breached.total).toBe(5);
    expect(breached.items.map((item) => item.remainingMs)).toEqual([-10 * MINUTE, -20 * MINUTE, -40 * MINUTE, -6 * 60 * MINUTE, -24 * 60 * MINUTE]);

    const followUp = await allPages({ section: 'followup', limit: '200' });
    expect(followUp.totals).toEqual([RETURN_VISIT_BREACHES, RETURN_VISIT_BREACHES, RETURN_VISIT_BREACHES]);
    expect(new Set(followUp.items.map(keyOf)).size).toBe(RETURN_VISIT_BREACHES);
    expect(followUp.items.every((item) => item.metric === 'return_visit' && item.breached && item.status === 'resolved')).toBe(true);
    // Newest breach first: the last ticket resolved is the first listed.
    expect(followUp.items[0]!.ticketId).toBe('RV-599');
    expect(followUp.items.at(-1)!.ticketId).toBe('RV-000');
  });

  it('agrees with the catalog: the header figures are breached_open and at_risk_open for the same scope', async () => {
    for (const scope of ['network', 'region:east', 'region:sh', 'region:west', 'center:sh-01', 'center:sh-02', 'center:urc-01']) {
      const oracle = computeMetrics(server.db, server.application.core.org, { scope: metricScopeSchema.parse(scope), window: 'today', now: BREACH_DESK_NOW }).values;
      const served = (await call(server, 'GET', `/api/v1/metrics?scope=${scope}&window=today`)).json.values;
      expect([served.breached_open, served.at_risk_open], scope).toEqual([oracle.breached_open, oracle.at_risk_open]);
      // Open tickets with a breached clock of open work are exactly breached_open; return visits run on resolved tickets.
      const breached = await allPages({ section: 'breached', scope, limit: '1' });
      const openTickets = breached.items.filter((item) => !['resolved', 'closed', 'cancelled'].includes(item.status)).map((item) => item.ticketId);
      expect(new Set(openTickets).size, scope).toBe(oracle.breached_open);
      expect(breached.items.length, scope).toBe(breached.totals[0] ?? 0);
      // The complaints panel counts every open complaint: its levels and its age bands each sum to complaints_open.
      const complaints = (await call(server, 'GET', `/api/v1/sla/complaints?scope=${scope}`)).json;
      expect(complaints.open, scope).toBe(oracle.complaints_open);
      expect([complaints.levels[1], complaints.levels[2], complaints.levels[3]], scope).toEqual([oracle.complaints_open_level_1, oracle.complaints_open_level_2, oracle.complaints_open_level_3]);
      expect(Object.values(complaints.ages as Record<string, number>).reduce((sum, n) => sum + n, 0), scope).toBe(oracle.complaints_open);
    }
    const network = (await call(server, 'GET', '/api/v1/metrics?scope=network&window=today')).json.values;
    expect([network.breached_open, network.at_risk_open, network.complaints_open]).toEqual([3, 5, 4]);
    const complaints = (await call(server, 'GET', '/api/v1/sla/complaints')).json;
    expect(complaints).toMatchObject({ open: 4, levels: { 1: 2, 2: 1, 3: 1 }, ages: { under4h: 1, under24h: 1, under48h: 1, older: 1 } });
  });

  it('totals under each filter equal what the filter matches, paged one row at a time', async () => {
    const cases: [Record<string, string>, number][] = [
      [{ section: 'due', scope: 'center:sh-01' }, 6],
      [{ section: 'due', scope: 'region:sh' }, 7],
      [{ section: 'due', scope: 'region:west' }, 1],
      [{ section: 'due', priority: 'P1' }, 2],
      [{ section: 'due', tier: 'standard' }, 0],
      [{ section: 'due', metric: 'on_site' }, 8],
      [{ section: 'due', metric: 'return_visit' }, 0],
      [{ section: 'due', within: '1h' }, 5],
      [{ section: 'due', breachedOnly: 'true' }, 0],
      [{ section: 'breached', priority: 'P1' }, 2],
      [{ section: 'breached', scope: 'region:east', priority: 'P1' }, 2],
      [{ section: 'breached', tier: 'vip', order: 'tier' }, 3],
      [{ section: 'breached', scope: 'center:urc-01' }, 2],
      [{ section: 'breached', metric: 'complaint_response' }, 1],
      [{ section: 'breached', metric: 'on_site' }, 0],
      [{ section: 'followup', tier: 'standard', scope: 'center:sh-01' }, RETURN_VISIT_BREACHES],
      [{ section: 'followup', scope: 'center:sh-02' }, 0],
      [{ section: 'followup', breachedOnly: 'true', order: 'tier' }, RETURN_VISIT_BREACHES],
      [{ section: 'followup', metric: 'on_site' }, 0],
    ];
    for (const [query, expected] of cases) {
      const limit = expected > 50 ? '97' : '1';
      const { items, totals } = await allPages({ ...query, limit });
      const label = JSON.stringify(query);
      expect(totals.every((total) => total === expected), label).toBe(true);
      expect(items.length, label).toBe(expected);
      expect(new Set(items.map(keyOf)).size, label).toBe(expected);
    }
  });

  it('orders by tier and priority when asked: VIP P1 first, newest breach first within them', async () => {
    const breached = await board({ section: 'breached', order: 'tier' });
    expect(ticketsOf(breached)).toEqual(['BR-1 first_response', 'BR-2 first_response', 'BR-3 first_response', 'CX-1 complaint_resolution', 'RV-000 complaint_response']);
    const paged = await allPages({ section: 'breached', order: 'tier', limit: '1' });
    expect(paged.items.map((item) => item.ticketId)).toEqual(['BR-1', 'BR-2', 'BR-3', 'CX-1', 'RV-000']);
  });

  it('refuses a bad query with the field and reason, and a scope outside a supervisor\'s reach', async () => {
    expectErrorBody(await call(server, 'GET', '/api/v1/sla/board'), 400, 'invalid_request');
    const badCursor = expectErrorBody(await call(server, 'GET', '/api/v1/sla/board?section=due&cursor=not-a-cursor'), 400, 'invalid_request');
    expect(badCursor.issues?.[0]?.path).toBe('cursor');
    const badLimit = expectErrorBody(await call(server, 'GET', '/api/v1/sla/board?section=due&limit=5000'), 400, 'invalid_request');
    expect(badLimit.issues?.[0]?.path).toBe('limit');
    expectErrorBody(await call(server, 'GET', '/api/v1/sla/board?section=due&scope=region:nowhere'), 404, 'not_found');

    const west = await signInAs(server, { username: 'west-supervisor', role: 'supervisor', grants: [{ kind: 'region', id: 'west' }] });
    expectErrorBody(await call(server, 'GET', '/api/v1/sla/board?section=due&scope=network', undefined, west), 403, 'out_of_scope');
    const own = await call(server, 'GET', '/api/v1/sla/board?section=breached&scope=region:west', undefined, west);
    expect(own.status).toBe(200);
    // Names come with the rows: a supervisor, who may not read the customer list, still sees whose ticket it is.
    expect(own.json.items.map((item: BoardItem) => item.ticketId)).toEqual(['BR-3', 'CX-1']);
    expect(own.json.items[0]).toMatchObject({ customerName: '上海某医院', tier: 'vip', centerName: '乌鲁木齐服务中心' });
    expectErrorBody(await call(server, 'GET', '/api/v1/sla/complaints?scope=region:east', undefined, west), 403, 'out_of_scope');
  });

  it('follows a ticket\'s new priority and a customer\'s new tier at once, in the filters and their totals', async () => {
    const updated = await postEvents(server, [{ id: 'BR-3-priority', type: 'ticket.updated', at: new Date(BREACH_DESK_NOW - MINUTE).toISOString(), ticketId: 'BR-3', data: { priority: 'P1' } }]);
    expect(updated.status, updated.text).toBe(200);
    expect((await board({ section: 'breached', priority: 'P1' })).total).toBe(3);
    const customers = smallNetwork.customers.map((customer) => (customer.id === 'c-001' ? { ...customer, tier: 'key' } : customer));
    expect((await call(server, 'PUT', '/api/v1/org/customers', customers)).status).toBe(200);
    expect((await board({ section: 'breached', tier: 'vip' })).total).toBe(0);
    const key = await board({ section: 'breached', tier: 'key', order: 'tier' });
    expect(key.total).toBe(4);
    expect(ticketsOf(key)).toEqual(['BR-3 first_response', 'BR-1 first_response', 'BR-2 first_response', 'CX-1 complaint_resolution']);
  });
});
