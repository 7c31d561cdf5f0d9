import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AuthServer, type Browser, type ClientSocket, browser, startAuthServer } from '../../test/support/authTestSupport';

describe('user administration and password changes over HTTP', () => {
  let server: AuthServer;
  let admin: Browser;
  let adminId: string;

  beforeEach(async () => {
    server = await startAuthServer();
    const root = await server.addUser({ username: 'root', displayName: '管理员', role: 'admin' });
    adminId = root.id;
    admin = await browser(server).signIn('root', root.password);
  });
  afterEach(() => server.close());

  it('creates a user, answers its one-time password once, lists it and audits the creation', async () => {
    const created = await admin.send('POST', '/users', { username: 'zhao.sup', displayName: '赵主管', role: 'supervisor', grants: [{ kind: 'center', id: 'sh-01' }] });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const { user, oneTimePassword } = created.json;
    expect(user).toMatchObject({ username: 'zhao.sup', role: 'supervisor', grants: [{ kind: 'center', id: 'sh-01' }], mustChangePassword: true });
    expect(oneTimePassword).toEqual(expect.any(String));
    expect(JSON.stringify(created.json.user)).not.toMatch(/scrypt|passwordHash/);

    const listed = await admin.send('GET', '/users');
    expect(listed.json.users.map((listedUser: { username: string }) => listedUser.username)).toEqual(['root', 'zhao.sup']);
    expect(JSON.stringify(listed.json)).not.toContain(oneTimePassword);

    expect(server.audited()).toEqual([
      { id: expect.any(Number), at: server.clock.now(), actor: 'root', actorRole: 'admin', action: 'user.create', target: 'user:zhao.sup', before: null, after: user, requestId: created.headers.get('x-request-id') },
    ]);
  });

  it('refuses a supervisor without grants with 400 naming grants, and writes nothing', async () => {
    const reply = await admin.send('POST', '/users', { username: 'zhao.sup', role: 'supervisor' });
    expect(reply.status).toBe(400);
    expect(reply.json.error).toMatchObject({ code: 'invalid_request', issues: [{ path: 'grants', message: 'a supervisor needs at least one region or center grant' }] });
    expect(reply.json.requestId).toEqual(expect.any(String));
    expect((await admin.send('GET', '/users')).json.users).toHaveLength(1);
    expect(server.audited()).toEqual([]);
  });

  it('refuses unknown fields, bad usernames and the display role by path', async () => {
    const reply = await admin.send('POST', '/users', { username: 'no spaces', role: 'display', password: 'chosen-by-admin' });
    expect(reply.status).toBe(400);
    expect(reply.json.error.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['', 'role', 'username']);
  });

  it('edits role, grants, name and disabled with PATCH, auditing before and after', async () => {
    const created = (await admin.send('POST', '/users', { username: 'zhao', role: 'manager' })).json.user;
    const patched = await admin.send('PATCH', `/users/${created.id}`, { role: 'supervisor', grants: [{ kind: 'region', id: 'west' }], displayName: '赵' });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ role: 'supervisor', displayName: '赵', scope: { kind: 'grants', regionIds: ['west'], centerIds: [] } });
    expect(server.audited().at(-1)).toMatchObject({ action: 'user.update', target: 'user:zhao', before: { role: 'manager' }, after: { role: 'supervisor' } });

    expect((await admin.send('PATCH', `/users/${created.id}`, {})).json.error.issues).toEqual([{ path: '', message: expect.stringContaining('must change at least one') }]);
    expect((await admin.send('PATCH', '/users/no-such-user', { disabled: true })).status).toBe(404);
    expect((await admin.send('PATCH', `/users/${adminId}`, { disabled: true })).json.error.code).toBe('last_admin');
  });

  it('ends a user’s sessions when an admin disables them', async () => {
    const manager = await server.addUser({ username: 'mgr', role: 'manager' });
    const managerBrowser = await browser(server).signIn('mgr', manager.password);
    await admin.send('PATCH', `/users/${manager.id}`, { disabled: true });
    expect((await managerBrowser.send('GET', '/auth/me')).status).toBe(401);
  });

  it('resets a password: the user’s sessions end, the one-time password signs in to a session that can only change it', async () => {
    const manager = await server.addUser({ username: 'mgr', role: 'manager' });
    const managerBrowser = await browser(server).signIn('mgr', manager.password);
    expect((await managerBrowser.send('GET', '/probe')).status).toBe(200);

    const reset = await admin.send('POST', `/users/${manager.id}/reset-password`);
    expect(reset.status).toBe(200);
    expect(reset.json.user).toMatchObject({ username: 'mgr', mustChangePassword: true });
    expect(server.audited().at(-1)).toMatchObject({ action: 'user.reset_password', before: { mustChangePassword: false }, after: { mustChangePassword: true } });
    expect(JSON.stringify(server.audited())).not.toContain(reset.json.oneTimePassword);
    expect((await managerBrowser.send('GET', '/auth/me')).status).toBe(401);
    expect((await browser(server).login('mgr', manager.password)).status).toBe(401);

    const fresh = await browser(server).signIn('mgr', reset.json.oneTimePassword);
    expect((await fresh.send('GET', '/auth/me')).json.user.mustChangePassword).toBe(true);
    expect((await fresh.send('GET', '/probe')).status).toBe(403);

    const changed = await fresh.send('POST', '/auth/password', { current: reset.json.oneTimePassword, next: 'my own passphrase' });
    expect(changed.status).toBe(200);
    expect(changed.json.user.mustChangePassword).toBe(false);
    expect(changed.json.csrfToken).toBe(fresh.csrf);
    expect((await fresh.send('GET', '/probe')).status).toBe(200);
    expect((await browser(server).login('mgr', 'my own passphrase')).status).toBe(200);
  });

  it('refuses password12 and Password1234 with a field error naming the reason', async () => {
    const manager = await server.addUser({ username: 'mgr', role: 'manager' });
    const here = await browser(server).signIn('mgr', manager.password);
    const tooShort = await here.send('POST', '/auth/password', { current: manager.password, next: 'password12' });
    expect(tooShort.status).toBe(400);
    expect(tooShort.json.error.issues).toEqual([
      { path: 'next', message: 'must be at least 12 characters' },
      { path: 'next', message: 'is on a list of commonly used passwords' },
    ]);
    const common = await here.send('POST', '/auth/password', { current: manager.password, next: 'Password1234' });
    expect(common.status).toBe(400);
    expect(common.json.error.issues).toEqual([{ path: 'next', message: 'is on a list of commonly used passwords' }]);
    expect(server.audited()).toEqual([]);
  });

  it('at the first sign-in asks only for the new password: the one-time password was given a moment ago', async () => {
    const created = (await admin.send('POST', '/users', { username: 'qian', role: 'manager' })).json;
    const first = await browser(server).signIn('qian', created.oneTimePassword);
    const changed = await first.send('POST', '/auth/password', { next: 'tea kettle on the 9th floor' });
    expect(changed.status).toBe(200);
    expect(changed.json.user.mustChangePassword).toBe(false);
    expect((await browser(server).login('qian', 'tea kettle on the 9th floor')).status).toBe(200);
  });

  it('keeps a person’s own settings on the server and records the last sign-in for the admin’s list', async () => {
    const manager = await server.addUser({ username: 'mgr', role: 'manager' });
    const here = await browser(server).signIn('mgr', manager.password);
    expect((await here.send('GET', '/auth/me')).json.user.preferences).toEqual({});
    const saved = await here.send('PUT', '/auth/preferences', { locale: 'en', theme: 'light', landing: 'sla' });
    expect(saved.status).toBe(200);
    expect(saved.json.user.preferences).toEqual({ locale: 'en', theme: 'light', landing: 'sla' });
    const elsewhere = await browser(server).signIn('mgr', manager.password);
    expect((await elsewhere.send('GET', '/auth/me')).json.user.preferences).toEqual({ locale: 'en', theme: 'light', landing: 'sla' });
    const bad = await here.send('PUT', '/auth/preferences', { landing: 'nowhere', colour: 'red' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['', 'landing']);

    const listed = (await admin.send('GET', '/users')).json.users as { username: string; lastSignInAt: number | null }[];
    expect(listed.find((user) => user.username === 'mgr')!.lastSignInAt).toBe(server.clock.now());
  });

  it('changes one’s own password: ends the other sessions, keeps this one, and says which field is wrong', async () => {
    const manager = await server.addUser({ username: 'mgr', role: 'manager' });
    const here = await browser(server).signIn('mgr', manager.password);
    const elsewhere = await browser(server).signIn('mgr', manager.password);

    const wrongCurrent = await here.send('POST', '/auth/password', { current: 'not my password', next: 'my own passphrase' });
    expect(wrongCurrent.status).toBe(400);
    expect(wrongCurrent.json.error.issues).toEqual([{ path: 'current', message: 'is not your current password' }]);
    const weak = await here.send('POST', '/auth/password', { current: manager.password, next: 'x7#qz' });
    expect(weak.json.error.issues).toEqual([{ path: 'next', message: 'must be at least 12 characters' }]);
    const missingCurrent = await here.send('POST', '/auth/password', { next: 'my own passphrase' });
    expect(missingCurrent.json.error.issues).toEqual([{ path: 'current', message: 'is required' }]);
    expect((await here.send('POST', '/auth/password', { current: manager.password, next: 'my own passphrase' }, { 'x-csrf-token': '' })).status).toBe(403);

    expect((await here.send('POST', '/auth/password', { current: manager.password, next: 'my own passphrase' })).status).toBe(200);
    expect(server.audited()).toMatchObject([{ actor: 'mgr', action: 'user.change_password', target: 'user:mgr' }]);
    expect((await here.send('GET', '/auth/me')).status).toBe(200);
    expect((await elsewhere.send('GET', '/auth/me')).status).toBe(401);
  });

  it('lists a user’s live sessions and revokes them all', async () => {
    const manager = await server.addUser({ username: 'mgr', role: 'manager' });
    const phone = await browser(server).signIn('mgr', manager.password);
    await browser(server).signIn('mgr', manager.password);

    const listed = await admin.send('GET', `/users/${manager.id}/sessions`);
    expect(listed.json.sessions).toHaveLength(2);
    expect(listed.json.sessions[0]).toEqual({ id: expect.stringMatching(/^[0-9a-f]{16}$/), createdAt: server.clock.now(), lastSeenAt: server.clock.now(), expiresAt: expect.any(Number), userAgent: 'node', current: false });
    expect((await admin.send('GET', `/users/${adminId}/sessions`)).json.sessions).toMatchObject([{ current: true }]);

    const revoked = await admin.send('POST', `/users/${manager.id}/revoke-sessions`);
    expect(revoked.json).toEqual({ revoked: 2 });
    expect(server.audited().at(-1)).toMatchObject({ actor: 'root', action: 'user.revoke_sessions', target: 'user:mgr' });
    expect((await phone.send('GET', '/auth/me')).status).toBe(401);
    expect((await admin.send('GET', `/users/${manager.id}/sessions`)).json.sessions).toEqual([]);
  });

  it('lets only admins manage users; a manager reads the list, a supervisor not even that', async () => {
    const manager = await server.addUser({ username: 'mgr', role: 'manager' });
    const managerBrowser = await browser(server).signIn('mgr', manager.password);
    expect((await managerBrowser.send('GET', '/users')).json.users).toHaveLength(2);
    const forbidden = await managerBrowser.send('POST', `/users/${manager.id}/reset-password`);
    expect(forbidden.status).toBe(403);
    expect(forbidden.json.error.message).toContain("'users:admin'");
    expect((await managerBrowser.send('PATCH', `/users/${manager.id}`, { disabled: true })).status).toBe(403);
    const supervisor = await server.addUser({ username: 'sup', role: 'supervisor', grants: [{ kind: 'region', id: 'east' }] });
    const supervisorBrowser = await browser(server).signIn('sup', supervisor.password);
    expect((await supervisorBrowser.send('GET', '/users')).json.error.message).toContain("'users:read'");
    expect((await browser(server).send('GET', '/users')).status).toBe(401);
    expect(server.audited()).toEqual([]);
  });
});

