import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN_VIEWPORTS, adminBrowserSuite } from '../support/adminScreenshots';
import { STORED_IDS } from '../support/auditInBrowser';
import { UI } from '../support/browser';
import { SCREENSHOT_DIR, newSignedInContext } from '../support/signedInBrowser';
import { type TestServer, call, signInAs } from '../support/testServer';

/** Every admin page with what shows it has drawn its content. */
const PAGES = [
  { name: 'users', path: '/admin/users', ready: '[data-testid^="user-row-"]' },
  { name: 'displays', path: '/admin/displays', ready: '[data-testid="display-row"]' },
  { name: 'tokens', path: '/admin/tokens', ready: '[data-token]' },
  { name: 'policies', path: '/admin/policies', ready: '[data-testid="policy-diff"]' },
  { name: 'calendars', path: '/admin/calendars', ready: '[data-testid="calendar-month-title"]' },
  { name: 'audit', path: '/admin/audit', ready: '[data-testid="audit-diff"]' },
  { name: 'settings', path: '/settings', ready: '[data-testid="setting-landing"]' },
] as const;

/** A message key the page failed to translate reads as its dotted path. */
const RAW_KEY = /\b(admin|accounts|alerts|settings|wall|roles)\.[a-zA-Z_]+\.[a-zA-Z_]/;

async function seed(server: TestServer): Promise<void> {
  const answers = await Promise.all([
    call(server, 'POST', '/api/v1/users', { username: 'zhao.east', displayName: '赵东', role: 'supervisor', grants: [{ kind: 'region', id: 'east' }], engineerId: null }),
    call(server, 'POST', '/api/v1/displays', { name: '华东大厅', scope: 'region:east', board: 'network:30,breach:20' }),
    call(server, 'POST', '/api/v1/ingest-tokens', { source: 'crm-east', centerIds: ['sh-01'], eventTypes: ['ticket.created'], ratePerMinute: 120 }),
  ]);
  for (const answer of answers) expect(answer.status, answer.text).toBe(201);
  const policies = await call(server, 'GET', '/api/v1/sla/policies');
  policies.json.policies[0].match.ticketTypes = ['repair'];
  const saved = await call(server, 'PUT', '/api/v1/sla/policies', { policies: policies.json.policies, note: 'repairs only', basedOnVersion: policies.json.version });
  expect(saved.status, saved.text).toBe(200);
}

/** Opens each admin page, shoots it at every admin size, and reports what reads wrong: overflow, raw keys, stored ids. */
async function walk(page: Page, serverUrl: string, locale: string): Promise<string[]> {
  const problems: string[] = [];
  for (const { name, path, ready } of PAGES) {
    await page.setViewportSize(ADMIN_VIEWPORTS[0]!);
    await page.goto(`${serverUrl}${path}`);
    if (name === 'audit') await page.locator('[data-action="ingest_token.create"] button').first().click();
    if (name === 'policies') await page.getByTestId('policy-edit').first().click();
    await page.locator(ready).first().waitFor(UI);
    for (const viewport of ADMIN_VIEWPORTS) {
      await page.setViewportSize(viewport);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (overflow > 0) problems.push(`${name} ${viewport.width}: ${overflow}px wider than the window`);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/walk-${name}-${locale}-${viewport.width}x${viewport.height}.png`, fullPage: true });
    }
    const text = await page.locator('main, [data-testid$="-page"]').first().innerText();
    const raw = RAW_KEY.exec(text);
    if (raw) problems.push(`${name}: untranslated ${raw[0]}`);
    const id = STORED_IDS.exec(text);
    if (id) problems.push(`${name}: stored id ${id[0]}`);
  }
  return problems;
}

for (const locale of ['zh-CN', 'en'] as const) {
  describe(`every admin page in ${locale}`, () => {
    const suite = adminBrowserSuite(locale);

    it('reads without overflow, raw message keys or stored ids at 1366, 1440 and 1920 wide', async () => {
      await seed(suite.server);
      expect(await walk(suite.page, suite.server.url, locale)).toEqual([]);
      expect(suite.pageErrors).toEqual([]);
    }, 240_000);

    it('shows a manager the SLA policies and calendars read-only, in words', async () => {
      const manager = await signInAs(suite.server, { username: 'm-walk', role: 'manager' });
      const context = await newSignedInContext(suite.browser, suite.server, manager, locale);
      await context.addInitScript((chosen) => window.localStorage.setItem('service-ops.locale', chosen), locale);
      try {
        const page = await context.newPage();
        for (const [name, ready] of [['policies', '[data-testid="policy-diff"]'], ['calendars', '[data-testid="calendar-month-title"]']] as const) {
          await page.setViewportSize(ADMIN_VIEWPORTS[0]!);
          await page.goto(`${suite.server.url}/admin/${name}`);
          await page.locator(ready).waitFor(UI);
          expect(await page.locator('main').first().innerText()).toMatch(locale === 'en' ? /Read only/ : /只读/);
          expect(await page.getByTestId('policy-edit').count()).toBe(0);
          await page.screenshot({ path: `${SCREENSHOT_DIR}/walk-${name}-manager-${locale}-1366x768.png`, fullPage: true });
        }
      } finally {
        await context.close();
      }
    }, 120_000);
  });
}
