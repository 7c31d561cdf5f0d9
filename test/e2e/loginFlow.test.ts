import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { UserCreation } from '../../shared/auth/userSchemas';
import { principalForRole } from '../../server/auth/principal';
import { createUserService } from '../../server/auth/userService';
import { systemClock } from '../../server/clock';
import { SHUTDOWN_REASON } from '../../server/shutdown';
import { UI, collectPageErrors, launchBrowser, newWallContext, textOf } from '../support/browser';
import { postEvents } from '../support/api';
import { createdEvent, loadSmallNetwork } from '../support/smallNetwork';
import { type TestServer, call, startTestServer } from '../support/testServer';

const COUNTER = 'counter-open';
/** A paired screen shows the wall, whose backlog figure is the desk counter's counterpart. */
const WALL_COUNTER = 'wall-figure-backlog_open';
/** Lockout follows this many consecutive failures (LOGIN_LIMITS on the server). */
const FAILURES_BEFORE_LOCKOUT = 5;
/** Whoever creates the test's users, as the audit log records them. */
const SETUP = { actor: principalForRole({ kind: 'user', id: 'test-setup', name: 'test-setup', role: 'admin', scope: { kind: 'all' } }) };

type NewUser = Pick<UserCreation, 'username' | 'role'> & Partial<UserCreation>;

/** A user whose password the test knows, made by the same service as the user admin API and CLI. */
async function addUser(server: TestServer, input: NewUser, mustChangePassword = false): Promise<{ id: string; password: string }> {
  const users = createUserService({ db: server.db, clock: systemClock, audit: () => {} });
  const { user, oneTimePassword } = await users.create({ grants: [], engineerId: null, ...input }, SETUP, { mustChangePassword });
  return { id: user.id, password: oneTimePassword };
}

/** What the admin at another desk does, through the API as the test server's signed-in admin. */
async function asAdmin(server: TestServer, path: string, body: unknown = {}) {
  const response = await call(server, 'POST', `/api/v1${path}`, body);
  expect(response.status, `${path}: ${response.text}`).toBeLessThan(300);
  return response.json;
}

function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

/** Types like a person at a keyboard: no clicks, Tab between fields, Enter to send. */
async function signInByKeyboard(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('sign-in-username').waitFor();
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
}

/** A 401 from /auth/me is how a signed-out browser learns it is signed out; Chromium logs each one. */
function unexpectedErrors(errors: string[]): string[] {
  return errors.filter((error) => !/status of 401/.test(error));
}

