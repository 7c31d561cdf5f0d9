import type { Router } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS, type Permission } from '../../shared/auth/roles';
import { postEvents } from '../support/api';
import { createdEvent, loadSmallNetwork } from '../support/smallNetwork';
import { INGEST_TOKEN, type Session, type TestServer, VIEW_TOKEN, call, connectDashboard, signInAs, startTestServer } from '../support/testServer';

/**
 * Every route of /api/v1 against every kind of principal. The rules below are the specification;
 * the routes are read from the live router, so a route added without a rule here fails the suite.
 */

type Rule = { open: true } | { session: true } | { permission: Permission };

const RULES: Record<string, Rule> = {
  'GET /health': { open: true },
  'POST /auth/login': { open: true },
  'POST /displays/pair': { open: true },
  'POST /auth/logout': { session: true },
  'GET /auth/me': { session: true },
  'POST /auth/password': { session: true },
  'PUT /auth/preferences': { session: true },
  'GET /users': { permission: 'users:read' },
  'POST /users': { permission: 'users:admin' },
  'PATCH /users/:id': { permission: 'users:admin' },
  'POST /users/:id/reset-password': { permission: 'users:admin' },
  'POST /users/:id/revoke-sessions': { permission: 'users:admin' },
  'GET /users/:id/sessions': { permission: 'users:admin' },
  'GET /displays': { permission: 'tokens:admin' },
  'POST /displays': { permission: 'tokens:admin' },
  'PATCH /displays/:id': { permission: 'tokens:admin' },
  'POST /displays/:id/pairing': { permission: 'tokens:admin' },
  'POST /displays/:id/revoke': { permission: 'tokens:admin' },
  'GET /ingest-tokens': { permission: 'tokens:admin' },
  'POST /ingest-tokens': { permission: 'tokens:admin' },
  'POST /ingest-tokens/:id/rotate': { permission: 'tokens:admin' },
  'POST /ingest-tokens/:id/revoke': { permission: 'tokens:admin' },
  'GET /audit': { permission: 'audit:read' },
  'GET /audit/facets': { permission: 'audit:read' },
  'POST /events': { permission: 'events:ingest' },
  'GET /tickets': { permission: 'tickets:read' },
  'GET /tickets/:id': { permission: 'tickets:read' },
  'GET /search': { permission: 'tickets:read' },
  'GET /sla/at-risk': { permission: 'sla:read' },
  'GET /sla/board': { permission: 'sla:read' },
  'GET /sla/complaints': { permission: 'sla:read' },
  'GET /complaints': { permission: 'sla:read' },
  'GET /complaints/summary': { permission: 'sla:read' },
  'GET /complaints/rates': { permission: 'sla:read' },
  'GET /complaints/:id': { permission: 'sla:read' },
  'POST /complaints/:id/take': { permission: 'complaints:handle' },
  'POST /complaints/:id/escalate': { permission: 'complaints:handle' },
  'POST /complaints/:id/resolve': { permission: 'complaints:handle' },
  'POST /complaints/:id/confirm': { permission: 'complaints:handle' },
  'GET /metrics': { permission: 'tickets:read' },
  'GET /metrics/:id/tickets': { permission: 'tickets:read' },
  'GET /breakdown': { permission: 'tickets:read' },
  'GET /series': { permission: 'dashboard:read' },
  'GET /org/scope': { permission: 'dashboard:read' },
  'GET /sla/calendars': { permission: 'sla:read' },
  'GET /sla/calendars/:id': { permission: 'sla:read' },
  'PUT /sla/calendars/:id': { permission: 'sla:admin' },
  'DELETE /sla/calendars/:id': { permission: 'sla:admin' },
  'POST /sla/calendars/:id/holidays': { permission: 'sla:admin' },
  'POST /sla/calendars/:id/holidays.ics': { permission: 'sla:admin' },
  'GET /sla/policies': { permission: 'sla:read' },
  'PUT /sla/policies': { permission: 'sla:admin' },
  'GET /sla/policies/versions': { permission: 'sla:read' },
  'GET /sla/policies/versions/:version': { permission: 'sla:read' },
  'POST /sla/policies/preview': { permission: 'sla:admin' },
  'POST /sla/recompute': { permission: 'sla:admin' },
  'GET /sla/jobs': { permission: 'sla:read' },
  'GET /sla/jobs/:id': { permission: 'sla:read' },
  'GET /engineers/:id/scorecard': { permission: 'tickets:read' },
  'GET /engineers/:id/open-tickets': { permission: 'tickets:read' },
  'POST /engineers/:id/exclusions': { permission: 'scorecards:exclude' },
  'POST /engineers/:id/exclusions/:exclusionId/revoke': { permission: 'scorecards:exclude' },
  'GET /service-star': { permission: 'dashboard:read' },
  'GET /alerts': { permission: 'dashboard:read' },
  'GET /alerts/:fingerprint': { permission: 'dashboard:read' },
  'POST /alerts/:fingerprint/acknowledge': { permission: 'alerts:acknowledge' },
  'POST /alerts/:fingerprint/assign': { permission: 'alerts:acknowledge' },
  'GET /alert-silences': { permission: 'dashboard:read' },
  'POST /alert-silences': { permission: 'alerts:silence' },
  'DELETE /alert-silences/:id': { permission: 'alerts:silence' },
  'PATCH /alert-silences/:id': { permission: 'alerts:silence' },
  'POST /alerts/acknowledge': { permission: 'alerts:acknowledge' },
  'POST /alerts/silence': { permission: 'alerts:silence' },
  'GET /alert-sla-policy': { permission: 'dashboard:read' },
  'PUT /alert-sla-policy': { permission: 'alerts:admin' },
  'GET /alert-rules': { permission: 'dashboard:read' },
  'POST /alert-rules': { permission: 'alerts:admin' },
  'PUT /alert-rules/:id': { permission: 'alerts:admin' },
  'DELETE /alert-rules/:id': { permission: 'alerts:admin' },
  'POST /alert-rules/preview': { permission: 'alerts:admin' },
  'GET /notification-targets': { permission: 'alerts:admin' },
  'POST /notification-targets': { permission: 'alerts:admin' },
  'DELETE /notification-targets/:id': { permission: 'alerts:admin' },
  'GET /alert-deliveries': { permission: 'alerts:admin' },
  ...Object.fromEntries(
    ['regions', 'centers', 'engineers', 'customers', 'products'].flatMap((kind) => [
      [`PUT /org/${kind}`, { permission: 'reference:write' }],
      [`GET /org/${kind}`, { permission: 'tickets:read' }],
    ]),
  ),
};

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

