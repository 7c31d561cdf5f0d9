import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertView } from '../../shared/alerts/alertApi';
import { expectErrorBody, postEvents } from '../support/api';
import { createdEvent, loadSmallNetwork } from '../support/smallNetwork';
import { type DashboardSocket, type Session, type TestServer, VIEW_TOKEN, call, connectDashboard, signInAs, startTestServer } from '../support/testServer';

const MINUTE = 60_000;
const at = { value: Date.parse('2026-11-23T02:00:00Z') };
let server: TestServer;
let supervisorEast: Session;
let supervisorWest: Session;
let manager: Session;

const rule = (overrides: Record<string, unknown> = {}) => ({
  id: 'sh-backlog',
  enabled: true,
  definition: {
    name: 'Backlog at the Shanghai centers', metric: 'backlog_open', scopes: { kind: 'each', level: 'center' },
    condition: { kind: 'threshold', op: '>=', threshold: 2 }, intervalMs: MINUTE, severity: 'critical',
    labels: { team: 'east-ops' }, summary: { 'zh-CN': '未结工单过多', en: 'Too many open tickets' }, runbook: 'Call the standby engineer.',
    ...overrides,
  },
});

async function tick(minutes = 1): Promise<void> {
  for (let i = 0; i < minutes; i++) {
    at.value += MINUTE;
    await server.application.alerting.tick();
  }
}

const firing = async (auth: Session | string = server.admin): Promise<AlertView[]> => (await call(server, 'GET', '/api/v1/alerts?state=firing', undefined, auth)).json.alerts;

beforeAll(async () => {
  server = await startTestServer({ clock: { now: () => at.value } });
  await loadSmallNetwork(server);
  supervisorEast = await signInAs(server, { username: 's-east', role: 'supervisor', grants: [{ kind: 'region', id: 'east' }] });
  supervisorWest = await signInAs(server, { username: 's-west', role: 'supervisor', grants: [{ kind: 'region', id: 'west' }] });
  manager = await signInAs(server, { username: 'm-1', role: 'manager' });
  const when = new Date(at.value).toISOString();
  const tickets = ['A1', 'A2', 'A3'].map((id) => createdEvent(id, when, { customerId: 'c-003' }));
  expect((await postEvents(server, [...tickets, createdEvent('W1', when, { centerId: 'urc-01', customerId: 'c-003' }), createdEvent('W2', when, { centerId: 'urc-01', customerId: 'c-003' })])).status).toBe(200);
});

afterAll(async () => {
  await server?.close();
});

