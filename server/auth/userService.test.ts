import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connection';
import { auditLog, users } from '../../db/schema';
import { userCreationSchema } from '../../shared/auth/userSchemas';
import { createAuditLog } from '../audit/auditLog';
import { openTestDb, testSetup } from '../../test/support/authTestSupport';
import { manualClock } from '../../test/support/manualClock';
import { verifyPassword } from './passwords';
import { type UserService, createUserService } from './userService';
import { createUserStore } from './userStore';

/** A call as a promise, so a synchronous throw is asserted with `rejects` like an asynchronous one. */
const outcome = (act: () => unknown) => Promise.resolve().then(act);

describe('user service over a real SQLite file', () => {
  let testDb: ReturnType<typeof openTestDb>;
  let db: Db;
  let service: UserService;
  const by = { actor: testSetup, requestId: 'req-1' };
  const create = (input: unknown) => service.create(userCreationSchema.parse(input), by);

  beforeEach(() => {
    testDb = openTestDb();
    db = testDb.db;
    const clock = manualClock();
    service = createUserService({ db, clock, audit: createAuditLog(db, clock).record });
  });
  afterEach(() => testDb.close());

  it('creates a user with a one-time password that must be changed, and stores only its hash', async () => {
    const { user, oneTimePassword } = await create({ username: 'Wang.Qiang', displayName: '王强', role: 'engineer', engineerId: 'e-003' });
    expect(user).toMatchObject({ username: 'wang.qiang', displayName: '王强', role: 'engineer', scope: { kind: 'engineer', engineerId: 'e-003' }, mustChangePassword: true, disabled: false });
    const stored = createUserStore(db).findById(user.id)!;
    expect(stored.passwordHash).not.toContain(oneTimePassword);
    expect(await verifyPassword(oneTimePassword, stored.passwordHash)).toBe(true);
  });

  it('refuses a supervisor without grants, and names the field', () => {
    const result = userCreationSchema.safeParse({ username: 'sup', role: 'supervisor' });
    expect(result.error?.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }))).toEqual([
      { path: 'grants', message: 'a supervisor needs at least one region or center grant' },
    ]);
  });

  it('refuses grants and engineers that do not exist, each by its path', async () => {
    await expect(create({ username: 'sup', role: 'supervisor', grants: [{ kind: 'region', id: 'east' }, { kind: 'center', id: 'bj-99' }, { kind: 'region', id: 'north' }] })).rejects.toMatchObject({
      status: 400,
      issues: [
        { path: 'grants.1.id', message: "unknown center 'bj-99'" },
        { path: 'grants.2.id', message: "unknown region 'north'" },
      ],
    });
    await expect(create({ username: 'eng', role: 'engineer', engineerId: 'e-404' })).rejects.toMatchObject({ issues: [{ path: 'engineerId', message: "unknown engineer 'e-404'" }] });
    expect(service.list()).toEqual([]);
  });

  it('refuses a taken username with 409, whatever its case', async () => {
    await create({ username: 'admin', role: 'admin' });
    await expect(create({ username: 'ADMIN', role: 'manager' })).rejects.toMatchObject({ status: 409, code: 'username_taken' });
  });

  it('drops what only the old role had when the role changes, and checks what the new role needs', async () => {
    const { user } = await create({ username: 'sup', role: 'supervisor', grants: [{ kind: 'region', id: 'east' }] });
    expect(service.update(user.id, { role: 'manager' }, by).after).toMatchObject({ role: 'manager', grants: [], scope: { kind: 'all' } });
    await expect(outcome(() => service.update(user.id, { role: 'supervisor' }, by))).rejects.toMatchObject({ issues: [{ path: 'grants', message: 'a supervisor needs at least one region or center grant' }] });
    expect(service.update(user.id, { role: 'engineer', engineerId: 'e-001' }, by).after.scope).toEqual({ kind: 'engineer', engineerId: 'e-001' });
  });

  it('grants and revokes scopes one at a time, but keeps a supervisor at one grant at least', async () => {
    const { user } = await create({ username: 'sup', role: 'supervisor', grants: [{ kind: 'region', id: 'east' }] });
    const granted = service.grant(user.id, { kind: 'center', id: 'urc-01' }, by);
    expect(granted.before?.grants).toEqual([{ kind: 'region', id: 'east' }]);
    expect(granted.after.scope).toEqual({ kind: 'grants', regionIds: ['east'], centerIds: ['urc-01'] });
    expect(service.revoke(user.id, { kind: 'region', id: 'east' }, by).after.grants).toEqual([{ kind: 'center', id: 'urc-01' }]);
    await expect(outcome(() => service.revoke(user.id, { kind: 'center', id: 'urc-01' }, by))).rejects.toMatchObject({ status: 400 });
    await expect(outcome(() => service.revoke(user.id, { kind: 'region', id: 'west' }, by))).rejects.toMatchObject({ status: 404 });
    await expect(outcome(() => service.grant(user.id, { kind: 'region', id: 'atlantis' }, by))).rejects.toMatchObject({ status: 400, issues: [{ path: 'grants.0.id', message: "unknown region 'atlantis'" }] });
  });

  it('keeps at least one enabled admin', async () => {
    const { user: first } = await create({ username: 'admin', role: 'admin' });
    await expect(outcome(() => service.update(first.id, { disabled: true }, by))).rejects.toMatchObject({ status: 409, code: 'last_admin' });
    await expect(outcome(() => service.update(first.id, { role: 'manager' }, by))).rejects.toMatchObject({ status: 409, code: 'last_admin' });
    await create({ username: 'second', role: 'admin' });
    expect(service.update(first.id, { disabled: true }, by).after.disabled).toBe(true);
  });

  it('audits each change with who, before and after, and never the password', async () => {
    const { user, oneTimePassword } = await create({ username: 'sup', role: 'supervisor', grants: [{ kind: 'region', id: 'east' }] });
    service.grant(user.id, { kind: 'center', id: 'sh-01' }, by);
    const reset = await service.resetPassword(user.id, by);

    const rows = db.select().from(auditLog).all();
    expect(rows.map(({ actor, action, target, requestId }) => ({ actor, action, target, requestId }))).toEqual([
      { actor: 'test-setup', action: 'user.create', target: 'user:sup', requestId: 'req-1' },
      { actor: 'test-setup', action: 'user.grant', target: 'user:sup', requestId: 'req-1' },
      { actor: 'test-setup', action: 'user.reset_password', target: 'user:sup', requestId: 'req-1' },
    ]);
    expect(rows[1]).toMatchObject({ before: { grants: [{ kind: 'region', id: 'east' }] }, after: { grants: [{ kind: 'center', id: 'sh-01' }, { kind: 'region', id: 'east' }] } });
    const logged = JSON.stringify(rows);
    expect(logged).not.toContain(oneTimePassword);
    expect(logged).not.toContain(reset.oneTimePassword);
    expect(logged).not.toContain('scrypt$');
  });

  it('makes no change that cannot be audited', async () => {
    const { user } = await create({ username: 'mgr', role: 'manager' });
    const unaudited = createUserService({ db, clock: manualClock(), audit: () => { throw new Error('audit log unavailable'); } });
    expect(() => unaudited.update(user.id, { displayName: '新名字', disabled: true }, by)).toThrow('audit log unavailable');
    await expect(unaudited.create(userCreationSchema.parse({ username: 'other', role: 'manager' }), by)).rejects.toThrow('audit log unavailable');
    expect(db.select({ username: users.username, displayName: users.displayName, disabled: users.disabled }).from(users).all()).toEqual([{ username: 'mgr', displayName: 'mgr', disabled: false }]);
  });

  it('resets a password to a new one-time password that must be changed', async () => {
    const { user, oneTimePassword: first } = await create({ username: 'mgr', role: 'manager' });
    const reset = await service.resetPassword(user.id, by);
    const stored = createUserStore(db).findById(user.id)!;
    expect(reset.oneTimePassword).not.toBe(first);
    expect(await verifyPassword(reset.oneTimePassword, stored.passwordHash)).toBe(true);
    expect(await verifyPassword(first, stored.passwordHash)).toBe(false);
    expect(reset.user.mustChangePassword).toBe(true);
  });
});