function routesOf(router: Router): string[] {
  const found: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) for (const method of Object.keys(layer.route.methods)) found.push(`${method.toUpperCase()} ${layer.route.path}`);
      else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((router as unknown as { stack: Layer[] }).stack);
  return [...new Set(found)].sort();
}

type Caller = { name: string; auth: string | Session | null; permissions: readonly Permission[]; session: boolean };

let server: TestServer;
let callers: Caller[];
let supervisorEast: Session;
let engineer: Session;

beforeAll(async () => {
  server = await startTestServer();
  await loadSmallNetwork(server);
  const manager = await signInAs(server, { username: 'm-1', role: 'manager' });
  supervisorEast = await signInAs(server, { username: 's-east', role: 'supervisor', grants: [{ kind: 'region', id: 'east' }] });
  engineer = await signInAs(server, { username: 'e-1', role: 'engineer', engineerId: 'e-001' });
  const display = await call(server, 'POST', '/api/v1/displays', { name: 'hall', scope: 'network', board: 'network' });
  expect(display.status, display.text).toBe(201);
  const source = await call(server, 'POST', '/api/v1/ingest-tokens', { source: 'crm' });
  expect(source.status, source.text).toBe(201);
  const ingestPermissions: Permission[] = ['events:ingest', 'reference:write'];
  callers = [
    { name: 'anonymous', auth: null, permissions: [], session: false },
    { name: 'admin', auth: server.admin, permissions: ROLE_PERMISSIONS.admin, session: true },
    { name: 'manager', auth: manager, permissions: ROLE_PERMISSIONS.manager, session: true },
    { name: 'supervisor', auth: supervisorEast, permissions: ROLE_PERMISSIONS.supervisor, session: true },
    { name: 'engineer', auth: engineer, permissions: ROLE_PERMISSIONS.engineer, session: true },
    { name: 'display token', auth: display.json.token as string, permissions: ROLE_PERMISSIONS.display, session: false },
    { name: 'VIEW_TOKEN', auth: VIEW_TOKEN, permissions: ROLE_PERMISSIONS.display, session: false },
    { name: 'ingest token', auth: source.json.token as string, permissions: ingestPermissions, session: false },
    { name: 'INGEST_TOKEN', auth: INGEST_TOKEN, permissions: ingestPermissions, session: false },
  ];
  await postEvents(server, [
    createdEvent('T-EAST', '2026-11-23T09:00:00+08:00', { engineerId: 'e-001' }),
    createdEvent('T-WEST', '2026-11-23T09:00:00+08:00', { centerId: 'urc-01', engineerId: 'e-003' }),
  ]);
});

