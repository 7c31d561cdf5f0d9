import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { users } from '../../db/schema';
import { type AuthServer, type Reply, browser, startAuthServer } from '../../test/support/authTestSupport';
import { LOGIN_LIMITS } from './loginThrottle';

const LOCK_SECONDS = LOGIN_LIMITS.lockout.forMs / 1000;

function expectRefusal(reply: Reply, status: number, code: string) {
  expect(reply.status, JSON.stringify(reply.json)).toBe(status);
  expect(reply.json.error.code).toBe(code);
  return reply.json.error.message as string;
}

describe('login throttling and lockout', () => {
  let server: AuthServer;
  let engineer: { id: string; password: string };
  const login = (username: string, password: string) => browser(server).login(username, password);
  const row = () => server.db.select().from(users).where(eq(users.id, engineer.id)).get()!;

  beforeEach(async () => {
    server = await startAuthServer();
    engineer = await server.addUser({ username: 'li.na', role: 'engineer', engineerId: 'e-002' });
  });
  afterEach(() => server.close());

  it('gives a wrong password and an unknown username the same 401, and a disabled account too', async () => {
    const wrongPassword = await login('li.na', 'not the password');
    const unknownUser = await login('nobody.here', 'not the password');
    expect(expectRefusal(wrongPassword, 401, 'invalid_credentials')).toBe('Wrong username or password.');
    expect(unknownUser.json.error).toEqual(wrongPassword.json.error);
    expect(unknownUser.headers.get('set-cookie')).toBeNull();

    const admin = await server.addUser({ username: 'root', role: 'admin' });
    const adminBrowser = await browser(server).signIn('root', admin.password);
    expect((await adminBrowser.send('PATCH', `/users/${engineer.id}`, { disabled: true })).status).toBe(200);
    expect((await login('li.na', engineer.password)).json.error).toEqual(wrongPassword.json.error);
  });

  it('refuses a body that is not a username and password with the field and reason', async () => {
    const reply = await browser(server).send('POST', '/auth/login', { username: 'li.na', password: 42, remember: true });
    expectRefusal(reply, 400, 'invalid_request');
    expect(reply.json.error.issues).toEqual([
      { path: 'password', message: expect.stringContaining('expected string') },
      { path: '', message: expect.stringContaining('remember') },
    ]);
  });

  it('locks the account after 5 consecutive failures, even against the right password, until the lock runs out', async () => {
    for (let attempt = 1; attempt <= 4; attempt += 1) expectRefusal(await login('li.na', `guess number ${attempt}`), 401, 'invalid_credentials');
    expect(row().failedLogins).toBe(4);
    expectRefusal(await login('li.na', 'guess number 5'), 401, 'invalid_credentials');
    expect(row().lockedUntil).toBe(server.clock.now() + LOGIN_LIMITS.lockout.forMs);

    const locked = await login('li.na', engineer.password);
    expect(expectRefusal(locked, 423, 'locked')).toBe('Too many failed sign-ins: this account is locked for 15 minutes, or until an admin resets its password.');
    expect(locked.headers.get('retry-after')).toBe(String(LOCK_SECONDS));

    server.clock.advance(LOGIN_LIMITS.lockout.forMs - 60_000);
    const stillLocked = await login('li.na', engineer.password);
    expectRefusal(stillLocked, 423, 'locked');
    expect(stillLocked.headers.get('retry-after')).toBe('60');

    server.clock.advance(60_000);
    expect((await login('li.na', engineer.password)).status).toBe(200);
    expect(row()).toMatchObject({ failedLogins: 0, lockedUntil: null });
  });

  it('counts only consecutive failures: a success in between starts the count again', async () => {
    for (let attempt = 1; attempt <= 4; attempt += 1) await login('li.na', `guess number ${attempt}`);
    expect((await login('li.na', engineer.password)).status).toBe(200);
    for (let attempt = 1; attempt <= 4; attempt += 1) await login('li.na', `guess number ${attempt}`);
    expect((await login('li.na', engineer.password)).status).toBe(200);
  });

  it('locks an unknown username the same way, so a 423 does not reveal which usernames exist', async () => {
    for (let attempt = 1; attempt <= 5; attempt += 1) expectRefusal(await login('ghost', `guess number ${attempt}`), 401, 'invalid_credentials');
    const locked = await login('ghost', 'guess number 6');
    const real = await Promise.all([1, 2, 3, 4, 5].map((attempt) => login('li.na', `guess number ${attempt}`))).then(() => login('li.na', 'guess number 6'));
    expect(locked.json.error).toEqual(real.json.error);
    expect(locked.headers.get('retry-after')).toBe(real.headers.get('retry-after'));
  });

  it('lifts a lockout when an admin resets the password', async () => {
    for (let attempt = 1; attempt <= 5; attempt += 1) await login('li.na', `guess number ${attempt}`);
    const admin = await server.addUser({ username: 'root', role: 'admin' });
    const adminBrowser = await browser(server).signIn('root', admin.password);
    const reset = await adminBrowser.send('POST', `/users/${engineer.id}/reset-password`);
    expect((await login('li.na', reset.json.oneTimePassword)).status).toBe(200);
  });

  it('rate-limits failed attempts from one address across usernames with 429 and Retry-After, and frees the window as it slides', async () => {
    const perIp = LOGIN_LIMITS.perIp.attempts;
    // Spread over usernames so no one account locks; a success in the middle gives its slot back.
    for (let attempt = 1; attempt < perIp; attempt += 1) expectRefusal(await login(`sprayed-${attempt}`, 'Summer2026!'), 401, 'invalid_credentials');
    expect((await login('li.na', engineer.password)).status).toBe(200);
    server.clock.advance(60_000);
    expectRefusal(await login(`sprayed-${perIp}`, 'Summer2026!'), 401, 'invalid_credentials');

    const limited = await login('li.na', engineer.password);
    expect(expectRefusal(limited, 429, 'too_many_attempts')).toBe('Too many sign-in attempts; try again in 14 minutes.');
    expect(limited.headers.get('retry-after')).toBe(String((LOGIN_LIMITS.perIp.windowMs - 60_000) / 1000));

    // The first attempts leave the window first.
    server.clock.advance(LOGIN_LIMITS.perIp.windowMs - 60_000);
    expect((await login('li.na', engineer.password)).status).toBe(200);
  });

  it('keeps its windows and the lockouts of unknown usernames across a restart', async () => {
    for (let attempt = 1; attempt <= 5; attempt += 1) expectRefusal(await login('ghost', `guess number ${attempt}`), 401, 'invalid_credentials');
    const perIp = LOGIN_LIMITS.perIp.attempts;
    for (let attempt = 6; attempt < perIp; attempt += 1) expectRefusal(await login(`sprayed-${attempt}`, 'Summer2026!'), 401, 'invalid_credentials');
    server = await server.restart();

    // The unknown username stays locked like a real account, and the address's window stays full.
    expectRefusal(await login('ghost', 'guess number 6'), 423, 'locked');
    const limited = await login('li.na', engineer.password);
    expectRefusal(limited, 429, 'too_many_attempts');
    expect(limited.headers.get('retry-after')).toBe(String(LOGIN_LIMITS.perIp.windowMs / 1000));
    server.clock.advance(LOGIN_LIMITS.perIp.windowMs);
    expect((await login('li.na', engineer.password)).status).toBe(200);
  });

  it('keeps an account locked across a restart', async () => {
    for (let attempt = 1; attempt <= 5; attempt += 1) await login('li.na', `guess number ${attempt}`);
    server = await server.restart();
    expectRefusal(await login('li.na', engineer.password), 423, 'locked');
  });

  it('rate-limits one username after its window fills, whatever the lock says', async () => {
    const perUsername = LOGIN_LIMITS.perUsername.attempts;
    const replies: Reply[] = [];
    for (let attempt = 1; attempt <= perUsername + 1; attempt += 1) replies.push(await login('li.na', `guess number ${attempt}`));
    expect(replies.map((reply) => reply.status)).toEqual([401, 401, 401, 401, 401, 423, 423, 423, 423, 423, 429]);
  });
});
