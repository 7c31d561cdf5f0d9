import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AlertListPage } from '../../shared/alerts/alertApi';
import { orgDisplayName } from '../../shared/reference/orgNames';
import { postEvents } from '../support/api';
import { UI, collectPageErrors, launchBrowser, newWallContext, textOf } from '../support/browser';
import { SCREENSHOT_DIR, newSignedInContext } from '../support/signedInBrowser';
import { createdEvent, loadSmallNetwork, smallNetwork } from '../support/smallNetwork';
import { type TestServer, VIEW_TOKEN, call, startTestServer } from '../support/testServer';

const NOW = Date.parse('2026-11-23T10:30:00+08:00');
const ENGLISH: Record<string, string> = { east: 'East China', sh: 'Shanghai', west: 'Southwest China', 'sh-01': 'Shanghai Pudong Center', 'sh-02': 'Shanghai Songjiang Center', 'urc-01': 'Urumqi Center' };

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  server = await startTestServer({ serveClient: true, clock: { now: () => NOW } });
  await loadSmallNetwork(server);
  const withEnglish = <T extends { id: string }>(rows: readonly T[]) => rows.map((row) => ({ ...row, nameEn: ENGLISH[row.id] }));
  expect((await call(server, 'PUT', '/api/v1/org/regions', withEnglish(smallNetwork.regions))).status).toBe(200);
  expect((await call(server, 'PUT', '/api/v1/org/centers', withEnglish(smallNetwork.centers))).status).toBe(200);
  // c-001's first response is due 30 minutes after creation: BR-1, created 50 minutes ago at 上海浦东, is breached
  // and raises the product's own SLA alert at the center.
  const created = [createdEvent('T-1', new Date(NOW - 600_000).toISOString()), createdEvent('BR-1', new Date(NOW - 50 * 60_000).toISOString(), { priority: 'P1' })];
  expect((await postEvents(server, created)).status).toBe(200);
  await vi.waitFor(async () => {
    await server.application.alerting.tick();
    expect(((await call(server, 'GET', '/api/v1/alerts?ruleId=sla.breach')).json as AlertListPage).total).toBe(1);
  }, { timeout: 60_000 });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('organisation names in the page language', () => {
  it('resolves one name for a locale: the English name in English where there is one, the name otherwise', () => {
    expect(orgDisplayName({ name: '华东', nameEn: 'East China' }, 'en')).toBe('East China');
    expect(orgDisplayName({ name: '华东', nameEn: 'East China' }, 'zh-CN')).toBe('华东');
    expect(orgDisplayName({ name: '华东', nameEn: null }, 'en')).toBe('华东');
  });

  it('keeps both names in the organisation lists', async () => {
    const answer = await call(server, 'GET', '/api/v1/org/regions');
    expect((answer.json as { regions: unknown[] }).regions).toContainEqual({ id: 'east', name: '华东', nameEn: 'East China', parentId: null });
  });

  it('shows regions and centers in English on the drill-down and the walls, and in Chinese in the Chinese UI', async () => {
    const context = await newSignedInContext(browser, server);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${server.url}/explore/region:sh?lang=en`);
    await expect.poll(() => textOf(page, 'explore-scope-name'), UI).toBe('Shanghai');
    await expect.poll(() => textOf(page, 'explore-breadcrumb'), UI).toMatch(/East China.*Shanghai/);
    await expect.poll(() => textOf(page, 'child-table'), UI).toMatch(/Shanghai Pudong Center/);
    expect(await textOf(page, 'child-table')).not.toMatch(/上海浦东/);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/explore-english-names-1366.png` });

    await page.goto(`${server.url}/wall/region?scope=region:east&lang=en`);
    await expect.poll(() => textOf(page, 'wall-scope'), UI).toBe('East China');
    await expect.poll(() => textOf(page, 'wall-children'), UI).toMatch(/Shanghai/);

    await page.goto(`${server.url}/explore/region:sh?lang=zh-CN`);
    await expect.poll(() => textOf(page, 'explore-scope-name'), UI).toBe('上海');
    await expect.poll(() => textOf(page, 'child-table'), UI).toMatch(/上海浦东服务中心/);
    expect(errors).toEqual([]);
    await context.close();

    // A paired wall screen, which reads names from the server rather than the organisation lists.
    const wall = await newWallContext(browser);
    const screen = await wall.newPage();
    for (const [width, height] of [[1920, 1080], [3840, 2160]] as const) {
      await screen.setViewportSize({ width, height });
      await screen.goto(`${server.url}/wall/region?token=${VIEW_TOKEN}&scope=region:east&lang=en`);
      await expect.poll(() => textOf(screen, 'wall-scope'), UI).toBe('East China');
      await expect.poll(() => textOf(screen, 'wall-children'), UI).toMatch(/Shanghai/);
      await screen.screenshot({ path: `${SCREENSHOT_DIR}/wall-english-names-${width}.png` });
    }
    await wall.close();
  });
});

