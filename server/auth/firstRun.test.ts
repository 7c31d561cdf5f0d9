import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connection';
import { auditLog } from '../../db/schema';
import { openTestDb } from '../../test/support/authTestSupport';
import { ensureFirstRunUsers } from './firstRun';
import { verifyPassword } from './passwords';
import { scopeOf } from './userService';
import { createUserStore } from './userStore';

const NOW = Date.parse('2026-11-23T09:00:00+08:00');

describe('first run users', () => {
  let testDb: ReturnType<typeof openTestDb>;
  let db: Db;
  let lines: string[];
  const run = (demo: boolean) => ensureFirstRunUsers(db, { demo, now: NOW, log: (line) => lines.push(line) });
  const start = (org: boolean) => {
    testDb = openTestDb({ org });
    db = testDb.db;
  };

  beforeEach(() => {
    lines = [];
  });
  afterEach(() => testDb.close());

  it('creates an admin with a one-time password, logged once, and nothing on later starts', async () => {
    start(false);
    const created = await run(false);
    expect(created).toEqual([{ username: 'admin', role: 'admin', password: expect.any(String), sees: 'everything', mustChangePassword: true }]);
    const stored = createUserStore(db).findByUsername('admin')!;
    expect(stored).toMatchObject({ role: 'admin', mustChangePassword: true, createdAt: NOW });
    expect(await verifyPassword(created[0]!.password, stored.passwordHash)).toBe(true);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(created[0]!.password);

    expect(await run(true)).toEqual([]);
    expect(lines).toHaveLength(1);
  });

  it('in demo mode adds a manager, a region supervisor, a center supervisor elsewhere and an engineer, with their scopes', async () => {
    start(true);
    const created = await run(true);

    expect(created.map(({ username, role, sees, mustChangePassword }) => ({ username, role, sees, mustChangePassword }))).toEqual([
      { username: 'admin', role: 'admin', sees: 'everything', mustChangePassword: true },
      { username: 'manager', role: 'manager', sees: 'everything', mustChangePassword: false },
      { username: 'supervisor.east', role: 'supervisor', sees: 'region east (华东)', mustChangePassword: false },
      { username: 'supervisor.urc-01', role: 'supervisor', sees: 'center urc-01 (乌鲁木齐服务中心)', mustChangePassword: false },
      { username: 'engineer.e-001', role: 'engineer', sees: 'own work of engineer e-001 (张伟)', mustChangePassword: false },
    ]);
    const scopes = Object.fromEntries(createUserStore(db).list().map((user) => [user.username, scopeOf(user, createUserStore(db).grantsOf(user.id))]));
    expect(scopes).toEqual({
      admin: { kind: 'all' },
      manager: { kind: 'all' },
      'supervisor.east': { kind: 'grants', regionIds: ['east'], centerIds: [] },
      'supervisor.urc-01': { kind: 'grants', regionIds: [], centerIds: ['urc-01'] },
      'engineer.e-001': { kind: 'engineer', engineerId: 'e-001' },
    });
    const audited = db.select({ actor: auditLog.actor, action: auditLog.action, target: auditLog.target }).from(auditLog).all();
    expect(audited).toEqual(created.map((user) => ({ actor: 'first-run', action: 'user.create', target: `user:${user.username}` })));
    const listing = lines.at(-1)!;
    for (const user of created.slice(1)) expect(listing).toContain(`${user.username}`.padEnd(28) + ` ${user.password}  ${user.sees}`);
  });

  it('in demo mode on an empty organisation makes only the users that need none of it, and says so', async () => {
    start(false);
    const created = await run(true);
    expect(created.map((user) => user.username)).toEqual(['admin', 'manager']);
    expect(lines).toContain('first run: the organisation has no regions, centers or engineers yet, so some demo users were left out');
  });
});
