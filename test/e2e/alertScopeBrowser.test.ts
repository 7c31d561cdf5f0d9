import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AlertListPage } from '../../shared/alerts/alertApi';
import { collectPageErrors, launchBrowser } from '../support/browser';
import { newSignedInContext } from '../support/signedInBrowser';
import { postEvents } from '../support/api';
import { createdEvent, loadSmallNetwork } from '../support/smallNetwork';
import { type Session, type TestServer, call, signInAs, startTestServer } from '../support/testServer';

/**
 * The alert list's scope as people with different reaches use it: a link to one center shows that
 * center by name, and a supervisor granted a center in one region and a whole other region works
 * through the alerts, filters and silences of both.
 */

const NOW = Date.parse('2026-11-23T02:00:00Z');
let server: TestServer;
let browser: Browser;
let manager: Session;
/** Granted 上海松江 (a center of 华东) and all of 西南, but not 上海浦东. */
let supervisor: Session;
const contexts: BrowserContext[] = [];

async function open(session: Session, path: string): Promise<{ page: Page; errors: string[] }> {
  const context = await newSignedInContext(browser, server, session, 'zh-CN');
  contexts.push(context);
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.goto(`${server.url}${path}`);
  return { page, errors };
}

const scopeChoices = (page: Page) => page.getByTestId('filter-scope').locator('select');
const chosenScopes = (page: Page) => page.getByTestId('filter-scope').evaluate((filter) => [...filter.querySelectorAll('select')].map((select) => select.selectedOptions[0]?.textContent?.trim() ?? ''));
const total = (page: Page) => page.getByTestId('alert-total');

async function listAs(session: Session, query: string): Promise<{ status: number; page: AlertListPage }> {
  const response = await call(server, 'GET', `/api/v1/alerts?${query}`, undefined, session);
  return { status: response.status, page: response.json };
}

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startTestServer({ serveClient: true, clock: { now: () => NOW } });
  await loadSmallNetwork(server);
  manager = await signInAs(server, { username: 'manager-li', role: 'manager' });
  supervisor = await signInAs(server, { username: 'sup-two', role: 'supervisor', grants: [{ kind: 'center', id: 'sh-02' }, { kind: 'region', id: 'west' }] });
  const when = new Date(NOW - 60_000).toISOString();
  const tickets = [createdEvent('B1', when, { centerId: 'sh-01', customerId: 'c-003' }), createdEvent('B2', when, { centerId: 'sh-02', customerId: 'c-003' }), createdEvent('B3', when, { centerId: 'urc-01', customerId: 'c-003' })];
  expect((await postEvents(server, tickets)).json.accepted).toBe(3);
  const saved = await call(server, 'POST', '/api/v1/alert-rules', {
    id: 'backlog-at-center', enabled: true,
    definition: {
      name: 'Backlog at a center', metric: 'backlog_open', scopes: { kind: 'each', level: 'center' }, condition: { kind: 'threshold', op: '>=', threshold: 1 }, intervalMs: 60_000,
      severity: 'warning', summary: { 'zh-CN': '服务中心有未结工单', en: 'Open tickets at the center' },
    },
  });
  expect(saved.status, saved.text).toBe(201);
  // The new tickets reach the live figures after their commit; rounds run until the three centers fire.
  await vi.waitFor(async () => {
    await server.application.alerting.tick();
    expect((await listAs(manager, 'ruleId=backlog-at-center')).page.total).toBe(3);
  }, { timeout: 60_000 });
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.close();
});