async function pageIn(locale: 'en' | 'zh-CN'): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await newSignedInContext(browser, server, server.admin, locale);
  const page = await context.newPage();
  await page.setViewportSize({ width: 1366, height: 768 });
  return { page, errors: collectPageErrors(page), close: () => context.close() };
}

describe('center and region names in server answers (the breach desk, a ticket\'s page, the alert list), in the page language', () => {
  it('carries the English names beside the names in the answers, only where the organisation gave them', async () => {
    const desk = (await call(server, 'GET', '/api/v1/sla/at-risk?within=1d&breached=include')).json as { items: unknown[] };
    expect(desk.items[0]).toMatchObject({ centerName: '上海浦东服务中心', centerNameEn: 'Shanghai Pudong Center' });
    const ticket = (await call(server, 'GET', '/api/v1/tickets/BR-1')).json as { center: unknown; names: unknown };
    expect(ticket.center).toMatchObject({ name: '上海浦东服务中心', nameEn: 'Shanghai Pudong Center', regionName: '上海', regionNameEn: 'Shanghai' });
    const alerts = (await call(server, 'GET', '/api/v1/alerts?ruleId=sla.breach')).json as AlertListPage;
    expect(alerts.alerts[0]).toMatchObject({ scopeName: '上海浦东服务中心', scopeNameEn: 'Shanghai Pudong Center' });
  });

  it('shows the English center name on the breach desk, a ticket\'s page and the alert list in English', async () => {
    const { page, errors, close } = await pageIn('en');
    await page.goto(`${server.url}/sla?tab=breached&lang=en`);
    await expect.poll(() => textOf(page, 'breach-row-BR-1'), UI).toContain('Shanghai Pudong Center');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/sla-english-names-1366.png` });

    await page.goto(`${server.url}/tickets/BR-1?lang=en`);
    await expect.poll(() => textOf(page, 'ticket-center-link'), UI).toBe('Shanghai Pudong Center');
    expect(await page.locator('body').innerText()).not.toMatch(/上海浦东|上海 ·/);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/ticket-english-names-1366.png` });

    await page.goto(`${server.url}/alerts?lang=en`);
    await expect.poll(() => page.locator('body').innerText(), UI).toContain('Shanghai Pudong Center');
    expect(await page.locator('body').innerText()).not.toContain('上海浦东服务中心');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/alerts-english-names-1920.png` });
    expect(errors).toEqual([]);
    await close();
  });

  it('shows the English center name on a paired wall screen\'s breach board and alert banner', async () => {
    const wall = await newWallContext(browser);
    const screen = await wall.newPage();
    for (const [width, height] of [[1920, 1080], [3840, 2160]] as const) {
      await screen.setViewportSize({ width, height });
      await screen.goto(`${server.url}/wall/breach?token=${VIEW_TOKEN}&lang=en`);
      const row = screen.getByTestId('wall-breach-BR-1').first();
      await row.waitFor(UI);
      expect(await row.getByTestId('wall-breach-center').textContent()).toBe('Shanghai Pudong Center');
      await expect.poll(() => textOf(screen, 'wall-alert-scope'), UI).toBe('Shanghai Pudong Center');
      await screen.screenshot({ path: `${SCREENSHOT_DIR}/wall-breach-english-names-${width}.png` });
    }
    await wall.close();
  });

  it('keeps the Chinese names in the Chinese UI', async () => {
    const { page, errors, close } = await pageIn('zh-CN');
    await page.goto(`${server.url}/sla?tab=breached&lang=zh-CN`);
    await expect.poll(() => textOf(page, 'breach-row-BR-1'), UI).toContain('上海浦东服务中心');
    await page.goto(`${server.url}/tickets/BR-1?lang=zh-CN`);
    await expect.poll(() => textOf(page, 'ticket-center-link'), UI).toBe('上海浦东服务中心');
    await page.goto(`${server.url}/alerts?lang=zh-CN`);
    await expect.poll(() => page.locator('body').innerText(), UI).toContain('上海浦东服务中心');
    expect(await page.locator('body').innerText()).not.toContain('Shanghai Pudong Center');
    expect(errors).toEqual([]);
    await close();
  });
});

describe('center names on the complaint page and the silences list, in the page language', () => {
  it('names the complaint\'s center and region, and a silence\'s scope and muted alert, in English in the English UI', async () => {
    const opened = { id: 'CP-EN-opened', type: 'complaint.opened', at: new Date(NOW - 20 * 60_000).toISOString(), ticketId: 'BR-1', data: { complaintId: 'CP-EN', category: 'timeliness', severity: 'high' } } as const;
    expect((await postEvents(server, [opened])).status).toBe(200);
    const silence = await call(server, 'POST', '/api/v1/alert-silences', { matchers: [{ name: 'scope', op: '=', value: 'center:sh-01' }], durationMs: 3_600_000, comment: 'works at Pudong' });
    expect(silence.status).toBe(201);
    expect(silence.json).toMatchObject({ silence: { scopeName: '上海浦东服务中心', scopeNameEn: 'Shanghai Pudong Center' } });

    const { page, errors, close } = await pageIn('en');
    await page.goto(`${server.url}/complaints/CP-EN?lang=en`);
    await expect.poll(() => textOf(page, 'complaint-center'), UI).toBe('Shanghai Pudong Center · Shanghai');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/complaint-english-names-1366.png` });
    await page.goto(`${server.url}/complaints?lang=en`);
    await expect.poll(() => page.getByTestId('complaint-row-CP-EN').getByTestId('complaint-center').textContent(), UI).toBe('Shanghai Pudong Center');
    expect(await page.getByTestId('complaint-row-CP-EN').innerText()).not.toContain('上海浦东');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/complaints-desk-english-names-1366.png` });

    await page.goto(`${server.url}/alerts/silences?lang=en`);
    const listed = page.getByTestId('silence').first();
    await expect.poll(() => listed.innerText(), UI).toMatch(/scope = Shanghai Pudong Center/i);
    await listed.getByTestId('silence-mutes').click();
    await expect.poll(() => listed.innerText(), UI).toMatch(/Shanghai Pudong Center[\s\S]*Shanghai Pudong Center/);
    expect(await page.locator('body').innerText()).not.toContain('上海浦东');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/silences-english-names-1366.png` });
    expect(errors).toEqual([]);
    await close();

    const chinese = await pageIn('zh-CN');
    await chinese.page.goto(`${server.url}/complaints/CP-EN?lang=zh-CN`);
    await expect.poll(() => textOf(chinese.page, 'complaint-center'), UI).toBe('上海浦东服务中心 · 上海');
    await chinese.close();
  });
});

