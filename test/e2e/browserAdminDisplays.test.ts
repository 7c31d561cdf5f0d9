import type { BrowserContext } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { adminBrowserSuite, shootAdminPage } from '../support/adminScreenshots';
import { STORED_IDS, newestAuditEntry } from '../support/auditInBrowser';
import { UI, newWallContext } from '../support/browser';

describe('wall screens administered in a real browser', () => {
  const suite = adminBrowserSuite('en');
  let wall: BrowserContext | undefined;
  afterEach(async () => {
    await wall?.close();
  });

  it('creates a display, pairs a screen from the shown code, changes its board live, and revokes it', async () => {
    const { page, server, pageErrors } = suite;
    wall = await newWallContext(suite.browser);
    const screen = await wall.newPage();
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

    const created = await newestAuditEntry(page, server.url, 'display.create');
    expect(created.line).toMatch(/Created a wall screen\s*Wall screen · East hall/);
    expect(created.diff).toContain('华东');
    expect(created.diff).toContain('Network overview for 30 s → Breach board for 20 s');
    const changed = await newestAuditEntry(page, server.url, 'display.update');
    expect(changed.diff).toContain('Breach board');
    expect((await newestAuditEntry(page, server.url, 'display.revoke')).line).toContain('East hall breaches');
    for (const entry of [created, changed]) expect(`${entry.line} ${entry.diff}`).not.toMatch(STORED_IDS);
    expect(pageErrors).toEqual([]);
  });
});
