import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchBrowser } from '../support/browser';
import { SCREENSHOT_DIR, newSignedInContext } from '../support/signedInBrowser';
import { postEvents } from '../support/api';
import { createdEvent, loadSmallNetwork } from '../support/smallNetwork';
import { type Session, type TestServer, call, signInAs, startTestServer } from '../support/testServer';

const NOW = Date.parse('2026-11-23T02:00:00Z');
let server: TestServer;
let browser: Browser;
let manager: Session;
const contexts: BrowserContext[] = [];

async function openAlerts(session: Session, locale: string): Promise<{ page: Page; errors: string[] }> {
  const context = await newSignedInContext(browser, server, session, locale);
  contexts.push(context);
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.goto(`${server.url}/alerts`);
  await page.getByTestId('alerts-firing').locator('tbody tr[data-fingerprint]').first().waitFor();
  return { page, errors };
}

beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  server = await startTestServer({ serveClient: true, clock: { now: () => NOW } });
  await loadSmallNetwork(server);
  manager = await signInAs(server, { username: 'manager-li', role: 'manager' });
  const when = new Date(NOW - 60_000).toISOString();
  expect((await postEvents(server, ['B1', 'B2', 'B3'].map((id) => createdEvent(id, when, { customerId: 'c-003' })))).status).toBe(200);
  const rule = await call(server, 'POST', '/api/v1/alert-rules', {
    id: 'backlog-at-center', enabled: true,
    definition: {
      name: 'Backlog at a center', metric: 'backlog_open', scopes: { kind: 'each', level: 'center' }, condition: { kind: 'threshold', op: '>=', threshold: 3 },
      intervalMs: 60_000, severity: 'critical', summary: { 'zh-CN': '服务中心未结工单过多', en: 'Too many open tickets at the center' }, runbook: 'Call the standby engineer.',
    },
  });
  expect(rule.status, rule.text).toBe(201);
  await server.application.alerting.tick();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.close();
});

describe('/alerts in a real browser', () => {
  it('acknowledges on one page with a comment, and another connected page shows it at once', async () => {
    const desk = await openAlerts(manager, 'zh-CN');
    const wall = await openAlerts(server.admin, 'zh-CN');
    const row = (page: Page) => page.getByTestId('alerts-firing').locator('tbody tr', { hasText: 'center:sh-01' });

    // Severity is a shape and a word, never colour alone.
    await expect(row(desk.page).locator('[data-severity="critical"] svg').count()).resolves.toBe(1);
    await expect(row(desk.page).locator('[data-severity="critical"]').textContent()).resolves.toContain('严重');
    await expect(row(wall.page).getByTestId('acknowledgement').textContent()).resolves.not.toContain('✓');
    // Age on the server's clock, fixed in this test at the rule's first round: not the browser's hours later.
    await expect(row(desk.page).getByTestId('alert-age').textContent()).resolves.not.toMatch(/时/);

    await row(desk.page).getByRole('button', { name: '服务中心未结工单过多' }).click();
    await desk.page.getByTestId('alert-detail').waitFor();
    await desk.page.getByTestId('alert-comment').fill('已安排备班工程师');
    await desk.page.getByTestId('alert-acknowledge').click();

    await row(wall.page).getByTestId('acknowledgement').filter({ hasText: '✓ manager-li' }).waitFor({ timeout: 10_000 });
    await desk.page.getByTestId('detail-acknowledgement').filter({ hasText: '已安排备班工程师' }).waitFor();
    await desk.page.getByTestId('alert-timeline').locator('li', { hasText: 'manager-li' }).waitFor();
    await desk.page.screenshot({ path: `${SCREENSHOT_DIR}/alerts-acknowledged.png`, fullPage: true });
    expect(desk.errors).toEqual([]);
    expect(wall.errors).toEqual([]);
  });

  it('previews a rule over the last day from the editor and shows a refused save field by field', async () => {
    const { page, errors } = await openAlerts(server.admin, 'zh-CN');
    await page.getByTestId('delivery-log').getByText('0 个通知目标').waitFor();
    await page.getByTestId('target-name').fill('浦东值班');
    await page.getByTestId('target-scope').fill('center:sh-01');
    await page.getByTestId('target-url').fill('http://203.0.113.9/hook');
    await page.getByTestId('target-create').click();
    await expect(page.getByTestId('target-secret').locator('code').textContent()).resolves.toMatch(/^[A-Za-z0-9_-]{43}$/);
    await page.getByTestId('delivery-log').getByText('1 个通知目标').waitFor();
    const stored = (await call(server, 'GET', '/api/v1/notification-targets')).json.targets;
    expect(stored).toMatchObject([{ name: '浦东值班', scope: 'center:sh-01', levels: [1], minSeverity: 'warning' }]);
    await page.getByTestId('rule-choose').selectOption('backlog-at-center');
    await page.getByTestId('rule-preview').click();
    await page.getByTestId('rule-preview-result').locator('li', { hasText: 'center:sh-01' }).waitFor();
    await page.getByTestId('rule-choose').selectOption('');
    await page.getByTestId('rule-id').fill('Bad Id');
    await page.getByTestId('rule-save').click();
    const failure = page.getByTestId('alert-failure');
    await failure.waitFor();
    await expect(failure.textContent()).resolves.toMatch(/id.*name|name.*id/s);
    expect(errors.filter((error) => !error.includes('400'))).toEqual([]);
  });
});
