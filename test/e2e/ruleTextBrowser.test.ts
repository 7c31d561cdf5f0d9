import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UI, collectPageErrors, launchBrowser } from '../support/browser';
import { SCREENSHOT_DIR, newSignedInContext } from '../support/signedInBrowser';
import { loadSmallNetwork } from '../support/smallNetwork';
import { type TestServer, call, startTestServer } from '../support/testServer';

const NOW = Date.parse('2026-11-23T02:00:00Z');
let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function open(path: string, viewport = { width: 1366, height: 768 }): Promise<{ page: Page; errors: string[] }> {
  const context = await newSignedInContext(browser, server, server.admin, 'zh-CN');
  contexts.push(context);
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  const errors = collectPageErrors(page);
  await page.goto(`${server.url}${path}`);
  return { page, errors };
}

const row = (page: Page, id: string) => page.getByTestId('rules-table').locator(`[data-rule="${id}"]`);

beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  server = await startTestServer({ serveClient: true, clock: { now: () => NOW } });
  await loadSmallNetwork(server);
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.close();
});

describe('built-in rules named from their definition', () => {
  it('shows a built-in rule in Chinese, takes its threshold in percent, and renames it when the threshold moves', async () => {
    const { page, errors } = await open('/alerts/rules');
    const center = row(page, 'center-sla-compliance');
    await center.getByText('服务中心解决时效达成率低于 85%').waitFor(UI);
    await center.getByText('服务中心近 24 小时解决时效达成率低于 85%').waitFor(UI);
    for (const [width, height] of [[1366, 768], [1920, 1080]] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: `${SCREENSHOT_DIR}/alert-rules-named-zh-${width}x${height}.png`, fullPage: true });
    }

    await center.getByRole('link').click();
    await page.waitForURL(/\/alerts\/rules\/center-sla-compliance$/);
    const threshold = page.getByTestId('rule-threshold');
    await expect.poll(() => threshold.inputValue(), UI).toBe('85');
    await expect(page.getByTestId('rule-name').getAttribute('placeholder')).resolves.toBe('服务中心解决时效达成率低于 85%');
    await threshold.fill('90');
    await expect.poll(() => page.getByTestId('rule-name').getAttribute('placeholder'), UI).toBe('服务中心解决时效达成率低于 90%');
    await page.getByTestId('rule-save').click();
    await page.getByTestId('rule-editor').getByRole('status').waitFor(UI);
    const stored = (await call(server, 'GET', '/api/v1/alert-rules')).json.rules.find((rule: { id: string }) => rule.id === 'center-sla-compliance');
    expect(stored.definition.condition).toEqual({ kind: 'threshold', op: '<', threshold: 0.9 });

    await page.goto(`${server.url}/alerts/rules`);
    await row(page, 'center-sla-compliance').getByText('服务中心解决时效达成率低于 90%').waitFor(UI);
    await row(page, 'center-sla-compliance').getByText('服务中心近 24 小时解决时效达成率低于 90%').waitFor(UI);
    await page.goto(`${server.url}/alerts/rules?lang=en`);
    await row(page, 'center-sla-compliance').getByText('Center resolution SLA compliance below 90%').waitFor(UI);
    await row(page, 'center-sla-compliance').getByText('Resolution SLA compliance at the center below 90% over the last 24 hours').waitFor(UI);
    for (const [width, height] of [[1366, 768], [1920, 1080]] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: `${SCREENSHOT_DIR}/alert-rules-named-en-${width}x${height}.png`, fullPage: true });
    }
    expect(errors).toEqual([]);
  });

  it('names the scopes a rule lists, never only their ids', async () => {
    const saved = await call(server, 'POST', '/api/v1/alert-rules', {
      id: 'listed-backlog', enabled: true,
      definition: { metric: 'backlog_open', scopes: { kind: 'list', scopes: ['region:east', 'center:sh-01'] }, condition: { kind: 'threshold', op: '>', threshold: 20 }, intervalMs: 60_000, severity: 'warning', name: 'Listed backlog', summary: { 'zh-CN': '所列范围未结工单过多', en: 'Too many open tickets' } },
    });
    expect(saved.status, saved.text).toBe(201);
    const { page, errors } = await open('/alerts/rules/listed-backlog');
    const listed = () => page.getByTestId('rule-scope-names').locator('li > span').allTextContents();
    await expect.poll(listed, UI).toEqual(['华东', '上海浦东服务中心']);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/alert-rule-listed-zh-1366x768.png`, fullPage: true });

    // The list is changed by picking from the tree by name, and by removing a name: no id is typed or shown.
    await page.getByRole('button', { name: '移除华东' }).click();
    const picker = page.getByTestId('rule-scope-list').locator('select');
    await picker.first().selectOption({ label: '西南' });
    await picker.nth(1).selectOption({ label: '◆ 乌鲁木齐服务中心' });
    await page.getByTestId('rule-scope-add').click();
    await expect.poll(listed, UI).toEqual(['上海浦东服务中心', '乌鲁木齐服务中心']);
    expect(await page.getByTestId('rule-editor').textContent()).not.toMatch(/(center|region):/);
    await page.getByTestId('rule-save').click();
    await expect.poll(async () => (await call(server, 'GET', '/api/v1/alert-rules')).json.rules.find((rule: { id: string }) => rule.id === 'listed-backlog')?.definition.scopes, UI)
      .toEqual({ kind: 'list', scopes: [{ kind: 'center', id: 'sh-01' }, { kind: 'center', id: 'urc-01' }] });
    expect(errors).toEqual([]);
  });
});