afterAll(async () => {
  await server?.close();
});

describe('authorization matrix', () => {
  it('has a rule for every route the API serves, and a route for every rule', () => {
    expect(routesOf(server.application.api)).toEqual(Object.keys(RULES).sort());
  });

  it('lets each principal through exactly the routes its permissions allow', async () => {
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const route of Object.keys(RULES).sort()) {
      const rule = RULES[route]!;
      const [method, path] = route.split(' ') as [string, string];
      // Harmless probes: ids that name nothing and empty bodies, so nothing is changed by an allowed call.
      const url = `/api/v1${path.replace(/:[a-z]+/g, 'no-such-id')}`;
      const body = method === 'GET' || method === 'DELETE' ? undefined : {};
      for (const caller of callers) {
        const allowed = 'open' in rule || ('session' in rule ? caller.session : caller.permissions.includes(rule.permission));
        if (route === 'POST /auth/logout' && allowed) continue; // it would end the session the rest of the matrix uses
        const response = await call(server, method, url, body, caller.auth);
        const denial = caller.auth === null ? 401 : 'session' in rule ? 401 : 403;
        // Past the permission, a scoped principal may still be refused the scope asked for: that is the scope tests' business.
        const refusedByPermission = response.status === 401 || (response.status === 403 && response.json?.error?.code !== 'out_of_scope');
        const got = refusedByPermission ? response.status : 'through';
        outcomes.push(`${route} as ${caller.name}: ${got}`);
        expected.push(`${route} as ${caller.name}: ${allowed ? 'through' : denial}`);
      }
    }
    expect(outcomes).toEqual(expected);
  });
});