describe('center names in the drill-down\'s ticket list and the tickets CSV', () => {
  it('lists a figure\'s tickets with the English center name in English, and exports both names as columns', async () => {
    const { page, errors, close } = await pageIn('en');
    await page.goto(`${server.url}/explore/center:sh-01?lang=en`);
    await page.getByTestId('kpi-backlog_open').click();
    await page.getByTestId('metric-ticket-BR-1').waitFor(UI);
    expect(await textOf(page, 'metric-tickets')).toContain('Shanghai Pudong Center');
    expect(await textOf(page, 'metric-tickets')).not.toContain('上海浦东');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/explore-tickets-english-names-1366.png` });
    expect(errors).toEqual([]);
    await close();

    // A spreadsheet keeps one layout whatever the exporter's language: both names, side by side.
    for (const path of ['/api/v1/tickets?format=csv', '/api/v1/metrics/backlog_open/tickets?scope=center%3Ash-01&window=today&format=csv']) {
      const lines = (await call(server, 'GET', path)).text.trim().split(/\r?\n/);
      expect(lines[0]).toContain('centerId,centerName,centerNameEn,engineerId');
      expect(lines.find((line) => line.startsWith('BR-1,'))).toContain(',sh-01,上海浦东服务中心,Shanghai Pudong Center,');
    }
  });
});

/**
 * Customers and product lines in the page language. c-001 and the air conditioners have English names;
 * c-002 has none, as data from a system that keeps one name only, and shows its Chinese name in English.
 */
const HOSPITAL = 'Shanghai Renji Hospital';
const minutesAgo = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();

const customerCell = (page: Page, ticketId: string) => page.getByTestId(`tickets-row-${ticketId}`).getByTestId('tickets-row-customer').textContent();

describe('customer and product line names in the page language', () => {
  beforeAll(async () => {
    const customers = smallNetwork.customers.map((customer) => (customer.id === 'c-001' ? { ...customer, nameEn: HOSPITAL } : customer));
    expect((await call(server, 'PUT', '/api/v1/org/customers', customers)).status).toBe(200);
    const products = smallNetwork.products.map((product) => (product.line === '中央空调' ? { ...product, lineEn: 'Central Air Conditioning' } : product));
    expect((await call(server, 'PUT', '/api/v1/org/products', products)).status).toBe(200);
    const events = [
      createdEvent('EN-1', minutesAgo(40)),
      createdEvent('EN-2', minutesAgo(20), { customerId: 'c-002', productModel: 'EL-200' }),
      { id: 'EN-1-complaint', type: 'complaint.opened', at: minutesAgo(10), ticketId: 'EN-1', data: { complaintId: 'CP-EN-1', category: 'timeliness', severity: 'high' } },
    ] as const;
    expect((await postEvents(server, [...events])).json).toMatchObject({ accepted: events.length, rejected: [] });
  });

  it('shows the customer\'s English name on the tickets list and the ticket page once English is chosen, the Chinese name where none is known', async () => {
    const context = await newSignedInContext(browser, server);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${server.url}/tickets`);
    await expect.poll(() => customerCell(page, 'EN-1'), UI).toBe('上海某医院');

    await page.getByText('English', { exact: true }).click();
    await expect.poll(() => customerCell(page, 'EN-1'), UI).toBe(HOSPITAL);
    expect(await customerCell(page, 'EN-2')).toBe('某连锁超市');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/tickets-customer-names-en-1366.png` });

    await page.getByTestId('tickets-row-EN-1').getByRole('link', { name: 'EN-1' }).click();
    await expect.poll(() => textOf(page, 'ticket-customer-name'), UI).toBe(HOSPITAL);
    expect(await textOf(page, 'ticket-product-line')).toBe('Central Air Conditioning');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/ticket-customer-names-en-1366.png` });

    await page.getByTestId('ticket-search').fill('shanghai ren');
    await expect.poll(() => page.getByTestId('search-customers-c-001').textContent(), UI).toContain(HOSPITAL);

    await page.goto(`${server.url}/complaints`);
    await expect.poll(() => page.getByTestId('complaint-row-CP-EN-1').getByTestId('complaint-customer').textContent(), UI).toBe(HOSPITAL);
    await page.goto(`${server.url}/complaints/CP-EN-1`);
    await expect.poll(() => textOf(page, 'complaint-customer'), UI).toContain(HOSPITAL);
    expect(await textOf(page, 'complaint-product')).toBe('AC-9000 · Central Air Conditioning');

    await page.getByText('中文', { exact: true }).click();
    await expect.poll(() => textOf(page, 'complaint-customer'), UI).toContain('上海某医院');
    expect(await textOf(page, 'complaint-product')).toBe('AC-9000 · 中央空调');
    await page.goto(`${server.url}/tickets/EN-1`);
    await expect.poll(() => textOf(page, 'ticket-customer-name'), UI).toBe('上海某医院');
    expect(await textOf(page, 'ticket-product-line')).toBe('中央空调');
    expect(errors).toEqual([]);
    await context.close();
  });
});

