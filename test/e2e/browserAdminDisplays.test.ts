import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { shootAdminPage } from '../support/adminScreenshots';
import { UI, collectPageErrors, launchBrowser, newWallContext } from '../support/browser';
import { SCREENSHOT_DIR, newSignedInContext } from '../support/signedInBrowser';
import { loadSmallNetwork } from '../support/smallNetwork';
import { type TestServer, startTestServer } from '../support/testServer';

describe('wall screens administered in a real browser', () => {
  let browser: Browser;
  let server: TestServer;
  let admin: BrowserContext;
  let wall: BrowserContext;
  let page: Page;
  let screen: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    browser = await launchBrowser();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    server = await startTestServer({ serveClient: true, pushIntervalMs: 100 });
    await loadSmallNetwork(server);
    admin = await newSignedInContext(browser, server, server.admin, 'en');
    await admin.addInitScript(() => window.localStorage.setItem('service-ops.locale', 'en'));
    wall = await newWallContext(browser);
    page = await admin.newPage();
    screen = await wall.newPage();
    pageErrors = collectPageErrors(page);
    page.on('dialog', (dialog) => void dialog.accept());
  });
  afterEach(async () => {
    await admin?.close();
    await wall?.close();
    await server?.close();
  });

  it('creates a display, pairs a screen from the shown code, changes its board live, and revokes it', async () => {
    await page.goto(`${server.url}/admin/displays`);
    await page.getByTestId('display-new').click();
    await page.getByTestId('display-name').fill('East hall');
    await page.getByTestId('scope-level-0').selectOption({ label: '华东 ›' });
    await page.getByTestId('playlist-add').click();
    await page.getByTestId('playlist-seconds').nth(1).fill('20');
    await page.getByTestId('display-save').click();

    const code = (await page.getByTestId('pairing-code').textContent())!.trim();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await expect.poll(() => page.getByTestId('pairing-qr').locator('svg').count(), UI).toBe(1);
    expect(await page.getByTestId('pairing-link').textContent()).toBe(`${server.url}/pair/${code.replace('-', '')}`);
    const row = page.locator('[data-display="East hall"]');
    await expect.poll(() => row.textContent(), UI).toContain('华东');
    expect(await row.textContent()).toContain('Network overview for 30 s → Breach board for 20 s');
    await shootAdminPage(page, 'admin-displays-pairing');

    await screen.goto(`${server.url}/pair`);
    await screen.getByTestId('pairing-code-input').fill(code);
    await screen.getByTestId('pairing-submit').click();
    await expect.poll(() => screen.getByTestId('wall').getAttribute('data-board'), UI).toBe('network');
    await expect.poll(() => row.getByTestId('display-status').getAttribute('data-online'), UI).toBe('true');

    await page.getByTestId('pairing-close').click();
    await row.getByTestId('display-edit').click();
    const form = page.getByTestId('display-form');
    await form.getByTestId('display-name').fill('East hall breaches');
    await form.getByTestId('playlist-remove').first().click();
    await form.getByTestId('display-save').click();
    await expect.poll(() => screen.getByTestId('wall').getAttribute('data-board'), UI).toBe('breach');
    await page.locator('[data-display="East hall breaches"]').waitFor(UI);
    await shootAdminPage(page, 'admin-displays');

    await page.locator('[data-display="East hall breaches"]').getByTestId('display-revoke').click();
    await screen.getByTestId('unpaired-notice').waitFor(UI);
    await expect.poll(() => page.getByTestId('displays-table').locator('[data-testid="display-row"]').count(), UI).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