describe('ending sessions closes their live sockets', () => {
  let server: AuthServer;
  let manager: { id: string; password: string };
  let admin: Browser;

  /** Resolves with the reason the server gave once it has dropped the socket. */
  function revocation(socket: ClientSocket): Promise<{ code: string; message: string }> {
    return new Promise((resolve) => {
      socket.once('session:revoked', (reason) => socket.once('disconnect', () => resolve(reason)));
    });
  }

  beforeEach(async () => {
    server = await startAuthServer();
    const root = await server.addUser({ username: 'root', role: 'admin' });
    admin = await browser(server).signIn('root', root.password);
    manager = await server.addUser({ username: 'mgr', role: 'manager' });
  });
  afterEach(() => server.close());

  it('refuses a socket without a live session', async () => {
    await expect(server.connectSocket(null)).rejects.toThrow('unauthorized');
  });

  it('disconnects every socket of a user whose password an admin resets, and nobody else’s', async () => {
    const desk = await server.connectSocket((await browser(server).signIn('mgr', manager.password)).cookie);
    const wall = await server.connectSocket((await browser(server).signIn('mgr', manager.password)).cookie);
    const adminSocket = await server.connectSocket(admin.cookie);
    const ended = Promise.all([revocation(desk), revocation(wall)]);

    expect((await admin.send('POST', `/users/${manager.id}/reset-password`)).status).toBe(200);
    expect(await ended).toEqual([
      { code: 'password_reset', message: 'An admin reset the password; sign in again.' },
      { code: 'password_reset', message: 'An admin reset the password; sign in again.' },
    ]);
    expect(adminSocket.connected).toBe(true);
    adminSocket.close();
  });

  it('disconnects a disabled user’s sockets and those of revoked sessions', async () => {
    const first = await server.connectSocket((await browser(server).signIn('mgr', manager.password)).cookie);
    const revoked = revocation(first);
    await admin.send('POST', `/users/${manager.id}/revoke-sessions`);
    expect((await revoked).code).toBe('sessions_revoked');

    const second = await server.connectSocket((await browser(server).signIn('mgr', manager.password)).cookie);
    const disabled = revocation(second);
    await admin.send('PATCH', `/users/${manager.id}`, { disabled: true });
    expect((await disabled).code).toBe('account_disabled');
  });

  it('on a password change closes the other browsers’ sockets, and on logout this one’s', async () => {
    const here = await browser(server).signIn('mgr', manager.password);
    const elsewhere = await browser(server).signIn('mgr', manager.password);
    const phone = await browser(server).signIn('mgr', manager.password);
    const hereSocket = await server.connectSocket(here.cookie);
    const elsewhereSocket = await server.connectSocket(elsewhere.cookie);
    const phoneSocket = await server.connectSocket(phone.cookie);

    const changedElsewhere = Promise.all([revocation(elsewhereSocket), revocation(phoneSocket)]);
    expect((await here.send('POST', '/auth/password', { current: manager.password, next: 'my own passphrase' })).status).toBe(200);
    expect((await changedElsewhere).map((reason) => reason.code)).toEqual(['password_changed', 'password_changed']);
    expect(hereSocket.connected).toBe(true);

    const signedOut = revocation(hereSocket);
    await here.send('POST', '/auth/logout');
    expect((await signedOut).code).toBe('signed_out');
  });
});