/** The options a select offers besides its "all" choice. */
const choicesOf = (page: Page, select: string) => page.locator(select).first().locator('option:not([value=""])').allTextContents();

describe('the region filters in the page language', () => {
  it('offers regions, cities and centers by their English names on the breach desk, the complaint desk and the alert list', async () => {
    const { page, errors, close } = await pageIn('en');
    for (const path of ['/sla', '/complaints']) {
      await page.goto(`${server.url}${path}?lang=en`);
      await expect.poll(() => choicesOf(page, '[data-testid="filter-region"]'), UI).toContain('East China');
      expect((await choicesOf(page, '[data-testid="filter-region"]')).join(' ')).not.toMatch(/华东|西南/);
      await page.getByTestId('filter-region').selectOption('east');
      await expect.poll(() => choicesOf(page, '[data-testid="filter-city"]'), UI).toEqual(['Shanghai']);
    }
    await page.goto(`${server.url}/alerts?lang=en`);
    await expect.poll(() => choicesOf(page, '[data-testid="filter-scope"] select'), UI).toContain('East China');
    expect((await choicesOf(page, '[data-testid="filter-scope"] select')).join(' ')).not.toMatch(/华东|西南/);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/alerts-scope-filter-english-1920.png` });
    expect(errors).toEqual([]);
    await close();
  });
});
