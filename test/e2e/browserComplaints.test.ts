import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { postEvents } from '../support/api';
import { UI, collectPageErrors, launchBrowser, newWallContext, textOf } from '../support/browser';
import { SCREENSHOT_DIR, newSignedInContext } from '../support/signedInBrowser';
import { createdEvent, loadSmallNetwork } from '../support/smallNetwork';
import { type TestServer, VIEW_TOKEN, call, signInAs, startTestServer } from '../support/testServer';

/** 10:30 in Shanghai on a working Monday. */
const NOW = Date.parse('2026-11-23T10:30:00+08:00');
const at = (minutesAgo: number) => new Date(NOW - minutesAgo * 60_000).toISOString();

const TICKETS = [
  createdEvent('CP-1', at(300), { priority: 'P1', serialNo: 'SN-AC-778812' }),
  createdEvent('CP-2', at(200), { centerId: 'sh-02', customerId: 'c-002', productModel: 'EL-200' }),
  createdEvent('CP-3', at(3000), { centerId: 'urc-01', customerId: 'c-003' }),
];

function complaintOpened(id: string, ticketId: string, minutesAgo: number, data: Record<string, unknown> = {}) {
  return { id: `${id}-opened`, type: 'complaint.opened', at: at(minutesAgo), ticketId, data: { complaintId: id, category: 'timeliness', severity: 'high', ...data } };
}

/**
 * Counts the wall's beeps: the opt-in sound is two tones made with Web Audio, so each beep starts
 * oscillators. Installed before the page's own scripts run.
 */
async function countBeeps(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const beeps = { count: 0 };
    (window as unknown as { beeps: typeof beeps }).beeps = beeps;
    const Original = window.AudioContext;
    window.AudioContext = class extends Original {
      override createOscillator(): OscillatorNode {
        beeps.count++;
        return super.createOscillator();
      }
    };
  });
}

const beepsOf = (page: Page) => page.evaluate(() => (window as unknown as { beeps: { count: number } }).beeps.count);