describe('scope', () => {
  const ids = (response: { json: { items: { id: string }[] } }) => response.json.items.map((ticket) => ticket.id).sort();

  it('shows a supervisor only the tickets of their regions, and refuses filters outside them', async () => {
    expect(ids(await call(server, 'GET', '/api/v1/tickets', undefined, supervisorEast))).toEqual(['T-EAST']);
    expect((await call(server, 'GET', '/api/v1/tickets?regionId=sh', undefined, supervisorEast)).status).toBe(200);
    const outside = await call(server, 'GET', '/api/v1/tickets?regionId=west', undefined, supervisorEast);
    expect(outside.status).toBe(403);
    expect(outside.json.error.code).toBe('out_of_scope');
    expect((await call(server, 'GET', '/api/v1/tickets/T-WEST', undefined, supervisorEast)).status).toBe(403);
    expect((await call(server, 'GET', '/api/v1/tickets/T-EAST', undefined, supervisorEast)).status).toBe(200);
    expect((await call(server, 'GET', '/api/v1/sla/at-risk', undefined, supervisorEast)).status).toBe(403);
    expect((await call(server, 'GET', '/api/v1/sla/at-risk?scope=region:east', undefined, supervisorEast)).status).toBe(200);
    expect((await call(server, 'GET', '/api/v1/sla/at-risk?scope=center:urc-01', undefined, supervisorEast)).status).toBe(403);
    const centers = await call(server, 'GET', '/api/v1/org/centers', undefined, supervisorEast);
    expect(centers.json.centers.map((center: { id: string }) => center.id)).toEqual(['sh-01', 'sh-02']);
    expect((await call(server, 'GET', '/api/v1/org/customers', undefined, supervisorEast)).status).toBe(403);
  });

  it('lists alerts only for scopes within the grant, for a supervisor and a scoped display alike', async () => {
    const display = await call(server, 'POST', '/api/v1/displays', { name: 'east hall', scope: 'region:east', board: 'network' });
    expect(display.status, display.text).toBe(201);
    for (const auth of [supervisorEast, display.json.token as string]) {
      expect((await call(server, 'GET', '/api/v1/alerts', undefined, auth)).status).toBe(200);
      expect((await call(server, 'GET', '/api/v1/alerts?scope=region:east', undefined, auth)).status).toBe(200);
      expect((await call(server, 'GET', '/api/v1/alerts?scope=center:sh-01', undefined, auth)).status).toBe(200);
      for (const outside of ['network', 'region:west', 'center:urc-01', 'engineer:e-003']) {
        const refused = await call(server, 'GET', `/api/v1/alerts?scope=${outside}`, undefined, auth);
        expect(refused.status, `${outside}: ${refused.text}`).toBe(403);
        expect(refused.json.error.code).toBe('out_of_scope');
      }
    }
    expect((await call(server, 'GET', '/api/v1/alerts?scope=region:west', undefined, server.admin)).status).toBe(200);
  });

  it('gives figures only for scopes within the grant, and an engineer only their own', async () => {
    const east = await call(server, 'GET', '/api/v1/metrics?scope=region:east&window=24h', undefined, supervisorEast);
    expect(east.status, east.text).toBe(200);
    expect(east.json).toMatchObject({ scope: 'region:east', window: '24h' });
    expect(east.json.values.backlog_open).toBe(1);
    expect((await call(server, 'GET', '/api/v1/metrics?scope=network', undefined, supervisorEast)).status).toBe(403);
    expect((await call(server, 'GET', '/api/v1/metrics?scope=engineer:e-003', undefined, supervisorEast)).status).toBe(403);
    expect((await call(server, 'GET', '/api/v1/metrics?scope=engineer:e-001', undefined, supervisorEast)).status).toBe(200);
    expect((await call(server, 'GET', '/api/v1/metrics?scope=engineer:e-001', undefined, engineer)).status).toBe(200);
    expect((await call(server, 'GET', '/api/v1/metrics?scope=engineer:e-003', undefined, engineer)).status).toBe(403);
    expect((await call(server, 'GET', '/api/v1/metrics?scope=center:sh-01', undefined, engineer)).status).toBe(403);
    expect((await call(server, 'GET', '/api/v1/metrics?scope=network', undefined, server.admin)).json.values.backlog_open).toBe(2);
    expect((await call(server, 'GET', '/api/v1/metrics?window=fortnight', undefined, server.admin)).status).toBe(400);
  });

  it('lets only a source trusted with every center write the organisation', async () => {
    const limited = await call(server, 'POST', '/api/v1/ingest-tokens', { source: 'sh-crm', centerIds: ['sh-01'] });
    expect(limited.status, limited.text).toBe(201);
    const regions = [{ id: 'east', name: '华东', parentId: null }];
    const refused = await call(server, 'PUT', '/api/v1/org/regions', regions, limited.json.token as string);
    expect(refused.status).toBe(403);
    expect(refused.json.error.message).toContain('reference:write');
    expect((await call(server, 'PUT', '/api/v1/org/regions', regions, INGEST_TOKEN)).status).toBe(200);
  });

  it('shows an engineer only their own tickets', async () => {
    expect(ids(await call(server, 'GET', '/api/v1/tickets', undefined, engineer))).toEqual(['T-EAST']);
    expect((await call(server, 'GET', '/api/v1/tickets/T-WEST', undefined, engineer)).status).toBe(403);
  });

  it('admits a socket only with credentials, and a subscription only within its scope', async () => {
    await expect(connectDashboard(server, 'not-a-token')).rejects.toThrow('unauthorized');
    const wall = await connectDashboard(server, VIEW_TOKEN);
    expect((await wall.emitWithAck('dashboard:subscribe', { scope: { kind: 'network' } })).ok).toBe(true);
    wall.disconnect();

    const { io } = await import('socket.io-client');
    const supervisorSocket = io(server.url, { extraHeaders: { cookie: supervisorEast.cookie }, transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve, reject) => {
      supervisorSocket.once('connect', () => resolve());
      supervisorSocket.once('connect_error', reject);
    });
    const refused = await supervisorSocket.emitWithAck('dashboard:subscribe', { scope: { kind: 'network' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    supervisorSocket.disconnect();

    // An engineer's page follows their own work, and nothing else.
    const engineerSocket = io(server.url, { extraHeaders: { cookie: engineer.cookie }, transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve, reject) => {
      engineerSocket.once('connect', () => resolve());
      engineerSocket.once('connect_error', reject);
    });
    expect((await engineerSocket.emitWithAck('dashboard:subscribe', { scope: { kind: 'engineer', id: 'e-001' } })).ok).toBe(true);
    for (const scope of [{ kind: 'engineer', id: 'e-003' }, { kind: 'center', id: 'sh-01' }, { kind: 'network' }] as const) {
      expect(await engineerSocket.emitWithAck('dashboard:subscribe', { scope })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await engineerSocket.emitWithAck('dashboard:defaultScope')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    engineerSocket.disconnect();
  });
});
