import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sessions } from '../../db/schema';
import { type AuthServer, browser, startAuthServer } from '../../test/support/authTestSupport';
import { SESSION_COOKIE, SESSION_POLICY, sessionIdHash } from './sessions';

describe('cookie sessions', () => {
  let server: AuthServer;
  let supervisor: { id: string; password: string };
  beforeEach(async () => {
    server = await startAuthServer();
    supervisor = await server.addUser({ username: 'zhang.sup', displayName: '张主管', role: 'supervisor', grants: [{ kind: 'region', id: 'east' }, { kind: 'center', id: 'urc-01' }] });
  });
  afterEach(() => server.close());

  it('sets an httpOnly, SameSite=Lax cookie for one shift on sign-in and answers the user and a CSRF token', async () => {
    const client = browser(server);
    const reply = await client.login('Zhang.Sup ', supervisor.password);

    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({
      user: { id: supervisor.id, username: 'zhang.sup', displayName: '张主管', role: 'supervisor', scope: { kind: 'grants', regionIds: ['east'], centerIds: ['urc-01'] }, mustChangePassword: false, preferences: {} },
      csrfToken: expect.stringMatching(/^[\w-]{43}$/),
    });
    const setCookie = reply.headers.get('set-cookie')!;
    expect(setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[\\w-]{43}; Max-Age=43200; Path=/; Expires=[^;]+; HttpOnly; SameSite=Lax$`));
    expect(reply.headers.get('cache-control')).toBe('no-store');

    const me = await client.send('GET', '/auth/me');
    expect(me.status).toBe(200);
    expect(me.json).toEqual(reply.json);
  });

  it('keeps only the SHA-256 of the cookie value', async () => {
    const client = await browser(server).signIn('zhang.sup', supervisor.password);
    const value = client.cookie!.slice(`${SESSION_COOKIE}=`.length);
    const rows = server.db.select().from(sessions).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.idHash).toBe(sessionIdHash(value));
    expect(JSON.stringify(rows)).not.toContain(value);
  });

  it('marks the cookie Secure when told to', async () => {
    const secured = await startAuthServer({ secureCookies: 'always' });
    try {
      const admin = await secured.addUser({ username: 'admin', role: 'admin' });
      const reply = await browser(secured).login('admin', admin.password);
      expect(reply.headers.get('set-cookie')).toMatch(/; HttpOnly; Secure; SameSite=Lax$/);
    } finally {
      await secured.close();
    }
  });

  it('refuses a state-changing request without the CSRF token or with another one, and allows it with its own', async () => {
    const client = await browser(server).signIn('zhang.sup', supervisor.password);
    const other = await browser(server).signIn('zhang.sup', supervisor.password);

    const without = await client.send('POST', '/probe', {}, { 'x-csrf-token': '' });
    expect(without.status).toBe(403);
    expect(without.json.error.code).toBe('csrf');
    const wrong = await client.send('POST', '/probe', {}, { 'x-csrf-token': other.csrf! });
    expect(wrong.status).toBe(403);
    expect(wrong.json.error.code).toBe('csrf');

    const right = await client.send('POST', '/probe', {});
    expect(right.status).toBe(200);
    expect(right.json).toEqual({ id: supervisor.id, name: 'zhang.sup', role: 'supervisor', scope: { kind: 'grants', regionIds: ['east'], centerIds: ['urc-01'] } });
    // Reads need no token: a plain GET changes nothing.
    expect((await client.send('GET', '/probe', undefined, { 'x-csrf-token': '' })).status).toBe(200);
  });

  it('answers 401 without a session or with a made-up one', async () => {
    expect((await browser(server).send('GET', '/auth/me')).status).toBe(401);
    const forged = await browser(server).send('GET', '/auth/me', undefined, { cookie: `${SESSION_COOKIE}=${'A'.repeat(43)}` });
    expect(forged.status).toBe(401);
    expect(forged.json.error.code).toBe('unauthorized');
  });

  it('ends the session on logout, clearing the cookie, and the old cookie opens nothing', async () => {
    const client = await browser(server).signIn('zhang.sup', supervisor.password);
    const stolenCopy = client.cookie!;
    const bystander = await browser(server).signIn('zhang.sup', supervisor.password);

    const logout = await client.send('POST', '/auth/logout');
    expect(logout.status).toBe(204);
    expect(logout.headers.get('set-cookie')).toMatch(new RegExp(`^${SESSION_COOKIE}=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax$`));
    expect(client.cookie).toBeNull();
    expect((await browser(server).send('GET', '/auth/me', undefined, { cookie: stolenCopy })).status).toBe(401);
    // Signing out one browser leaves the user's others signed in.
    expect((await bystander.send('GET', '/auth/me')).status).toBe(200);
  });

  it('needs the CSRF token to log out, so another site cannot sign the user out', async () => {
    const client = await browser(server).signIn('zhang.sup', supervisor.password);
    expect((await client.send('POST', '/auth/logout', undefined, { 'x-csrf-token': 'nope' })).status).toBe(403);
    expect((await client.send('GET', '/auth/me')).status).toBe(200);
  });

  it('expires after the idle timeout, and activity within it keeps the session alive', async () => {
    const client = await browser(server).signIn('zhang.sup', supervisor.password);
    server.clock.advance(SESSION_POLICY.idleMs - 60_000);
    expect((await client.send('GET', '/auth/me')).status).toBe(200);
    server.clock.advance(SESSION_POLICY.idleMs - 60_000);
    expect((await client.send('GET', '/auth/me')).status).toBe(200);
    server.clock.advance(SESSION_POLICY.idleMs);
    expect((await client.send('GET', '/auth/me')).status).toBe(401);
  });

  it('expires a busy session at its absolute limit', async () => {
    const client = await browser(server).signIn('zhang.sup', supervisor.password);
    for (let elapsed = 0; elapsed < SESSION_POLICY.absoluteMs - 60 * 60_000; elapsed += 60 * 60_000) {
      server.clock.advance(60 * 60_000);
      expect((await client.send('GET', '/auth/me')).status).toBe(200);
    }
    server.clock.advance(60 * 60_000);
    expect((await client.send('GET', '/auth/me')).status).toBe(401);
  });

  it('writes lastSeenAt at most once a minute', async () => {
    const client = await browser(server).signIn('zhang.sup', supervisor.password);
    const lastSeen = () => server.db.select({ at: sessions.lastSeenAt }).from(sessions).where(eq(sessions.userId, supervisor.id)).get()!.at;
    const signedInAt = server.clock.now();

    server.clock.advance(59_000);
    await client.send('GET', '/auth/me');
    expect(lastSeen()).toBe(signedInAt);
    server.clock.advance(1_000);
    await client.send('GET', '/auth/me');
    expect(lastSeen()).toBe(signedInAt + 60_000);
  });

  it('sees grant changes on the next request, without signing in again', async () => {
    const admin = await server.addUser({ username: 'root', role: 'admin' });
    const adminBrowser = await browser(server).signIn('root', admin.password);
    const client = await browser(server).signIn('zhang.sup', supervisor.password);

    expect((await adminBrowser.send('PATCH', `/users/${supervisor.id}`, { grants: [{ kind: 'center', id: 'sh-02' }] })).status).toBe(200);
    expect((await client.send('GET', '/probe')).json.scope).toEqual({ kind: 'grants', regionIds: [], centerIds: ['sh-02'] });
  });
});
