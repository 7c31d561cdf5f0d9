import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { collectPageErrors } from '../support/browser';
import { SCREENSHOT_DIR, signedInSmallNetwork } from '../support/signedInBrowser';
import { type TestServer, call } from '../support/testServer';

/**
 * The alert pages as a manager reads them: the severity stays one word beside a long summary, English
 * quotation marks sit against their words as Latin punctuation, and the rules table keeps every column on a
 * 1366 screen in English.
 */

const NOW = Date.parse('2026-11-23T02:00:00Z');
/** As long as the demo's VIP rule, whose summary pressed 严重 onto two lines at 1920. */
const SUMMARY = {
  'zh-CN': 'VIP 或 7×24×4 客户的首次响应、上门或解决超时未完成：当前 1 个，分布于 1 个服务中心',
  en: '1 first response, on site or resolution clock of VIP or 7×24×4 customers breached and still open at 1 center',
};

/** A critical alert at a center with that summary, and an inhibition in its history as the engine records it. */
async function seed(server: TestServer): Promise<void> {
  // An English center name as long as the demo's 'Dongguan Chang'an Center', which pushed the list past its column.
  server.application.core.referenceService.upsert('centers', [{ id: 'sh-01', name: '上海浦东服务中心', nameEn: 'Shanghai Pudong Zhangjiang Center', regionId: 'sh', zone: 'city', timeZone: 'Asia/Shanghai' }] as never);
  const saved = await call(server, 'POST', '/api/v1/alert-rules', {
    id: 'vip-open-work', enabled: true,
    definition: {
      name: 'VIP open work', metric: 'backlog_open', condition: { kind: 'threshold', op: '>=', threshold: 0 }, intervalMs: 60_000,
      scopes: { kind: 'list', scopes: ['center:sh-01'] }, severity: 'critical', summary: SUMMARY,
    },
  });
  expect(saved.status, saved.text).toBe(201);
  await server.application.alerting.tick();
  const fingerprint = (await call(server, 'GET', '/api/v1/alerts?ruleId=vip-open-work')).json.alerts[0].fingerprint;
  server.db.$client
    .prepare(`insert into alert_history (fingerprint, at, kind, actor, detail) values (?, ?, 'inhibit', 'engine', ?)`)
    .run(fingerprint, NOW - 60_000, JSON.stringify({ by: 'ffffffffffffffff', ruleId: 'center-sla-compliance' }));
}

const suite = signedInSmallNetwork({ now: NOW, seed });

async function openDetail(locale: 'zh-CN' | 'en', viewport: { width: number; height: number }): Promise<{ page: Page; errors: string[] }> {
  const page = await suite.context.newPage();
  await page.setViewportSize(viewport);
  const errors = collectPageErrors(page);
  await page.goto(`${suite.server.url}/alerts?rule=vip-open-work`);
  // The language is the browser's own choice, kept across pages: each page picks its own.
  await page.getByTestId(`locale-${locale}`).click();
  await page.getByRole('button', { name: SUMMARY[locale === 'en' ? 'en' : 'zh-CN'] }).click();
  await page.getByTestId('alert-detail').waitFor();
  return { page, errors };
}

/** How many lines the badge's word is set on: one box per line its text runs over. */
const badgeLines = (page: Page) =>
  page.getByTestId('alert-detail').locator('h2 .severity span').evaluate((word) => {
    const range = document.createRange();
    range.selectNodeContents(word);
    return new Set([...range.getClientRects()].map((box) => Math.round(box.top))).size;
  });

describe('an alert\'s detail, read', () => {
  for (const viewport of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
    it(`keeps the severity on one line beside a long summary, and the list whole beside the detail, at ${viewport.width}, in both languages`, async () => {
      for (const locale of ['zh-CN', 'en'] as const) {
        const { page, errors } = await openDetail(locale, viewport);
        await expect(badgeLines(page), `${locale} at ${viewport.width}`).resolves.toBe(1);
        // Beside the open detail the list shows every column, none cut off behind a sideways scroll.
        const list = page.getByTestId('alert-table').locator('xpath=..');
        await expect(list.evaluate((box) => box.scrollWidth - box.clientWidth), `${locale} at ${viewport.width}`).resolves.toBeLessThanOrEqual(0);
        await page.screenshot({ path: `${SCREENSHOT_DIR}/alert-detail-${locale}-${viewport.width}.png` });
        expect(errors).toEqual([]);
        await page.close();
      }
    }, 60_000);
  }


  it('keeps the rules table, with its English summaries, inside a 1366 screen', async () => {
    const page = await suite.context.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    const errors = collectPageErrors(page);
    await page.goto(`${suite.server.url}/alerts/rules`);
    await page.getByTestId('locale-en').click();
    await page.getByText('Resolution SLA compliance at the center below 85% over the last 24 hours').waitFor();
    const right = await page.locator('table.data-table').first().evaluate((table) => table.getBoundingClientRect().right);
    expect(right).toBeLessThanOrEqual(1366);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/alert-rules-en-1366.png` });
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('sets English quotation marks against the rule they quote, with no full-width gap', async () => {
    const { page, errors } = await openDetail('en', { width: 1920, height: 1080 });
    const entry = page.getByTestId('alert-timeline').locator('.alert-timeline__what', { hasText: 'Inhibited by' });
    await expect(entry.textContent()).resolves.toBe('Inhibited by “Center resolution SLA compliance below 85%”');
    // The opening mark's own advance, in ems: a Latin “ is about 0.4 em; the full-width form is 1 em, most of it blank before the mark.
    const quoteWidth = await entry.evaluate((element) => {
      const text = element.firstChild!;
      const range = document.createRange();
      const at = text.textContent!.indexOf('“');
      range.setStart(text, at);
      range.setEnd(text, at + 1);
      return range.getBoundingClientRect().width / parseFloat(getComputedStyle(element).fontSize);
    });
    expect(quoteWidth).toBeLessThan(0.6);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
