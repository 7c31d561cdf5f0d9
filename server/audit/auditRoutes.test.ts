import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connection';
import { expectErrorBody } from '../../test/support/api';
import { authenticate, principalForRole, requirePermission } from '../auth/principal';
import { assignRequestId, errorHandler, notFound } from '../http/httpError';
import { createAuditLog } from './auditLog';
import { auditRoutes } from './auditRoutes';
import { type TempDb, openTempDb } from '../../test/support/tempDb';

const T0 = Date.parse('2026-11-23T09:00:00Z');
const ADMIN_BEARER = 'admin-bearer-for-audit-tests';
const MANAGER_BEARER = 'manager-bearer-for-audit-tests';
const principals = {
  [ADMIN_BEARER]: principalForRole({ kind: 'user', id: 'u-1', name: 'wang.admin', role: 'admin', scope: { kind: 'all' } }),
  [MANAGER_BEARER]: principalForRole({ kind: 'user', id: 'u-2', name: 'li.manager', role: 'manager', scope: { kind: 'all' } }),
};

describe('GET /api/v1/audit', () => {
  let temp: TempDb;
  let db: Db;
  let httpServer: Server;
  let url: string;

  beforeAll(async () => {
    temp = openTempDb('ops-audit-');
    db = temp.db;
    let now = T0;
    const audit = createAuditLog(db, { now: () => now });
    for (let i = 0; i < 5; i++) {
      now = T0 + i * 60_000;
      audit.record({ actor: principals[i % 2 ? MANAGER_BEARER : ADMIN_BEARER], action: i % 2 ? 'alert.silence' : 'policy.update', target: `t-${i}`, before: null, after: { i } });
    }
    // The guards the application mounts: a principal from the credentials, then the permission.
    const guards = [authenticate([({ bearer }) => (bearer ? (principals[bearer as keyof typeof principals] ?? null) : null)]), requirePermission('audit:read')];
    const app = express();
    app.use(assignRequestId);
    const api = express.Router();
    api.use(auditRoutes(audit, guards));
    api.use(notFound);
    app.use('/api/v1', api);
    app.use(errorHandler(() => {}));
    httpServer = createServer(app);
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/api/v1/audit`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    temp.close();
  });

  async function get(query: string, bearer: string | null = ADMIN_BEARER) {
    const response = await fetch(`${url}${query}`, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
    const text = await response.text();
    return { status: response.status, json: JSON.parse(text), text, headers: response.headers };
  }

  it('pages an admin through the log, newest first, with filters kept across pages', async () => {
    const first = await get('?action=policy.update&limit=2');
    expect(first.status).toBe(200);
    expect(first.json.items.map((item: { target: string }) => item.target)).toEqual(['t-4', 't-2']);
    expect(first.json.items[0]).toEqual({
      id: 5,
      at: '2026-11-23T09:04:00.000Z',
      actor: 'wang.admin',
      actorRole: 'admin',
      action: 'policy.update',
      target: 't-4',
      before: null,
      after: { i: 4 },
      requestId: null,
    });
    const second = await get(`?action=policy.update&limit=2&cursor=${first.json.nextCursor}`);
    expect(second.json).toEqual({ items: [expect.objectContaining({ target: 't-0' })], nextCursor: null });
  });

  it('names every actor and action in the log, for the filters', async () => {
    const facets = await get('/facets');
    expect(facets.json).toEqual({ actors: ['li.manager', 'wang.admin'], actions: ['alert.silence', 'policy.update'] });
    expect((await get('/facets', MANAGER_BEARER)).status).toBe(403);
  });

  it('refuses a caller without a principal (401) and one without audit:read (403)', async () => {
    expectErrorBody(await get('', null), 401, 'unauthorized');
    expect(expectErrorBody(await get('', MANAGER_BEARER), 403, 'forbidden').message).toMatch(/audit:read/);
  });

  it.each([
    ['?limit=0', 'limit', />=1/],
    ['?limit=many', 'limit', /expected number/],
    ['?cursor=../../etc', 'cursor', /not a cursor this server issued/],
    ['?from=yesterday', 'from', /ISO 8601/],
    ['?from=2026-11-23T10:00:00Z&to=2026-11-23T09:00:00Z', 'to', /later than from/],
    ['?actor=', 'actor', />=1 characters/],
    ['?action=a&action=b', 'action', /expected string, received array/],
    ['?sort=asc', '', /Unrecognized key: "sort"/],
  ])('answers %s with 400 naming %s', async (query, path, message) => {
    const error = expectErrorBody(await get(query), 400, 'invalid_request');
    expect(error.issues).toEqual([{ path, message: expect.stringMatching(message) }]);
  });
});
