import { describe, expect, it } from 'vitest';
import { adminBrowserSuite, shootAdminPage } from '../support/adminScreenshots';
import { UI } from '../support/browser';
import { call } from '../support/testServer';

describe('SLA policies administered in a real browser', () => {
  const suite = adminBrowserSuite('en');

  it('edits a policy, previews the effect on open tickets, saves, and shows the new version beside the old one', async () => {
    const { page, server, pageErrors } = suite;
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