describe('the alert list\'s scope', () => {
  it('shows a center named in the address by its name, with the region and city above it chosen', async () => {
    const { page, errors } = await open(manager, '/alerts?scope=center:sh-02');
    await total(page).filter({ hasText: '共 1 条' }).waitFor();
    await expect.poll(() => chosenScopes(page)).toEqual(['华东', '上海', '◆ 上海松江服务中心']);
    expect(errors).toEqual([]);
  });

  it('gives a supervisor with several grants the alerts of all of them, their grants by name as the first choice, and nothing outside', async () => {
    const { page, errors } = await open(supervisor, '/alerts');
    await total(page).filter({ hasText: '共 2 条' }).waitFor();
    await expect.poll(() => scopeChoices(page).first().locator('option').allTextContents()).toEqual(['全部范围', '西南', '◆ 上海松江服务中心']);
    await scopeChoices(page).first().selectOption({ label: '西南' });
    await page.waitForURL(/scope=region%3Awest|scope=region:west/);
    await total(page).filter({ hasText: '共 1 条' }).waitFor();
    await expect.poll(() => chosenScopes(page)).toEqual(['西南', '其下全部']);
    await scopeChoices(page).nth(1).selectOption({ label: '◆ 乌鲁木齐服务中心' });
    await page.waitForURL(/scope=center%3Aurc-01|scope=center:urc-01/);
    await total(page).filter({ hasText: '共 1 条' }).waitFor();
    expect(errors).toEqual([]);

    // The same through the API: both grants' alerts, each grant as a filter, and a center outside refused.
    const all = await listAs(supervisor, 'ruleId=backlog-at-center');
    expect(all.page.alerts.map((alert) => alert.scopeName).sort()).toEqual(['上海松江服务中心', '乌鲁木齐服务中心']);
    expect(all.page.total).toBe(2);
    expect((await listAs(supervisor, 'scope=center:sh-02')).page.total).toBe(1);
    expect((await listAs(supervisor, 'scope=region:west')).page.total).toBe(1);
    expect((await listAs(supervisor, 'scope=center:sh-01')).status).toBe(403);
  });

  it('lets a supervisor with several grants acknowledge in both, and shows them the silences of both and no other', async () => {
    const fingerprints = (await listAs(supervisor, 'ruleId=backlog-at-center')).page.alerts.map((alert) => alert.fingerprint);
    const outside = (await listAs(manager, 'scope=center:sh-01')).page.alerts[0]!.fingerprint;
    const acknowledged = await call(server, 'POST', '/api/v1/alerts/acknowledge', { fingerprints: [...fingerprints, outside], comment: '两地都已派人' }, supervisor);
    expect(acknowledged.status, acknowledged.text).toBe(200);
    expect(acknowledged.json.done.sort()).toEqual([...fingerprints].sort());
    expect(acknowledged.json.skipped).toEqual([{ fingerprint: outside, reason: 'out_of_scope' }]);

    // Silencing is a manager's; the supervisor reads the silences in their reach.
    const silenced = await call(server, 'POST', '/api/v1/alerts/silence', { fingerprints, durationMs: 3_600_000, comment: '两地今晚检修' }, manager);
    expect(silenced.status, silenced.text).toBe(201);
    expect(silenced.json.done.sort()).toEqual([...fingerprints].sort());
    const elsewhere = await call(server, 'POST', '/api/v1/alert-silences', { matchers: [{ name: 'scope', op: '=', value: 'center:sh-01' }], durationMs: 3_600_000, comment: '浦东检修' }, manager);
    expect(elsewhere.status, elsewhere.text).toBe(201);

    const seen = (await call(server, 'GET', '/api/v1/alert-silences?status=active', undefined, supervisor)).json as { total: number; silences: { scopeName: string | null; comment: string }[] };
    expect(seen.silences.map((silence) => silence.scopeName).sort()).toEqual(['上海松江服务中心', '乌鲁木齐服务中心']);
    expect(seen.total).toBe(2);

    const { page, errors } = await open(supervisor, '/alerts/silences');
    await page.getByText('两地今晚检修').first().waitFor();
    await expect(page.getByText('两地今晚检修').count()).resolves.toBe(2);
    await expect(page.getByText('浦东检修').count()).resolves.toBe(0);
    expect(errors).toEqual([]);
  });

  it('silences a scope picked by name from the silences page, and lists it by that name', async () => {
    const { page, errors } = await open(manager, '/alerts/silences');
    await page.getByText('为某个范围新建静默').click();
    const picker = page.getByTestId('scope-silence-scope').locator('select');
    await picker.nth(0).selectOption({ label: '西南' });
    await picker.nth(1).selectOption({ label: '◆ 乌鲁木齐服务中心' });
    await page.getByTestId('scope-silence-comment').fill('乌鲁木齐机房搬迁');
    await page.getByTestId('scope-silence-create').click();
    const listed = page.locator('li').filter({ hasText: '乌鲁木齐机房搬迁' });
    await listed.first().waitFor();
    await expect(listed.first().textContent()).resolves.toContain('乌鲁木齐服务中心');
    await expect(listed.first().textContent()).resolves.not.toContain('center:');
    const made = (await call(server, 'GET', '/api/v1/alert-silences?status=active', undefined, manager)).json.silences.find((silence: { comment: string }) => silence.comment === '乌鲁木齐机房搬迁');
    expect(made.matchers).toEqual([{ name: 'within', op: '=', value: 'center:urc-01' }]);
    expect(errors).toEqual([]);
  });

  it('silences a whole region, or the network, for one severity, and lists each by name', async () => {
    const { page, errors } = await open(manager, '/alerts/silences');
    await page.getByText('为某个范围新建静默').click();
    const picker = page.getByTestId('scope-silence-scope').locator('select');
    await picker.nth(0).selectOption({ label: '华东' });
    await page.getByTestId('scope-silence-severity').selectOption({ label: '警告' });
    await page.getByTestId('scope-silence-comment').fill('华东系统切换');
    await page.getByTestId('scope-silence-create').click();
    const region = page.locator('li').filter({ hasText: '华东系统切换' }).first();
    await region.waitFor();
    await expect(region.textContent()).resolves.toMatch(/范围内 = 华东.*级别 = 警告/);

    await picker.nth(0).selectOption({ label: '全网' });
    await page.getByTestId('scope-silence-comment').fill('全网夜间维护');
    await page.getByTestId('scope-silence-create').click();
    const network = page.locator('li').filter({ hasText: '全网夜间维护' }).first();
    await network.waitFor();
    await expect(network.textContent()).resolves.toContain('范围内 = 全网');
    const made = (await call(server, 'GET', '/api/v1/alert-silences?status=active', undefined, manager)).json.silences as { comment: string; matchers: unknown[] }[];
    expect(made.find((silence) => silence.comment === '华东系统切换')?.matchers).toEqual([{ name: 'within', op: '=', value: 'region:east' }, { name: 'severity', op: '=', value: 'warning' }]);
    expect(made.find((silence) => silence.comment === '全网夜间维护')?.matchers).toEqual([{ name: 'within', op: '=', value: 'network' }, { name: 'severity', op: '=', value: 'warning' }]);
    expect(errors).toEqual([]);
  });
});
