import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { shootAdminPage } from '../support/adminScreenshots';
import { UI, collectPageErrors, launchBrowser } from '../support/browser';
import { SCREENSHOT_DIR, newSignedInContext } from '../support/signedInBrowser';
import { loadSmallNetwork } from '../support/smallNetwork';
import { type TestServer, call, startTestServer } from '../support/testServer';

describe('SLA policies administered in a real browser', () => {
  let browser: Browser;
  let server: TestServer;
  let admin: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    browser = await launchBrowser();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    server = await startTestServer({ serveClient: true });
    await loadSmallNetwork(server);
    admin = await newSignedInContext(browser, server, server.admin, 'en');
    await admin.addInitScript(() => window.localStorage.setItem('service-ops.locale', 'en'));
    page = await admin.newPage();
    pageErrors = collectPageErrors(page);
  });
  afterEach(async () => {
    await admin?.close();
    await server?.close();
  });

  it('edits a policy, previews the effect on open tickets, saves, and shows the new version beside the old one', async () => {
    await page.goto(`${server.url}/admin/policies`);
    const first = page.getByTestId('policy-row').first();
    await first.getByTestId('policy-words').waitFor(UI);
    expect(await first.getByTestId('policy-words').textContent()).toMatch(/first response/);
    await first.getByTestId('policy-edit').click();
    await first.getByTestId('target-kind-first_response').selectOption('calendar');
    await first.getByTestId('target-amount-first_response').fill('45');
    await first.getByTestId('target-amount-first_response').press('Tab');
    await expect.poll(() => first.getByTestId('policy-words').textContent(), UI).toContain('first response 45 min');

    await page.getByTestId('policy-preview').click();
    await expect.poll(() => page.getByTestId('policy-preview-result').textContent(), UI).toMatch(/open tickets would have their SLA clocks changed/);
    await page.getByTestId('policy-note').fill('first response 45 min');
    await page.getByTestId('policy-save').click();

    await page.getByTestId('policy-version-2').waitFor(UI);
    expect(await page.getByTestId('policy-version-2').textContent()).toContain('test-admin');
    const changedRow = page.getByTestId('policy-diff').locator('tr[data-changed="true"]');
    await expect.poll(() => changedRow.count(), UI).toBe(1);
    expect(await changedRow.locator('td').nth(1).textContent()).toContain('first response 45 min');
    expect(await changedRow.locator('td').nth(0).textContent()).not.toContain('first response 45 min');
    const inForce = await call(server, 'GET', '/api/v1/sla/policies');
    expect(inForce.json.version).toBe(2);
    await shootAdminPage(page, 'admin-policies');
    expect(pageErrors).toEqual([]);
  });
});
