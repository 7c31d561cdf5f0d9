import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SLA_POLICIES } from '../../../shared/sla/defaultPolicies';
import type { SlaPolicy } from '../../../shared/sla/slaPolicy';
import { expectErrorBody, postEvents } from '../../../test/support/api';
import { dumpTables } from '../../../test/support/dbDump';
import { createdEvent, loadSmallNetwork } from '../../../test/support/smallNetwork';
import { ADMIN_USERNAME, type TestServer, call, startTestServer } from '../../../test/support/testServer';
import { settledJob } from '../../../test/support/adminTestSupport';

const MINUTE = 60_000;
/** A Monday morning in Shanghai; the server's clock stands still here, so "breached now" is exact. */
const NOW = Date.parse('2026-11-23T10:00:00+08:00');
const iso = (epochMs: number) => new Date(epochMs).toISOString();
const SLA_TABLES = ['sla_clocks', 'sla_policy_versions', 'business_calendars'];

/** Open 7×24×8 tickets this many minutes old: first response is due an hour after creation. */
const EIGHT_HOUR_TICKETS = { 'T8-05': 5, 'T8-30': 30, 'T8-45': 45 } as const;

const eightHourPolicy = DEFAULT_SLA_POLICIES.find((policy) => policy.id === 'contract-7x24x8')!;
/** The defaults with the 7×24×8 first response tightened from 60 to 10 minutes. */
const tightened: SlaPolicy[] = DEFAULT_SLA_POLICIES.map((policy) =>
  policy === eightHourPolicy
    ? { ...policy, metrics: { ...policy.metrics, first_response: { ...policy.metrics.first_response!, target: { kind: 'calendar', minutes: 10 } } } }
    : policy,
);