describe('the complaint desk and wall in a real browser', () => {
  let browser: Browser;
  let server: TestServer;
  const contexts: BrowserContext[] = [];
  let pageErrors: string[];

  async function openPage(context: Promise<BrowserContext>): Promise<Page> {
    const opened = await context;
    contexts.push(opened);
    const page = await opened.newPage();
    pageErrors.push(...collectPageErrors(page));
    return page;
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    pageErrors = [];
    server = await startTestServer({ serveClient: true, clock: { now: () => NOW } });
    await loadSmallNetwork(server);
    expect((await postEvents(server, TICKETS)).json).toMatchObject({ accepted: TICKETS.length, rejected: [] });
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
    await server?.close();
  });

  it('shows a complaint posted through the API on /complaints and on the complaints wall, without a reload, with the wall\'s sound', async () => {
    const desk = await openPage(newSignedInContext(browser, server));
    await desk.goto(`${server.url}/complaints`);
    await desk.getByTestId('complaints-none').waitFor(UI);
    const wallContext = newWallContext(browser);
    await countBeeps(await wallContext);
    const wall = await openPage(wallContext);
    await wall.goto(`${server.url}/wall/complaints?token=${VIEW_TOKEN}&sound=on`);
    await expect.poll(() => textOf(wall, 'wall-complaints-open'), UI).toBe('0');
    const navigations: string[] = [];
    for (const page of [desk, wall]) page.on('framenavigated', (frame) => navigations.push(frame.url()));

    expect((await postEvents(server, [complaintOpened('cp-1', 'CP-1', 1)])).status).toBe(200);

    const row = desk.getByTestId('complaint-row-cp-1');
    await row.waitFor(UI);
    expect(await row.getByTestId('complaint-level').textContent()).toBe('门店');
    expect(await row.getByTestId('complaint-customer').textContent()).toBe('上海某医院');
    expect(await row.getByTestId('complaint-center').textContent()).toBe('上海浦东服务中心');
    expect(await row.getByTestId('complaint-category').textContent()).toBe('时效');
    await expect.poll(() => textOf(desk, 'complaints-total'), UI).toBe('共 1 件');
    // The first-response deadline counts down from 24 hours.
    await expect.poll(async () => (await row.getByTestId('complaint-clock-response').textContent())?.trim(), UI).toMatch(/^首次响应\s*23小时5\d分$/);

    const wallRow = wall.getByTestId('wall-complaint-cp-1').first();
    await wallRow.waitFor(UI);
    expect(await wallRow.getAttribute('data-fresh')).toBe('true');
    expect(await wallRow.getByTestId('wall-complaint-center').textContent()).toBe('上海浦东服务中心');
    await expect.poll(() => textOf(wall, 'wall-complaints-open'), UI).toBe('1');
    expect(await textOf(wall, 'wall-complaints-level-center')).toBe('1');
    expect(await textOf(wall, 'wall-complaints-category-timeliness')).toBe('1');
    await expect.poll(() => beepsOf(wall), UI).toBeGreaterThan(0);
    // Names, never ids, on a screen read from across the room.
    expect(await textOf(wall, 'wall-board-complaints')).not.toMatch(/center:|return_visit|timeliness|sh-01/);
    expect(navigations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('fills the complaints wall\'s lists at 1920 in English, each header on one line, and counts the rest', async () => {
    const tickets = Array.from({ length: 14 }, (_, index) => createdEvent(`CW-${index}`, at(400 + index), { customerId: 'c-003' }));
    const complaints = tickets.map((ticket, index) => complaintOpened(`cw-${index}`, ticket.ticketId, 60 + index));
    expect((await postEvents(server, [...tickets, ...complaints])).status).toBe(200);
    const wall = await openPage(newWallContext(browser));
    await wall.goto(`${server.url}/wall/complaints?token=${VIEW_TOKEN}&lang=en`);
    await expect.poll(() => textOf(wall, 'wall-complaints-total-newest'), UI).toBe('14');
    const card = wall.getByTestId('wall-complaints-newest');
    const layout = () => card.evaluate((element) => {
      const rows = [...element.querySelectorAll('tbody tr')].filter((row) => getComputedStyle(row).visibility !== 'collapse');
      const lineOf = (cell: Element) => Number.parseFloat(getComputedStyle(cell).lineHeight);
      return { shown: rows.length, headers: [...element.querySelectorAll('thead th')].map((th) => Math.round(th.getBoundingClientRect().height / lineOf(th))) };
    });
    await expect.poll(async () => (await layout()).shown, UI).toBeGreaterThanOrEqual(8);
    const { shown, headers } = await layout();
    expect(headers).toEqual([1, 1, 1]);
    expect(await textOf(wall, 'wall-complaints-more-newest')).toContain(String(14 - shown));
    expect(pageErrors).toEqual([]);
  });

  it('lets a region supervisor escalate a complaint from its page, and the audit log names them', async () => {
    expect((await postEvents(server, [complaintOpened('cp-1', 'CP-1', 30)])).status).toBe(200);
    const supervisor = await signInAs(server, { username: 'sup.east', role: 'supervisor', grants: [{ kind: 'region', id: 'east' }] });
    const page = await openPage(newSignedInContext(browser, server, supervisor));
    await page.goto(`${server.url}/complaints/cp-1`);
    await expect.poll(() => textOf(page, 'complaint-level'), UI).toBe('门店');
    expect(await page.getByTestId('complaint-ticket-link').getAttribute('href')).toBe('/tickets/CP-1');
    expect(await textOf(page, 'complaint-customer')).toContain('上海某医院');
    expect(await textOf(page, 'complaint-product')).toContain('AC-9000');

    // Without a reason the page names the field and sends nothing.
    await page.getByTestId('complaint-escalate').click();
    await expect.poll(() => textOf(page, 'complaint-action-failed'), UI).toContain('升级原因');

    await page.getByTestId('complaint-escalate-reason').fill('客户要求区部介入，门店两次上门未解决');
    await page.getByTestId('complaint-escalate').click();
    await expect.poll(() => textOf(page, 'complaint-action-done'), UI).toBe('已升级到区部。');
    await expect.poll(() => textOf(page, 'complaint-level'), UI).toBe('区部');
    await expect.poll(() => textOf(page, 'complaint-history'), UI).toContain('客户要求区部介入');
    expect(await textOf(page, 'complaint-history')).toContain('sup.east');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/complaint-page-escalated-1366.png`, fullPage: true });

    const audit = await call(server, 'GET', '/api/v1/audit?action=complaint.escalate');
    expect(audit.status, audit.text).toBe(200);
    expect(audit.json.items).toEqual([expect.objectContaining({ actor: 'sup.east', action: 'complaint.escalate' })]);
    const admin = await openPage(newSignedInContext(browser, server));
    await admin.goto(`${server.url}/admin/audit?action=complaint.escalate`);
    await expect.poll(() => textOf(admin, 'audit-list'), UI).toContain('sup.east');
    expect(pageErrors).toEqual([]);
  });
});

/** A desk's worth of complaints at every level, from customers and from an unhappy return visit. */
const SCREENSHOT_EVENTS = [
  complaintOpened('cp-1', 'CP-1', 30),
  complaintOpened('cp-2', 'CP-2', 180, { category: 'attitude', severity: 'critical', owner: 'sup.east' }),
  { id: 'cp-2-escalated', type: 'complaint.escalated', at: at(100), ticketId: 'CP-2', data: { complaintId: 'cp-2', level: 2, reason: '门店处理超时' } },
  complaintOpened('cp-3', 'CP-3', 2900, { category: 'repair_quality', severity: 'medium', level: 2 }),
  { id: 'cp-3-escalated', type: 'complaint.escalated', at: at(60), ticketId: 'CP-3', data: { complaintId: 'cp-3', level: 3, reason: '区部两天未解决' } },
  complaintOpened('cp-4', 'CP-1', 90, { category: 'parts', severity: 'low' }),
  { id: 'cp-4-resolved', type: 'complaint.resolved', at: at(20), ticketId: 'CP-1', data: { complaintId: 'cp-4', resolution: '已补发备件并上门更换' } },
  { id: 'cp-2-survey', type: 'survey.completed', at: at(10), ticketId: 'CP-2', data: { score: 1, comment: '电梯修了三次还是坏' } },
];

describe('complaint screens as people read them', () => {
  let browser: Browser;
  let server: TestServer;

  beforeAll(async () => {
    browser = await launchBrowser();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    server = await startTestServer({ serveClient: true, clock: { now: () => NOW } });
    await loadSmallNetwork(server);
    expect((await postEvents(server, [...TICKETS, ...SCREENSHOT_EVENTS])).json).toMatchObject({ rejected: [] });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function pageIn(locale: 'zh-CN' | 'en', wallScreen: boolean): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
    const context = wallScreen ? await newWallContext(browser, locale) : await newSignedInContext(browser, server, server.admin, locale);
    await context.addInitScript((language) => window.localStorage.setItem('service-ops.locale', language), locale);
    const page = await context.newPage();
    return { page, errors: collectPageErrors(page), close: () => context.close() };
  }

  it.each(['zh-CN', 'en'] as const)('desk and complaint page at 1366×768 and 1920×1080 (%s)', async (locale) => {
    const { page, errors, close } = await pageIn(locale, false);
    for (const [width, height] of [[1366, 768], [1920, 1080]] as const) {
      await page.setViewportSize({ width, height });
      await page.goto(`${server.url}/complaints`);
      await page.getByTestId('complaint-row-cp-3').waitFor(UI);
      expect(await textOf(page, 'complaints-desk')).not.toMatch(/return_visit|awaiting_confirmation|center:|repair_quality/);
      // A return visit's complaint reads as what it is above its ticket: the ticket named once, no survey key.
      expect(await textOf(page, 'complaint-link-rv:cp-2-survey')).toBe(locale === 'en' ? 'Return-visit complaint' : '回访投诉');
      expect((await textOf(page, 'complaint-row-rv:cp-2-survey')).match(/CP-2/g)).toHaveLength(1);
      // Three tickets are too few to judge a rate by: it shows its n, and every center is named, never an id.
      await expect.poll(() => textOf(page, 'complaint-rate-overall'), UI).toContain('n=3');
      await page.getByTestId('complaint-rates-centers-toggle').click();
      const centers = await textOf(page, 'complaint-rates-centers');
      expect(centers).toContain('上海松江服务中心');
      expect(centers).not.toMatch(/sh-0|urc-01/);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/complaints-desk-${locale}-${width}.png`, fullPage: true });
      await page.getByTestId('complaint-rates-centers-toggle').click();
      await page.goto(`${server.url}/complaints/cp-2`);
      await page.getByTestId('complaint-history').waitFor(UI);
      await page.getByTestId('complaint-clocks').or(page.getByTestId('ticket-clocks')).first().waitFor(UI);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/complaint-page-${locale}-${width}.png`, fullPage: true });
    }
    expect(errors).toEqual([]);
    await close();
  });

  it.each(['zh-CN', 'en'] as const)('complaints wall at 1366×768, 1920×1080 and 3840×2160 (%s)', async (locale) => {
    const { page, errors, close } = await pageIn(locale, true);
    for (const [width, height] of [[1366, 768], [1920, 1080], [3840, 2160]] as const) {
      await page.setViewportSize({ width, height });
      await page.goto(`${server.url}/wall/complaints?token=${VIEW_TOKEN}&lang=${locale}`);
      await expect.poll(() => textOf(page, 'wall-complaints-open'), UI).toBe('5');
      // The oldest unresolved leads its panel, whatever fits below it.
      await page.getByTestId('wall-complaints-oldest').getByTestId('wall-complaint-cp-3').waitFor(UI);
      // A wall lists complaints even at 1366×768: the counts shrink to a strip there, so at least four rows show.
      const shownNewest = () => page.getByTestId('wall-complaints-newest').locator('tbody tr').evaluateAll((rows) => rows.filter((row) => getComputedStyle(row).visibility === 'visible').length);
      await expect.poll(shownNewest, UI).toBeGreaterThanOrEqual(4);
      expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight && document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      expect(await textOf(page, 'wall-board-complaints')).not.toMatch(/return_visit|center:|repair_quality|sh-01/);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/complaints-wall-${locale}-${width}.png` });
    }
    expect(errors).toEqual([]);
    await close();
  });

  // Last in this suite: its complaint adds to the open counts the tests above read.
  const LATE = [
    createdEvent('CP-9', at(8 * 24 * 60)),
    complaintOpened('cp-9', 'CP-9', 7 * 24 * 60),
    { id: 'cp-9-resolved', type: 'complaint.resolved', at: at(60), ticketId: 'CP-9', data: { complaintId: 'cp-9', resolution: '已上门处理' } },
  ];
  it.each(['en', 'zh-CN'] as const)('shows a missed deadline in the breached red on the desk and the complaint\'s page, a met one muted (%s)', async (locale) => {
    if (locale === 'en') expect((await postEvents(server, LATE)).json).toMatchObject({ accepted: LATE.length, rejected: [] });
    const { page, errors, close } = await pageIn(locale, false);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${server.url}/complaints?status=all`);
    const missed = page.getByTestId('complaint-row-cp-9').getByTestId('complaint-clock-response');
    await missed.waitFor(UI);
    expect(await missed.textContent()).toContain(locale === 'en' ? 'Missed' : '未达成');
    const red = await page.evaluate(() => {
      const probe = document.body.appendChild(document.createElement('span'));
      probe.style.color = 'var(--sla-breached)';
      const colour = getComputedStyle(probe).color;
      probe.remove();
      return colour;
    });
    const colourOf = (clock: typeof missed) => clock.locator('.complaint-clock__time').evaluate((time) => getComputedStyle(time).color);
    expect(await colourOf(missed)).toBe(red);
    expect(await missed.locator('svg').count()).toBe(1);
    const met = page.getByTestId('complaint-row-cp-4').getByTestId('complaint-clock-response');
    expect(await met.getAttribute('data-state')).toBe('stopped');
    expect(await colourOf(met)).not.toBe(red);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/complaints-desk-missed-${locale}-1366.png` });

    await page.goto(`${server.url}/complaints/cp-9`);
    const onPage = page.getByTestId('clock-complaint_response');
    await onPage.waitFor(UI);
    expect(await onPage.getAttribute('data-tone')).toBe('breached');
    expect(await onPage.getByTestId('clock-state-complaint_response').evaluate((state) => getComputedStyle(state).color)).toBe(red);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/complaint-page-missed-${locale}-1366.png` });
    expect(errors).toEqual([]);
    await close();
  });
});
