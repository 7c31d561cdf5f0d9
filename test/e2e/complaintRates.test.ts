import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplaintRateBreakdown } from '../../shared/complaints/complaintRates';
import type { IngestEventInput } from '../../shared/ingest/eventSchema';
import { expectErrorBody, postEvents } from '../support/api';
import { createdEvent, loadSmallNetwork } from '../support/smallNetwork';
import { type Session, type TestServer, VIEW_TOKEN, call, signInAs, startTestServer } from '../support/testServer';

/**
 * Complaints per 100 tickets by center, category and level (issue 20) through the HTTP API: each rate
 * is the catalog metric for its scope, with the tickets it stands on, and a supervisor reads only their regions.
 */

const MINUTE = 60_000;
const NOW = Date.parse('2026-11-23T08:00:00Z');
const iso = (minutesAgo: number) => new Date(NOW - minutesAgo * MINUTE).toISOString();
let server: TestServer;
let supervisorWest: Session;

function complaint(ticketId: string, minutesAgo: number, category: string, escalateTo?: 2 | 3): IngestEventInput[] {
  const complaintId = `${ticketId}-K`;
  const opened: IngestEventInput = { id: `${complaintId}-opened`, type: 'complaint.opened', at: iso(minutesAgo), ticketId, data: { complaintId, category, severity: 'medium' } } as IngestEventInput;
  if (!escalateTo) return [opened];
  return [opened, { id: `${complaintId}-escalated`, type: 'complaint.escalated', at: iso(minutesAgo - 5), ticketId, data: { complaintId, level: escalateTo } } as IngestEventInput];
}

beforeAll(async () => {
  server = await startTestServer({ clock: { now: () => NOW } });
  await loadSmallNetwork(server);
  supervisorWest = await signInAs(server, { username: 's-west', role: 'supervisor', grants: [{ kind: 'region', id: 'west' }] });
  const events: IngestEventInput[] = [];
  // sh-01: four tickets today, two complaints (timeliness at level 1, attitude escalated to the district).
  for (const n of [1, 2, 3, 4]) events.push(createdEvent(`SH1-${n}`, iso(300 - n)));
  events.push(...complaint('SH1-1', 200, 'timeliness'), ...complaint('SH1-2', 190, 'attitude', 2));
  // sh-02: one ticket and no complaint; urc-01: two tickets, one complaint about price taken to headquarters.
  events.push(createdEvent('SH2-1', iso(250), { centerId: 'sh-02' }));
  events.push(createdEvent('URC-1', iso(240), { centerId: 'urc-01' }), createdEvent('URC-2', iso(230), { centerId: 'urc-01' }), ...complaint('URC-1', 100, 'price', 3));
  const posted = await postEvents(server, events);
  expect(posted.status, posted.text).toBe(200);
  expect(posted.json.rejected).toEqual([]);
});

afterAll(async () => {
  await server?.close();
});

async function rates(query: string, auth: Session | string = server.admin): Promise<ComplaintRateBreakdown> {
  const response = await call(server, 'GET', `/api/v1/complaints/rates?${query}`, undefined, auth);
  expect(response.status, response.text).toBe(200);
  return response.json as ComplaintRateBreakdown;
}

describe('complaints per 100 tickets by center, category and level', () => {
  it('gives every center in scope its own rate with its tickets, highest first, and a center without tickets no rate', async () => {
    const network = await rates('scope=network&window=24h');
    expect(network).toMatchObject({ scope: 'network', window: '24h', asOf: new Date(NOW).toISOString(), overall: { complaints: 3, tickets: 7, per100: 300 / 7 } });
    expect(network.byCenter).toEqual([
      { centerId: 'sh-01', centerName: '上海浦东服务中心', centerNameEn: null, regionId: 'sh', complaints: 2, tickets: 4, per100: 50 },
      { centerId: 'urc-01', centerName: '乌鲁木齐服务中心', centerNameEn: null, regionId: 'west', complaints: 1, tickets: 2, per100: 50 },
      { centerId: 'sh-02', centerName: '上海松江服务中心', centerNameEn: null, regionId: 'sh', complaints: 0, tickets: 1, per100: 0 },
    ]);
    const lastHour = await rates('scope=region:east&window=1h');
    expect(lastHour.overall).toEqual({ complaints: 0, tickets: 0, per100: null });
    expect(lastHour.byCenter.map((center) => [center.centerId, center.per100])).toEqual([['sh-01', null], ['sh-02', null]]);
  });

  it('splits the scope\'s rate by category and by the level each complaint is at now, over the scope\'s tickets, adding up to it', async () => {
    const east = await rates('scope=region:east&window=24h');
    expect(east.overall).toEqual({ complaints: 2, tickets: 5, per100: 40 });
    expect(east.byCategory).toEqual([
      { category: 'attitude', metric: 'complaint_rate_attitude', complaints: 1, tickets: 5, per100: 20 },
      { category: 'timeliness', metric: 'complaint_rate_timeliness', complaints: 1, tickets: 5, per100: 20 },
      { category: 'repair_quality', metric: 'complaint_rate_repair_quality', complaints: 0, tickets: 5, per100: 0 },
      { category: 'parts', metric: 'complaint_rate_parts', complaints: 0, tickets: 5, per100: 0 },
      { category: 'price', metric: 'complaint_rate_price', complaints: 0, tickets: 5, per100: 0 },
    ]);
    expect(east.byLevel).toEqual([
      { level: 1, levelName: 'center', metric: 'complaint_rate_level_1', complaints: 1, tickets: 5, per100: 20 },
      { level: 2, levelName: 'district', metric: 'complaint_rate_level_2', complaints: 1, tickets: 5, per100: 20 },
      { level: 3, levelName: 'hq', metric: 'complaint_rate_level_3', complaints: 0, tickets: 5, per100: 0 },
    ]);
    // The same figures as the catalog's for the scope.
    const metrics = await call(server, 'GET', '/api/v1/metrics?scope=region:east&window=24h', undefined, server.admin);
    for (const { metric, per100 } of [...east.byCategory, ...east.byLevel]) expect(metrics.json.values[metric]).toBe(per100);
    expect(metrics.json.values.complaint_rate).toBe(east.overall.per100);
  });

  it('lets a supervisor read their own regions only, wall screens read it, and names a bad query\'s field', async () => {
    const west = await rates('scope=region:west&window=today', supervisorWest);
    expect(west.byCenter.map((center) => center.centerId)).toEqual(['urc-01']);
    expect(west.byLevel.find((level) => level.level === 3)).toMatchObject({ complaints: 1, tickets: 2, per100: 50 });
    expectErrorBody(await call(server, 'GET', '/api/v1/complaints/rates?scope=region:east', undefined, supervisorWest), 403, 'out_of_scope');
    expectErrorBody(await call(server, 'GET', '/api/v1/complaints/rates?scope=network', undefined, supervisorWest), 403, 'out_of_scope');
    expect((await call(server, 'GET', '/api/v1/complaints/rates?scope=center:sh-01&window=7d', undefined, VIEW_TOKEN)).status).toBe(200);
    expectErrorBody(await call(server, 'GET', '/api/v1/complaints/rates?scope=center:nowhere', undefined, server.admin), 404, 'not_found');
    const bad = expectErrorBody(await call(server, 'GET', '/api/v1/complaints/rates?window=week', undefined, server.admin), 400, 'invalid_request');
    expect(bad.issues?.map((issue) => issue.path)).toEqual(['window']);
  });
});