describe('SLA policies admin', () => {
  let server: TestServer;
  const get = (path: string) => call(server, 'GET', `/api/v1/sla${path}`);

  beforeAll(async () => {
    server = await startTestServer({ clock: { now: () => NOW } });
    await loadSmallNetwork(server);
    expect((await call(server, 'PUT', '/api/v1/org/customers', [{ id: 'c-008', name: '某数据中心', tier: 'key', contract: '7x24x8' }])).status).toBe(200);
    const events = [
      ...Object.entries(EIGHT_HOUR_TICKETS).map(([id, age]) => createdEvent(id, iso(NOW - age * MINUTE), { customerId: 'c-008' })),
      createdEvent('T8-RESOLVED', iso(NOW - 50 * MINUTE), { customerId: 'c-008' }),
      { id: 'T8-RESOLVED-resolved', type: 'ticket.resolved', at: iso(NOW - 40 * MINUTE), ticketId: 'T8-RESOLVED', data: {} },
      createdEvent('T4-20', iso(NOW - 20 * MINUTE), { customerId: 'c-001' }),
    ];
    expect((await postEvents(server, events)).json).toMatchObject({ accepted: events.length, rejected: [] });
  });
  afterAll(() => server.close());

  it('starts from version 1: the default set, saved by the system', async () => {
    const response = await get('/policies');
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ version: 1, policies: DEFAULT_SLA_POLICIES, changedBy: 'system', changedAt: NOW, note: 'default policy set' });
  });

  it('previews what a tighter first response would do to open tickets, saving nothing', async () => {
    const before = dumpTables(server.db, SLA_TABLES);
    const response = await call(server, 'POST', '/api/v1/sla/policies/preview', { policies: tightened });
    expect(response.status, response.text).toBe(200);
    expect(dumpTables(server.db, SLA_TABLES)).toEqual(before);

    expect(response.json).toMatchObject({
      comparedWithVersion: 1,
      evaluatedAt: NOW,
      tickets: { open: 4, changed: 3 },
      clocks: { changed: 3, policyChanged: 0, targetChanged: 3, dueChanged: 3, added: 0, removed: 0 },
      breaches: { becomeBreached: 2, noLongerBreached: 0 },
    });
    const expected = Object.entries(EIGHT_HOUR_TICKETS).map(([ticketId, age]) => {
      const createdAt = NOW - age * MINUTE;
      return {
        ticketId,
        metric: 'first_response',
        cycle: 1,
        before: { policyId: 'contract-7x24x8', targetMs: 60 * MINUTE, dueAt: createdAt + 60 * MINUTE, state: 'active', breached: false },
        after: { policyId: 'contract-7x24x8', targetMs: 10 * MINUTE, dueAt: createdAt + 10 * MINUTE, state: 'active', breached: age >= 10 },
      };
    });
    expect(response.json.sample).toEqual(expected);
  });

  it.each([
    {
      name: 'a calendar that does not exist',
      change: (policies: SlaPolicy[]) => policies.map((policy, index) => (index === 2 ? { ...policy, metrics: { ...policy.metrics, resolution: { ...policy.metrics.resolution!, calendarId: 'nowhere' } } } : policy)),
      issue: { path: 'policies.2.metrics.resolution.calendarId', message: "unknown calendar 'nowhere'" },
      code: 'invalid_request',
    },
    {
      name: 'a policy id used twice',
      change: (policies: SlaPolicy[]) => [policies[0]!, { ...policies[1]!, id: policies[0]!.id }],
      issue: { path: 'policies.1.id', message: expect.stringContaining('used twice') },
      code: 'invalid_request',
    },
    {
      name: 'a target of no minutes',
      change: (policies: SlaPolicy[]) => [{ ...policies[0]!, metrics: { on_site: { target: { kind: 'calendar', minutes: 0 } } } }],
      issue: { path: 'policies.0.metrics.on_site.target.minutes', message: expect.any(String) },
      code: 'invalid_request',
    },
  ])('refuses a set with $name with 400 at its path, in preview and save alike', async ({ change, issue, code }) => {
    const before = dumpTables(server.db, SLA_TABLES);
    const policies = change(DEFAULT_SLA_POLICIES);
    for (const [method, path] of [['POST', '/preview'], ['PUT', '']] as const) {
      const error = expectErrorBody(await call(server, method, `/api/v1/sla/policies${path}`, { policies }), 400, code);
      expect(error.issues).toEqual([issue]);
    }
    expect(dumpTables(server.db, SLA_TABLES)).toEqual(before);
  });

  it('saves version 2 with who and when, recomputes open tickets in the background, and keeps version 1', async () => {
    const saved = await call(server, 'PUT', '/api/v1/sla/policies', { policies: tightened, note: '7×24×8 首次响应收紧到 10 分钟', basedOnVersion: 1 });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.json).toMatchObject({ version: 2, changedBy: ADMIN_USERNAME, changedAt: NOW, job: { scope: 'open', state: 'running', total: 4, reason: 'policy version 2' } });

    const job = await settledJob(server, saved.json.job.id);
    expect(job).toMatchObject({ state: 'done', done: 4, total: 4, changedClocks: 3, finishedAt: NOW });

    const detail = await call(server, 'GET', '/api/v1/tickets/T8-30');
    const firstResponse = detail.json.sla.find((clock: { metric: string }) => clock.metric === 'first_response');
    expect(firstResponse).toMatchObject({ dueAt: iso(NOW - 20 * MINUTE), breached: true, policy: 'contract-7x24x8', policyVersion: 2 });
    const stored = server.db.$client.prepare(`select due_at, target_ms, policy_version from sla_clocks where ticket_id = ? and metric = 'first_response'`).get('T8-05');
    expect(stored).toEqual({ due_at: NOW + 5 * MINUTE, target_ms: 10 * MINUTE, policy_version: 2 });

    expect((await get('/policies')).json).toEqual({ version: 2, policies: tightened, changedBy: ADMIN_USERNAME, changedAt: NOW, note: '7×24×8 首次响应收紧到 10 分钟' });
    expect((await get('/policies/versions')).json.versions).toEqual([
      { version: 2, changedBy: ADMIN_USERNAME, changedAt: NOW, note: '7×24×8 首次响应收紧到 10 分钟', policyCount: tightened.length },
      { version: 1, changedBy: 'system', changedAt: NOW, note: 'default policy set', policyCount: DEFAULT_SLA_POLICIES.length },
    ]);
    expect((await get('/policies/versions/1')).json).toMatchObject({ version: 1, policies: DEFAULT_SLA_POLICIES });

    const nothingLeft = await call(server, 'POST', '/api/v1/sla/policies/preview', { policies: tightened });
    expect(nothingLeft.json).toMatchObject({ comparedWithVersion: 2, tickets: { open: 4, changed: 0 }, clocks: { changed: 0 }, sample: [] });
  });

  it('refuses a save based on a version no longer in force with 409, writing nothing', async () => {
    const before = dumpTables(server.db, SLA_TABLES);
    const error = expectErrorBody(await call(server, 'PUT', '/api/v1/sla/policies', { policies: DEFAULT_SLA_POLICIES, basedOnVersion: 1 }), 409, 'version_conflict');
    expect(error.message).toContain('version 2');
    expect(dumpTables(server.db, SLA_TABLES)).toEqual(before);
  });

  it('answers 404 for a version never saved and 400 for one that is no number', async () => {
    expectErrorBody(await get('/policies/versions/99'), 404, 'not_found');
    expect(expectErrorBody(await get('/policies/versions/latest'), 400, 'invalid_request').issues).toEqual([{ path: '', message: expect.any(String) }]);
  });

  it('recomputes history on request: the resolved ticket the open-ticket job left alone takes the new target', async () => {
    const resolvedClock = () =>
      server.db.$client.prepare(`select target_ms, policy_version from sla_clocks where ticket_id = 'T8-RESOLVED' and metric = 'first_response'`).get();
    expect(resolvedClock()).toEqual({ target_ms: 60 * MINUTE, policy_version: 1 });
    const started = await call(server, 'POST', '/api/v1/sla/recompute', { scope: 'all' });
    expect(started.status, started.text).toBe(202);
    expect(await settledJob(server, started.json.job.id)).toMatchObject({ scope: 'all', state: 'done', done: 5, total: 5, changedClocks: 1, reason: `requested by ${ADMIN_USERNAME}` });
    expect(resolvedClock()).toEqual({ target_ms: 10 * MINUTE, policy_version: 2 });
    const recent = (await get('/jobs')).json.jobs;
    expect(recent[0].id).toBe(started.json.job.id);
    expect(recent.map((job: { reason: string }) => job.reason)).toContain('policy version 2');

    expect(expectErrorBody(await call(server, 'POST', '/api/v1/sla/recompute', { scope: 'everything' }), 400, 'invalid_request').issues?.[0]?.path).toBe('scope');
    expectErrorBody(await get('/jobs/no-such-job'), 404, 'not_found');
  });
});