describe('alert REST API', () => {
  it('lists the seeded built-in rules', async () => {
    const rules = await call(server, 'GET', '/api/v1/alert-rules', undefined, VIEW_TOKEN);
    expect(rules.status).toBe(200);
    expect(rules.json.rules.filter((stored: { builtin: boolean }) => stored.builtin).map((stored: { id: string }) => stored.id).sort()).toEqual([
      'backlog-surge', 'center-sla-compliance', 'complaint-unresolved-2d', 'engineer-load', 'parts-wait-3d', 'region-sla-compliance', 'vip-complaint',
    ]);
  });

  it('refuses a bad rule with each field and reason', async () => {
    const bad = rule({ metric: 'nope', intervalMs: 5, condition: { kind: 'threshold', op: '~', threshold: 1 }, labels: { severity: 'x' } });
    const error = expectErrorBody(await call(server, 'POST', '/api/v1/alert-rules', { ...bad, id: 'Bad Id' }), 400, 'invalid_request');
    expect(error.issues!.map((issue) => issue.path).sort()).toEqual(['definition.condition.op', 'definition.intervalMs', 'definition.metric', 'id']);
    expectErrorBody(await call(server, 'POST', '/api/v1/alert-rules', '{"id":', server.admin), 400, 'invalid_json');
  });

  it('saves a rule, fires it for the centers over the threshold, and shows each user only their scopes', async () => {
    const saved = await call(server, 'POST', '/api/v1/alert-rules', rule());
    expect(saved.status, saved.text).toBe(201);
    expect(saved.json.rule).toMatchObject({ id: 'sh-backlog', version: 1, builtin: false, updatedBy: 'test-admin' });
    expectErrorBody(await call(server, 'POST', '/api/v1/alert-rules', rule()), 409, 'conflict');
    await tick();

    const all = await firing();
    expect(all.filter((alert) => alert.ruleId === 'sh-backlog').map((alert) => [alert.scope, alert.value, alert.severity]).sort()).toEqual([
      ['center:sh-01', 3, 'critical'],
      ['center:urc-01', 2, 'critical'],
    ]);
    expect((await firing(supervisorEast)).map((alert) => alert.scope)).toEqual(['center:sh-01']);
    expect((await firing(supervisorWest)).map((alert) => alert.scope)).toEqual(['center:urc-01']);
    const byScope = await call(server, 'GET', '/api/v1/alerts?scope=center:sh-01&severity=critical,warning', undefined, supervisorEast);
    expect(byScope.json.alerts).toHaveLength(1);
    expectErrorBody(await call(server, 'GET', '/api/v1/alerts?state=burning'), 400, 'invalid_request');
  });

  it('acknowledges and assigns with a comment, pushes it to the dashboards, keeps it in history and the audit log', async () => {
    const [alert] = (await firing(supervisorEast)).filter((item) => item.ruleId === 'sh-backlog');
    const path = `/api/v1/alerts/${alert!.fingerprint}`;
    expectErrorBody(await call(server, 'POST', `${path}/acknowledge`, { comment: 'not mine' }, supervisorWest), 403, 'out_of_scope');
    expectErrorBody(await call(server, 'GET', path, undefined, supervisorWest), 403, 'out_of_scope');
    expectErrorBody(await call(server, 'POST', `${path}/acknowledge`, { comment: 5 }, supervisorEast), 400, 'invalid_request');

    const westScreen = await call(server, 'POST', '/api/v1/displays', { name: 'west wall', scope: 'region:west', board: 'network' });
    const west: DashboardSocket = await connectDashboard(server, westScreen.json.token);
    expect(await west.emitWithAck('dashboard:subscribe', { scope: { kind: 'region', id: 'west' } })).toMatchObject({ ok: true });
    const westHeard: AlertView[][] = [];
    west.on('alert:changed', (alerts) => westHeard.push(alerts));
    const socket: DashboardSocket = await connectDashboard(server);
    expect(await socket.emitWithAck('dashboard:subscribe', { scope: { kind: 'network' } })).toMatchObject({ ok: true });
    const heard = new Promise<AlertView[]>((resolve) => socket.once('alert:changed', resolve));
    const acked = await call(server, 'POST', `${path}/acknowledge`, { comment: '张师傅已出发' }, supervisorEast);
    expect(acked.status, acked.text).toBe(200);
    expect(acked.json.alert.acknowledgement).toMatchObject({ by: 's-east', comment: '张师傅已出发' });
    expect((await heard)[0]).toMatchObject({ fingerprint: alert!.fingerprint, acknowledgement: { by: 's-east' } });
    socket.close();
    // The west wall's room does not contain center:sh-01. A change it must hear comes after, and is all it heard.
    const urumqi = (await firing()).find((item) => item.scope === 'center:urc-01' && item.ruleId === 'sh-backlog')!;
    const westGot = new Promise<void>((resolve) => west.on('alert:changed', () => resolve()));
    expect((await call(server, 'POST', `/api/v1/alerts/${urumqi.fingerprint}/assign`, { assignee: '王强', comment: '' })).status).toBe(200);
    await westGot;
    expect(westHeard.flat().map((item) => item.scope)).toEqual(['center:urc-01']);
    west.close();

    const assigned = await call(server, 'POST', `${path}/assign`, { assignee: '张伟', comment: 'owns it' }, supervisorEast);
    expect(assigned.json.alert.assignee).toBe('张伟');
    const detail = await call(server, 'GET', path, undefined, supervisorEast);
    expect(detail.json.history.map((entry: { kind: string; actor: string }) => `${entry.kind}@${entry.actor}`)).toEqual(['assign@s-east', 'acknowledge@s-east', 'escalate@engine', 'state@engine']);
    const audit = await call(server, 'GET', '/api/v1/audit?action=alert.acknowledge');
    expect(audit.json.items[0]).toMatchObject({ actor: 's-east', target: `alert:${alert!.fingerprint}` });
    expectErrorBody(await call(server, 'POST', '/api/v1/alerts/0123456789abcdef/acknowledge', {}, supervisorEast), 404, 'not_found');
  });

  it('silences by label for a while: the alert stays listed, marked silenced, until the silence is ended', async () => {
    expectErrorBody(await call(server, 'POST', '/api/v1/alert-silences', { matchers: [], comment: '' }, manager), 400, 'invalid_request');
    expectErrorBody(await call(server, 'POST', '/api/v1/alert-silences', { matchers: [{ name: 'team', op: '=', value: 'east-ops' }], durationMs: 3_600_000, comment: 'x' }, supervisorEast), 403, 'forbidden');
    const created = await call(server, 'POST', '/api/v1/alert-silences', { matchers: [{ name: 'scope', op: '=', value: 'center:urc-01' }], durationMs: 2 * 3_600_000, comment: 'network works in Urumqi' }, manager);
    expect(created.status, created.text).toBe(201);
    const silenced = (await firing()).find((alert) => alert.scope === 'center:urc-01' && alert.ruleId === 'sh-backlog');
    expect(silenced?.silence).toMatchObject({ id: created.json.silence.id, createdBy: 'm-1', comment: 'network works in Urumqi' });

    const ended = await call(server, 'DELETE', `/api/v1/alert-silences/${created.json.silence.id}`, undefined, manager);
    expect(ended.json.silence.active).toBe(false);
    expect((await firing()).find((alert) => alert.fingerprint === silenced!.fingerprint)?.silence).toBeNull();
    expectErrorBody(await call(server, 'DELETE', `/api/v1/alert-silences/${created.json.silence.id}`, undefined, manager), 409, 'conflict');
  });

  it('previews a rule over the last 24 h', async () => {
    const preview = await call(server, 'POST', '/api/v1/alert-rules/preview', { definition: rule().definition });
    expect(preview.status, preview.text).toBe(200);
    expect(preview.json).toMatchObject({ source: 'live', approximate: true, stepMs: 3_600_000, scopesLeftOut: 0 });
    expect(preview.json.scopes.map((scope: { scope: string; points: number }) => [scope.scope, scope.points])).toEqual([['center:sh-01', 25], ['center:sh-02', 25], ['center:urc-01', 25]]);
  });

  it('resolves the alerts of a disabled rule and clears their acknowledgement', async () => {
    const before = (await firing(supervisorEast)).find((alert) => alert.ruleId === 'sh-backlog')!;
    const stored = (await call(server, 'GET', '/api/v1/alert-rules')).json.rules.find((item: { id: string }) => item.id === 'sh-backlog');
    expectErrorBody(await call(server, 'PUT', '/api/v1/alert-rules/sh-backlog', { definition: stored.definition, enabled: false, basedOnVersion: 7 }), 409, 'conflict');
    const disabled = await call(server, 'PUT', '/api/v1/alert-rules/sh-backlog', { definition: stored.definition, enabled: false, basedOnVersion: 1 });
    expect(disabled.json.rule).toMatchObject({ enabled: false, version: 2 });
    const detail = await call(server, 'GET', `/api/v1/alerts/${before.fingerprint}`);
    expect(detail.json.alert).toMatchObject({ state: 'resolved', acknowledgement: null });
    expect(detail.json.history[0]).toMatchObject({ kind: 'state', fromState: 'firing', toState: 'resolved', actor: 'test-admin' });
    expect((await call(server, 'DELETE', '/api/v1/alert-rules/sh-backlog')).status).toBe(204);
  });

  it('keeps notification targets per scope, shows their secret once, and lists deliveries', async () => {
    expectErrorBody(await call(server, 'POST', '/api/v1/notification-targets', { name: 'x', scope: 'engineer:e-001', url: 'ftp://x' }), 400, 'invalid_request');
    const created = await call(server, 'POST', '/api/v1/notification-targets', { name: '浦东值班', scope: 'center:sh-01', url: 'http://203.0.113.9/hook', levels: [1, 2] });
    expect(created.status, created.text).toBe(201);
    expect(created.json.target.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const listed = await call(server, 'GET', '/api/v1/notification-targets');
    expect(listed.json.targets[0]).toMatchObject({ name: '浦东值班', scope: 'center:sh-01', levels: [1, 2] });
    expect(listed.json.targets[0].secret).toBeUndefined();
    expect((await call(server, 'GET', '/api/v1/alert-deliveries?limit=5')).json.deliveries).toEqual([]);
    expect((await call(server, 'DELETE', `/api/v1/notification-targets/${created.json.target.id}`)).status).toBe(204);
  });

  it('refuses a target on loopback, a private network or a metadata service with the field and the reason, and stores nothing', async () => {
    for (const [url, reason] of [
      ['http://localhost:9/hook', /localhost is a loopback address/],
      ['http://127.0.0.1:9/hook', /127\.0\.0\.1 is a loopback address/],
      ['http://[::ffff:127.0.0.1]/hook', /loopback/],
      ['http://10.0.0.8/hook', /private-network/],
      ['http://[fd12:3456::1]/hook', /unique-local/],
      ['http://169.254.169.254/latest/meta-data/', /instance-metadata/],
      ['http://metadata.google.internal/computeMetadata/v1/', /instance-metadata/],
    ] as const) {
      const refused = expectErrorBody(await call(server, 'POST', '/api/v1/notification-targets', { name: 'x', scope: 'network', url }), 400, 'invalid_request');
      expect(refused.issues, url).toEqual([{ path: 'url', message: expect.stringMatching(reason) }]);
    }
    expect((await call(server, 'GET', '/api/v1/notification-targets')).json.targets).toEqual([]);
  });
});
