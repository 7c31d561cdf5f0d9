import { afterEach, describe, expect, it } from 'vitest';
import { loadSmallNetwork } from '../support/smallNetwork';
import { type TestServer, call, signInAs, startTestServer } from '../support/testServer';

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('audit trail of admin actions', () => {
  it('records an SLA policy change with who, before and after, readable by admins only', async () => {
    server = await startTestServer();
    await loadSmallNetwork(server);
    const current = await call(server, 'GET', '/api/v1/sla/policies');
    const saved = await call(server, 'PUT', '/api/v1/sla/policies', { policies: current.json.policies, note: 'same rules, new version', basedOnVersion: 1 });
    expect(saved.status, saved.text).toBe(200);

    const audit = await call(server, 'GET', '/api/v1/audit?action=sla.policies.save');
    expect(audit.status, audit.text).toBe(200);
    expect(audit.json.items).toHaveLength(1);
    const [entry] = audit.json.items;
    expect(entry).toMatchObject({ actor: 'test-admin', actorRole: 'admin', action: 'sla.policies.save', target: 'policy-version:2' });
    expect(entry.before).toMatchObject({ version: 1 });
    expect(entry.after).toMatchObject({ version: 2, note: 'same rules, new version', changedBy: 'test-admin' });

    const manager = await signInAs(server, { username: 'm-audit', role: 'manager' });
    expect((await call(server, 'GET', '/api/v1/audit', undefined, manager)).status).toBe(403);
  });
});
