import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectErrorBody } from '../../test/support/api';
import { type TestServer, call, startTestServer } from '../../test/support/testServer';

const NOW = Date.parse('2026-11-23T10:30:00+08:00');

describe('GET /api/v1/health', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ clock: { now: () => NOW } });
  });
  afterAll(() => server.close());

  it('answers without a token that the service and its database are ok', async () => {
    const response = await call(server, 'GET', '/api/v1/health', undefined, null);
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ status: 'ok', database: 'ok', live: 'ready', uptimeMs: expect.any(Number), now: NOW });
    expect(response.json.uptimeMs).toBeGreaterThanOrEqual(0);
    expect(response.headers.get('x-request-id')).toBeTruthy();
  });

  it('answers an unknown API route with a JSON 404', async () => {
    expectErrorBody(await call(server, 'GET', '/api/v1/nothing-here'), 404, 'not_found');
    expectErrorBody(await call(server, 'GET', '/api/v2/health', undefined, null), 404, 'not_found');
  });

  it('tells a caller without credentials only to sign in, not which /api/v1 routes exist', async () => {
    expectErrorBody(await call(server, 'GET', '/api/v1/nothing-here', undefined, null), 401, 'unauthorized');
  });
});