describe('sign-in and wall screens in a real browser', () => {
  let browser: Browser;
  let server: TestServer;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    server = await startTestServer({ serveClient: true, pushIntervalMs: 100 });
    await loadSmallNetwork(server);
    context = await newWallContext(browser);
    page = await context.newPage();
    pageErrors = collectPageErrors(page);
  });
  afterEach(async () => {
    await context?.close();
    await server?.close();
  });

  it('sends a signed-out browser to sign in, says a wrong password plainly, then goes back to the board live', async () => {
    const { password } = await addUser(server, { username: 'wang.manager', displayName: '王经理', role: 'manager' });
    await page.goto(`${server.url}/?region=east`);
    await page.getByTestId('sign-in-form').waitFor();
    expect(pathOf(page)).toBe('/login');
    expect(await page.getByTestId('access-token-prompt').isVisible()).toBe(true);

    await signInByKeyboard(page, 'wang.manager', 'not-the-password');
    await expect.poll(() => page.getByTestId('failure-notice').getAttribute('data-failure'), UI).toBe('wrongCredentials');
    expect(await textOf(page, 'failure-notice')).toBe('用户名或密码不正确。');
    // The cursor is back in the emptied password field, ready for the retype.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('sign-in-password');
    expect(await page.getByTestId('sign-in-password').inputValue()).toBe('');

    await page.keyboard.type(password);
    await page.keyboard.press('Enter');
    await expect.poll(() => textOf(page, COUNTER), UI).toBe('0');
    expect(new URL(page.url()).search).toBe('?region=east');
    expect(pathOf(page)).toBe('/');
    expect(await textOf(page, 'user-name')).toBe('王经理');
    expect(await textOf(page, 'user-role')).toBe('经理');
    expect(await page.getByTestId('feed-status').getAttribute('data-status')).toBe('live');
    // The CSRF token lives in memory only.
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toMatch(/csrf/i);

    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in-form').waitFor();
    expect(pathOf(page)).toBe('/login');
    await page.goto(server.url);
    await page.getByTestId('sign-in-form').waitFor();
    expect(unexpectedErrors(pageErrors)).toEqual([]);
  });

  it('holds a user with a one-time password on the change-password step until they set their own', async () => {
    const { password: oneTime } = await addUser(server, { username: 'chen.manager', displayName: '陈经理', role: 'manager' }, true);
    await page.goto(server.url);
    await signInByKeyboard(page, 'chen.manager', oneTime);
    await page.getByTestId('change-password-form').waitFor();
    await page.goto(server.url);
    await page.getByTestId('change-password-form').waitFor();

    // The one-time password was typed a moment ago: only the new one is asked for, twice.
    expect(await page.getByTestId('current-password').count()).toBe(0);
    await page.getByTestId('new-password').fill('east-region-wall-2026');
    await page.getByTestId('confirm-password').fill('east-region-wall-2027');
    await page.getByTestId('password-mismatch').waitFor();
    expect(await page.getByTestId('change-password-submit').isDisabled()).toBe(true);
    await page.getByTestId('confirm-password').fill('east-region-wall-2026');
    await page.getByTestId('confirm-password').press('Enter');

    await expect.poll(() => textOf(page, COUNTER), UI).toBe('0');
    expect(await textOf(page, 'user-name')).toBe('陈经理');
    expect(unexpectedErrors(pageErrors)).toEqual([]);
  });

  it('lands a supervisor on the drill-down of their region, counting only its tickets, with its board a click away, and an engineer on their own page', async () => {
    await postEvents(server, [createdEvent('T-EAST', new Date().toISOString()), createdEvent('T-WEST', new Date().toISOString(), { centerId: 'urc-01', engineerId: 'e-003' })]);
    const { password } = await addUser(server, { username: 'li.supervisor', displayName: '李主管', role: 'supervisor', grants: [{ kind: 'region', id: 'east' }] });
    await page.goto(server.url);
    await signInByKeyboard(page, 'li.supervisor', password);
    await page.waitForURL(/\/explore\/region:east$/, UI);
    await expect.poll(() => textOf(page, 'explore-scope-name'), UI).toBe('华东');
    await expect.poll(() => textOf(page, 'kpi-backlog_open'), UI).toBe('1');
    expect(await textOf(page, 'user-name')).toBe('李主管');
    await page.getByTestId('nav-overview').click();
    await expect.poll(() => textOf(page, COUNTER), UI).toBe('1');

    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in-form').waitFor();
    const engineer = await addUser(server, { username: 'zhou.engineer', displayName: '周工', role: 'engineer', engineerId: 'e-001' });
    await signInByKeyboard(page, 'zhou.engineer', engineer.password);
    await page.waitForURL(/\/me$/, UI);
    await page.getByTestId('my-tickets').waitFor(UI);
    expect(await page.getByTestId('counter-open').count()).toBe(0);
    // A board's address is no refusal for an engineer: it leads to their own page.
    await page.goto(`${server.url}/sla`);
    await page.waitForURL(/\/me$/, UI);
  });

  it('goes to the login page, saying why, when an admin ends the session', async () => {
    const { id, password } = await addUser(server, { username: 'wang.manager', role: 'manager' });
    await page.goto(server.url);
    await signInByKeyboard(page, 'wang.manager', password);
    await expect.poll(() => textOf(page, COUNTER), UI).toBe('0');

    await asAdmin(server, `/users/${id}/revoke-sessions`);
    await page.getByTestId('session-expired').waitFor();
    expect(pathOf(page)).toBe('/login');
    expect(await page.getByTestId('sign-in-form').isVisible()).toBe(true);
  });

  it('says in English when a locked account may try again', async () => {
    await addUser(server, { username: 'zhao.engineer', role: 'engineer', engineerId: 'e-001' });
    const english = await newWallContext(browser, 'en');
    await english.addInitScript(() => localStorage.setItem('service-ops.locale', 'en'));
    const enPage = await english.newPage();
    await enPage.goto(server.url);
    await enPage.getByTestId('sign-in-username').fill('zhao.engineer');
    for (let attempt = 1; attempt <= FAILURES_BEFORE_LOCKOUT; attempt++) {
      await enPage.getByTestId('sign-in-password').fill(`wrong-${attempt}`);
      await enPage.getByTestId('sign-in-password').press('Enter');
      await expect.poll(() => enPage.getByTestId('sign-in-submit').isEnabled(), UI).toBe(true);
    }
    await enPage.getByTestId('sign-in-password').fill('wrong-again');
    await enPage.getByTestId('sign-in-password').press('Enter');
    await expect.poll(() => enPage.getByTestId('failure-notice').getAttribute('data-failure'), UI).toBe('locked');
    expect(await textOf(enPage, 'failure-notice')).toMatch(/^Too many failed sign-ins: the account is locked\. Please try again after \d\d:\d\d:\d\d\.$/);
    await english.close();
  });

  it('pairs a wall screen from its one-time link, and shows the unpaired notice, never the login page, once revoked', async () => {
    const created = await asAdmin(server, '/displays', { name: '上海浦东大厅', scope: 'network', board: 'network' });

    await page.goto(`${server.url}${created.pairing.path}`);
    await expect.poll(() => textOf(page, WALL_COUNTER), UI).toBe('0');
    expect(pathOf(page)).toBe('/wall');
    expect(await page.getByTestId('user-menu').count()).toBe(0);

    await asAdmin(server, `/displays/${created.display.id}/revoke`);
    await page.getByTestId('unpaired-notice').waitFor();
    expect(await textOf(page, 'unpaired-notice')).toContain('此屏幕已解除配对');
    expect(await page.getByTestId('sign-in-form').count()).toBe(0);

    // A TV that reboots comes back to the same notice, not to a login page.
    await page.reload();
    await page.getByTestId('unpaired-notice').waitFor();
    expect(pathOf(page)).toBe('/wall');
    expect(await page.getByTestId('sign-in-form').count()).toBe(0);
  });

  it('brings an unpaired screen back to the board with a code typed on the notice', async () => {
    const created = await asAdmin(server, '/displays', { name: '华东大屏', scope: 'network', board: 'network' });
    await page.goto(`${server.url}/pair`);
    await page.getByTestId('pairing-code-input').fill(created.pairing.code.toLowerCase());
    await page.keyboard.press('Enter');
    await expect.poll(() => textOf(page, WALL_COUNTER), UI).toBe('0');

    await asAdmin(server, `/displays/${created.display.id}/revoke`);
    await page.getByTestId('unpaired-notice').waitFor();
    // Revocation is final: the screen gets a new display, typed in on the notice itself.
    const replacement = await asAdmin(server, '/displays', { name: '华东大屏（新）', scope: 'network', board: 'network' });
    await page.getByTestId('pairing-code-input').fill(replacement.pairing.code);
    await page.getByTestId('pairing-submit').click();
    await expect.poll(() => page.getByTestId('wall-updated').getAttribute('data-status'), UI).toBe('live');
    expect(await page.getByTestId('unpaired-notice').count()).toBe(0);
    expect(unexpectedErrors(pageErrors)).toEqual([]);
  });

  it('shows a server restart as reconnecting, then live again, on a signed-in page', async () => {
    const { password } = await addUser(server, { username: 'wang.manager', role: 'manager' });
    await page.goto(server.url);
    await signInByKeyboard(page, 'wang.manager', password);
    await expect.poll(() => page.getByTestId('feed-status').getAttribute('data-status'), UI).toBe('live');

    // What the graceful shutdown does to every socket, short of exiting.
    server.application.io.emit('server:shutdown', SHUTDOWN_REASON);
    server.application.io.disconnectSockets(true);
    await expect.poll(() => page.getByTestId('feed-status').getAttribute('data-status'), UI).toBe('reconnecting');
    expect(pathOf(page)).toBe('/');
    await expect.poll(() => page.getByTestId('feed-status').getAttribute('data-status'), UI).toBe('live');
    expect(await page.getByTestId('sign-in-form').count()).toBe(0);
  });
});
