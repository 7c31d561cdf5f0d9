import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { adminBrowserSuite, shootAdminPage } from '../support/adminScreenshots';
import { UI } from '../support/browser';
import { call } from '../support/testServer';

async function previewAndSave(page: Page, note: string, version: number): Promise<void> {
  await page.getByTestId('policy-preview').click();
  await expect.poll(() => page.getByTestId('policy-preview-result').textContent(), UI).toMatch(/open tickets would have their SLA clocks changed/);
  await page.getByTestId('policy-note').fill(note);
  await page.getByTestId('policy-save').click();
  await page.getByTestId(`policy-version-${version}`).waitFor(UI);
}

describe('SLA policies administered in a real browser', () => {
  const suite = adminBrowserSuite('en');

  it('names the built-in calendars and default policies in English on English pages', async () => {
    const { page, server, pageErrors } = suite;
    await page.goto(`${server.url}/admin/policies`);
    await page.getByTestId('policy-row').first().getByTestId('policy-words').waitFor(UI);
    const names = await page.locator('.policies__name').allTextContents();
    expect(names).toEqual(expect.arrayContaining(['Standard service · city', 'Standard service · county', 'Complaints and return visits']));
    expect(await page.getByTestId('policy-row').filter({ hasText: '5×9' }).first().getByTestId('policy-words').textContent()).toContain('5×9 working days 09:00–18:00');
    await page.goto(`${server.url}/admin/calendars`);
    await expect.poll(() => page.getByTestId('calendar-5x9').textContent(), UI).toContain('5×9 working days 09:00–18:00');
    expect(await page.getByTestId('calendar-24x7').textContent()).toContain('7×24 round the clock');
    expect(await page.getByTestId('calendars-page').textContent()).not.toMatch(/工作日 09:00|全天候/);
    expect(pageErrors).toEqual([]);
  });

  it('edits targets, matchers, calendar, warnings and the parts pause with preview; compares any two versions; finds the saves in the audit log by name', async () => {
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
    await previewAndSave(page, 'first response 45 min', 2);
    expect(await page.getByTestId('policy-version-2').textContent()).toContain('test-admin');
    const changedRow = page.getByTestId('policy-diff').locator('tr[data-changed="true"]');
    await expect.poll(() => changedRow.count(), UI).toBe(1);
    expect(await changedRow.locator('td').nth(1).textContent()).toContain('first response 45 min');
    expect(await changedRow.locator('td').nth(0).textContent()).not.toContain('first response 45 min');

    // The matchers and settings that were read-only: ticket type, channel, zone, calendar, warning levels, parts pause.
    await first.getByTestId('policy-edit').click();
    await first.getByTestId('policy-match-ticketTypes').getByLabel('Repair').check();
    await first.getByTestId('policy-match-channels').getByLabel('Hotline').check();
    await first.getByTestId('policy-match-zones').getByLabel('City', { exact: true }).check();
    await first.getByTestId('policy-pause-parts').check();
    const calendars = await first.getByTestId('target-calendar-first_response').locator('option').allTextContents();
    expect(calendars.length).toBeGreaterThan(1);
    await first.getByTestId('target-warn-first_response').fill('90, 50');
    await first.getByTestId('target-warn-first_response').press('Tab');
    await first.getByTestId('policy-issues').waitFor(UI);
    expect(await first.getByTestId('policy-issues').textContent()).toContain('rising');
    expect(await page.getByTestId('policy-preview').isDisabled()).toBe(true);
    await first.getByTestId('target-warn-first_response').fill('60, 80');
    await first.getByTestId('target-warn-first_response').press('Tab');
    await first.getByTestId('policy-issues').waitFor({ ...UI, state: 'detached' });
    await expect.poll(() => first.getByTestId('policy-words').textContent(), UI).toMatch(/Repair · Hotline · City · .*paused while waiting for parts/);
    await previewAndSave(page, 'repairs by hotline in the city', 3);
    const stored = (await call(server, 'GET', '/api/v1/sla/policies')).json;
    expect(stored.version).toBe(3);
    expect(stored.policies[0].match).toMatchObject({ ticketTypes: ['repair'], channels: ['hotline'], zones: ['city'] });
    expect(stored.policies[0]).toMatchObject({ pauseOnWaitingParts: true, metrics: { first_response: { warnAt: [60, 80] } } });

    // Version 1 beside version 3, skipping 2: both changes show, each side with who and when.
    await page.getByTestId('policy-compare-before').selectOption('1');
    await page.getByTestId('policy-compare-after').selectOption('3');
    await expect.poll(() => page.getByTestId('policy-diff-before').textContent(), UI).toMatch(/Version 1 \(.+, .+\)/);
    expect(await page.getByTestId('policy-diff-after').textContent()).toMatch(/Version 3 \(test-admin, .+\)/);
    const newer = page.getByTestId('policy-diff').locator('tr[data-changed="true"] td:nth-child(2)').first();
    await expect.poll(() => newer.textContent(), UI).toMatch(/Repair .*first response 45 min/);
    await shootAdminPage(page, 'admin-policies');

    await page.goto(`${server.url}/admin/audit?action=sla.policies.save`);
    const saves = page.locator('[data-action="sla.policies.save"]');
    await expect.poll(() => saves.count(), UI).toBe(2);
    expect(await saves.first().textContent()).toContain('Saved the SLA policies');
    expect(await saves.first().textContent()).toContain('SLA policies · Version 3');
    await saves.first().locator('button').first().click();
    const diff = page.getByTestId('audit-diff');
    await diff.waitFor(UI);
    const diffText = (await diff.textContent()) ?? '';
    expect(diffText).toContain('Repair');
    expect(diffText).not.toMatch(/on_site|first_response|ticketTypes/);
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
