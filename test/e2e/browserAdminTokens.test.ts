import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { shootAdminPage } from '../support/adminScreenshots';
import { UI, collectPageErrors, launchBrowser } from '../support/browser';
import { SCREENSHOT_DIR, newSignedInContext } from '../support/signedInBrowser';
import { createdEvent, loadSmallNetwork } from '../support/smallNetwork';
import { type TestServer, startTestServer } from '../support/testServer';

describe('ingest tokens administered in a real browser', () => {
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
    admin = await newSignedInContext(browser, server, server.admin, 'zh-CN');
    page = await admin.newPage();
    pageErrors = collectPageErrors(page);
    page.on('dialog', (dialog) => void dialog.accept());
  });
  afterEach(async () => {
    await admin?.close();
    await server?.close();
  });

  const post = (token: string, events: unknown[]) =>
    fetch(`${server.url}/api/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ events }) });

  it('creates a token shown once with its grant, and counts the events posted with it, accepted and rejected with the reason', async () => {
    await page.goto(`${server.url}/admin/tokens`);
    await page.getByTestId('token-new').click();
    await page.getByTestId('token-source').fill('crm-east');
    await page.getByTestId('grant-center-上海浦东服务中心').check();
    await page.getByTestId('token-rate').fill('120');
    await page.getByTestId('token-save').click();
    const token = (await page.getByTestId('secret-value').textContent())!.trim();
    expect(token).toMatch(/^ing_/);
    const row = page.locator('[data-token="crm-east"]');
    expect(await row.textContent()).toContain('上海浦东服务中心');
    expect(await row.getByTestId('token-last-used').textContent()).toBe('从未使用');

    const answer = await post(token, [createdEvent('T-E1', '2026-11-23T09:15:00+08:00'), createdEvent('T-E2', '2026-11-23T09:15:00+08:00', { centerId: 'urc-01' })]);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ accepted: 1 });

    await page.getByTestId('secret-close').click();
    await page.reload();
    await expect.poll(() => row.getByTestId('token-accepted').textContent(), UI).toBe('接收 1');
    expect(await row.getByTestId('token-rejected').textContent()).toBe('拒收 1');
    await row.locator('summary').click();
    expect(await row.locator('li').first().textContent()).toContain('urc-01');
    expect(await row.getByTestId('token-last-used').textContent()).not.toBe('从未使用');
    await shootAdminPage(page, 'admin-tokens');

    await row.getByTestId('token-rotate').click();
    const rotated = (await page.getByTestId('secret-value').textContent())!.trim();
    expect(rotated).not.toBe(token);
    expect((await post(token, [createdEvent('T-E3', '2026-11-23T09:15:00+08:00')])).status).toBe(401);
    expect(pageErrors).toEqual([]);
  });
});
