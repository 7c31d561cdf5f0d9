import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UI, collectPageErrors, launchBrowser } from '../support/browser';
import { SCREENSHOT_DIR, newSignedInContext } from '../support/signedInBrowser';
import { postEvents } from '../support/api';
import { createdEvent, loadSmallNetwork } from '../support/smallNetwork';
import { type Session, type TestServer, call, signInAs, startTestServer } from '../support/testServer';

const NOW = Date.parse('2026-11-23T02:00:00Z');
/** Centers added beside the small network's three, so the list runs past 500 alerts. */
const EXTRA_CENTERS = 600;
let server: TestServer;
let browser: Browser;
let manager: Session;
const contexts: BrowserContext[] = [];

const rule = (id: string, fields: Record<string, unknown>) => ({
  id, enabled: true,
  definition: { metric: 'backlog_open', condition: { kind: 'threshold', op: '>=', threshold: 0 }, intervalMs: 60_000, runbook: 'Call the standby engineer.', ...fields },
});

async function open(session: Session, path: string, locale = 'zh-CN', viewport?: { width: number; height: number }): Promise<{ page: Page; errors: string[] }> {
  const context = await newSignedInContext(browser, server, session, locale);
  contexts.push(context);
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  const errors = collectPageErrors(page);
  await page.goto(`${server.url}${path}`);
  // The language is the screen's own choice, kept in the browser; English is one click on the top bar.
  if (locale === 'en') await page.getByTestId('locale-en').click();
  return { page, errors };
}

const rows = (page: Page) => page.getByTestId('alert-table').getByTestId('alert-row');
const total = (page: Page) => page.getByTestId('alert-total');

beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  server = await startTestServer({ serveClient: true, clock: { now: () => NOW } });
  await loadSmallNetwork(server);
  server.application.core.referenceService.upsert(
    'centers',
    Array.from({ length: EXTRA_CENTERS }, (_, i) => ({ id: `x-${String(i).padStart(3, '0')}`, name: `测试服务中心 ${String(i).padStart(3, '0')}`, regionId: 'sh', zone: 'city', timeZone: 'Asia/Shanghai' })) as never,
  );
  manager = await signInAs(server, { username: 'manager-li', role: 'manager' });
  const when = new Date(NOW - 60_000).toISOString();
  expect((await postEvents(server, ['B1', 'B2', 'B3'].map((id) => createdEvent(id, when, { customerId: 'c-003' })))).status).toBe(200);
  for (const body of [
    rule('backlog-at-center', { name: 'Backlog at a center', scopes: { kind: 'list', scopes: ['center:sh-01', 'center:sh-02', 'center:urc-01'] }, severity: 'critical', summary: { 'zh-CN': '服务中心未结工单过多', en: 'Too many open tickets at the center' } }),
    rule('daily-check', { name: 'Daily check', scopes: { kind: 'each', level: 'center' }, severity: 'info', summary: { 'zh-CN': '每日巡检提醒', en: 'Daily check reminder' } }),
  ]) {
    const saved = await call(server, 'POST', '/api/v1/alert-rules', body);
    expect(saved.status, saved.text).toBe(201);
  }
  await server.application.alerting.tick();
});

// A page left open reloads its list on every alert change: closed after its test, so the next one's server is not busy serving it.
afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('/alerts in a real browser', () => {
  it('filters to critical with the filter kept in the address, and bulk-acknowledges the three with one comment', async () => {
    const { page, errors } = await open(manager, '/alerts');
    await total(page).filter({ hasText: '共 606 条' }).waitFor();
    await page.getByTestId('filter-severity-critical').click();
    await page.waitForURL(/severity=critical/);
    await total(page).filter({ hasText: '第 1–3 条，共 3 条' }).waitFor();
    await expect(rows(page).locator('[data-severity="critical"] svg').count()).resolves.toBe(3);

    await page.getByTestId('tick-page').check();
    await expect(page.getByTestId('bulk-count').textContent()).resolves.toContain('已选 3 条');
    await page.getByTestId('bulk-comment').fill('已安排备班工程师');
    await page.getByTestId('bulk-acknowledge').click();
    await page.getByTestId('bulk-outcome').filter({ hasText: '已确认 3 条' }).waitFor();
    await rows(page).getByTestId('acknowledgement').filter({ hasText: '✓ manager-li' }).nth(2).waitFor();
    const stored = (await call(server, 'GET', '/api/v1/alerts?severity=critical&acknowledged=true')).json;
    expect(stored.total).toBe(3);
    expect(stored.alerts.map((alert: { acknowledgement: { comment: string } }) => alert.acknowledgement.comment)).toEqual(['已安排备班工程师', '已安排备班工程师', '已安排备班工程师']);

    // The address alone brings the same list back.
    const again = await open(manager, '/alerts?severity=critical&acknowledged=true');
    await total(again.page).filter({ hasText: '共 3 条' }).waitFor();
    expect([...errors, ...again.errors]).toEqual([]);
  }, 60_000);

  it('pages past 500 alerts with a cursor, every alert once, with the true total', async () => {
    const { page, errors } = await open(server.admin, '/alerts', 'en');
    await total(page).filter({ hasText: '1–100 of 606' }).waitFor();
    const seen = new Set<string>();
    for (let pageNumber = 1; ; pageNumber++) {
      const fingerprints = await rows(page).evaluateAll((elements) => elements.map((element) => element.getAttribute('data-fingerprint')!));
      for (const fingerprint of fingerprints) seen.add(fingerprint);
      if (pageNumber === 7) break;
      await page.getByTestId('page-next').click();
      await total(page).filter({ hasText: `${pageNumber * 100 + 1}–` }).waitFor();
    }
    await total(page).filter({ hasText: '601–606 of 606' }).waitFor();
    expect(seen.size).toBe(606);
    await expect(page.getByTestId('page-next').isDisabled()).resolves.toBe(true);
    expect(errors).toEqual([]);
  }, 120_000);

  it('ends a silence from the silences page, which lists what it mutes, and the alert\'s history says so', async () => {
    const critical = (await call(server, 'GET', '/api/v1/alerts?severity=critical&scope=center:sh-02')).json.alerts[0];
    const made = await call(server, 'POST', '/api/v1/alert-silences', { matchers: [{ name: 'scope', op: '=', value: 'center:sh-02' }], durationMs: 4 * 3_600_000, comment: '松江机房检修' }, manager);
    expect(made.status, made.text).toBe(201);
    const { page, errors } = await open(manager, '/alerts/silences');
    const silence = page.locator(`[data-silence="${made.json.silence.id}"]`);
    await silence.getByText('松江机房检修').waitFor();
    await expect(silence.textContent()).resolves.toContain('范围 = 上海松江服务中心');
    await silence.getByTestId('silence-mutes').filter({ hasText: '正在静默 2 条告警' }).waitFor();
    await silence.getByTestId('silence-end').click();
    await silence.waitFor({ state: 'detached' });
    await page.getByTestId('silences-expired').click();
    await page.locator(`[data-silence="${made.json.silence.id}"]`).getByText('松江机房检修').waitFor();
    const history = (await call(server, 'GET', `/api/v1/alerts/${critical.fingerprint}`)).json.history.map((entry: { kind: string; actor: string }) => `${entry.kind}@${entry.actor}`);
    expect(history.slice(0, 2)).toEqual(['unsilence@manager-li', 'silence@manager-li']);
    expect(errors).toEqual([]);
  });

  it('acknowledges on one page with a comment, and another connected page shows it', async () => {
    const desk = await open(manager, '/alerts?rule=backlog-at-center&scope=center:urc-01');
    const other = await open(server.admin, '/alerts?rule=backlog-at-center&scope=center:urc-01');
    await rows(desk.page).first().waitFor();
    await desk.page.getByRole('button', { name: '服务中心未结工单过多' }).click();
    await desk.page.getByTestId('alert-detail').waitFor();
    await desk.page.getByTestId('alert-assignee').fill('张伟');
    await desk.page.getByTestId('alert-comment').fill('张伟负责');
    await desk.page.getByTestId('alert-assign').click();
    await rows(other.page).getByTestId('acknowledgement').filter({ hasText: '张伟' }).waitFor(UI);
    await desk.page.getByTestId('alert-timeline').locator('li', { hasText: '指派给 张伟' }).waitFor();
    expect([...desk.errors, ...other.errors]).toEqual([]);
  });

  it('keeps rules and notification targets on their own pages: preview a rule, refuse a bad save field by field, add a target', async () => {
    const rules = await open(server.admin, '/alerts/rules');
    await rules.page.getByTestId('rules-table').getByText('服务中心解决时效达成率低于 85%').waitFor();
    await rules.page.getByTestId('sla-policy-editor').waitFor();
    // The return-visit row made critical, saved by the admin: the server holds it.
    // The return-visit row made critical, grouped per center, firing from the third, saved by the admin: the server holds it.
    const firstRow = rules.page.getByTestId('sla-policy-editor').locator('.policy-editor__row').first();
    await firstRow.locator('select:not([multiple])').first().selectOption('critical');
    await firstRow.locator('select:not([multiple])').nth(1).selectOption('center');
    await firstRow.locator('input[type=number]').fill('3');
    await rules.page.getByTestId('sla-policy-save').click();
    await rules.page.getByTestId('sla-policy-editor').getByRole('status').waitFor();
    const policy = (await call(server, 'GET', '/api/v1/alert-sla-policy')).json;
    expect(policy.updatedBy).toBe('test-admin');
    expect(policy.policy.rules[0]).toEqual({ metrics: ['return_visit'], severity: 'critical', escalates: false, groupBy: 'center', minCount: 3 });
    expect(policy.policy.rules).toHaveLength(5);
    await rules.page.screenshot({ path: `${SCREENSHOT_DIR}/alerts-rules-1920x1080.png`, fullPage: true });
    await rules.page.getByRole('link', { name: 'Backlog at a center' }).click();
    await rules.page.waitForURL(/\/alerts\/rules\/backlog-at-center$/);
    await rules.page.getByTestId('rule-preview').click();
    await rules.page.getByTestId('rule-preview-result').locator('li').first().waitFor();

    await rules.page.goto(`${server.url}/alerts/rules/new`);
    await rules.page.getByTestId('rule-id').fill('Bad Id');
    // An empty name is rendered from the rule; an evaluation interval of 0 is refused beside the id.
    await rules.page.getByLabel('评估间隔（分钟）').fill('0');
    await rules.page.getByTestId('rule-save').click();
    await expect(rules.page.getByTestId('alert-failure').textContent()).resolves.toMatch(/id.*intervalMs|intervalMs.*id/s);

    const targets = await open(server.admin, '/alerts/targets');
    await targets.page.getByTestId('delivery-log').getByText('0 个通知目标').waitFor();
    await targets.page.getByTestId('target-name').fill('浦东值班');
    // The scope is picked by name down the tree, never typed as an id.
    const scopePicker = targets.page.getByTestId('target-scope').locator('select');
    await scopePicker.nth(0).selectOption({ label: '华东' });
    await scopePicker.nth(1).selectOption({ label: '上海' });
    await scopePicker.nth(2).selectOption({ label: '◆ 上海浦东服务中心' });
    await targets.page.getByTestId('target-url').fill('http://203.0.113.9/hook');
    await targets.page.getByTestId('target-create').click();
    await expect(targets.page.getByTestId('target-secret').locator('code').textContent()).resolves.toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await call(server, 'GET', '/api/v1/notification-targets')).json.targets).toMatchObject([{ name: '浦东值班', scope: 'center:sh-01', scopeName: '上海浦东服务中心' }]);
    const listed = targets.page.getByTestId('target-editor').locator('li').filter({ hasText: '浦东值班' });
    await expect(listed.textContent()).resolves.toContain('上海浦东服务中心');
    await expect(listed.textContent()).resolves.not.toContain('center:');
    expect([...rules.errors, ...targets.errors].filter((error) => !error.includes('400'))).toEqual([]);
  });

  it('reads at 1440×900, 1366×768 and 1920×1080, grouped by center, in both languages', async () => {
    for (const [width, height, locale] of [[1440, 900, 'zh-CN'], [1366, 768, 'en'], [1920, 1080, 'zh-CN']] as const) {
      const { page, errors } = await open(manager, '/alerts?groupBy=center', locale, { width, height });
      await page.getByTestId('alert-group').first().waitFor().catch(async (error) => {
        await page.screenshot({ path: `${SCREENSHOT_DIR}/debug-${width}.png` });
        throw error;
      });
      await rows(page).first().getByRole('button').click();
      await page.getByTestId('alert-timeline').waitFor();
      await page.screenshot({ path: `${SCREENSHOT_DIR}/alerts-list-${width}x${height}.png` });
      expect(errors).toEqual([]);
    }
    const made = await call(server, 'POST', '/api/v1/alert-silences', { matchers: [{ name: 'rule', op: '=', value: 'daily-check' }, { name: 'scope', op: '=', value: 'center:urc-01' }], durationMs: 8 * 3_600_000, comment: '乌鲁木齐巡检改到周末' }, manager);
    expect(made.status, made.text).toBe(201);
    const { page } = await open(manager, '/alerts/silences', 'zh-CN', { width: 1440, height: 900 });
    await page.locator(`[data-silence="${made.json.silence.id}"]`).waitFor();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/alerts-silences-1440x900.png` });
  });
});
