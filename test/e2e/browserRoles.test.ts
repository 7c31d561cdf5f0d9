import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { postEvents } from '../support/api';
import { UI, collectPageErrors, launchBrowser, textOf } from '../support/browser';
import { SCREENSHOT_DIR, newSignedInContext } from '../support/signedInBrowser';
import { createdEvent, loadSmallNetwork } from '../support/smallNetwork';
import { type Session, type TestServer, signInAs, startTestServer } from '../support/testServer';

/** 10:30 in Shanghai on a working Monday: the week began 10.5 hours ago. */
const NOW = Date.parse('2026-11-23T10:30:00+08:00');
const at = (minutesAgo: number) => new Date(NOW - minutesAgo * 60_000).toISOString();
const step = (ticketId: string, type: string, minutesAgo: number, data: Record<string, unknown> = {}) => ({ id: `${ticketId}-${type}-${minutesAgo}`, type, at: at(minutesAgo), ticketId, data });

/** 张伟 (e-001, 浦东) has two open tickets and two resolved this week, one of them after a second visit. */
function history() {
  return [
    createdEvent('PD-1', at(50), { engineerId: 'e-001' }),
    createdEvent('PD-2', at(40), { engineerId: 'e-001', priority: 'P1' }),
    createdEvent('R-1', at(300), { engineerId: 'e-001' }),
    step('R-1', 'ticket.engineer_arrived', 250),
    step('R-1', 'ticket.resolved', 200),
    createdEvent('R-2', at(300), { engineerId: 'e-001' }),
    step('R-2', 'ticket.engineer_arrived', 260),
    step('R-2', 'ticket.engineer_arrived', 220),
    step('R-2', 'ticket.resolved', 180),
    createdEvent('SJ-1', at(30), { centerId: 'sh-02', customerId: 'c-002' }),
  ];
}

/** Ten tickets 张伟 fixed in one visit `daysAgo` days ago, each scored 5 on its return call: enough for a star. */
function starMonth(daysAgo = 9, prefix = 'S') {
  const day = daysAgo * 1440;
  return Array.from({ length: 10 }, (_, i) => {
    const id = `${prefix}-${i}`;
    return [createdEvent(id, at(day + 60)), step(id, 'ticket.assigned', day + 55, { engineerId: 'e-001' }), step(id, 'ticket.engineer_arrived', day), step(id, 'ticket.resolved', day - 60), step(id, 'survey.completed', day - 1440, { score: 5 })];
  }).flat();
}

describe('each role in a real browser', () => {
  let browser: Browser;
  let server: TestServer;
  let page: Page;
  /** Every page's errors, whichever tab: a page that throws is broken even if it looks fine. */
  let pageErrors: string[][] = [];
  const errors = () => pageErrors.flat();
  const opened: { close(): Promise<void> }[] = [];

  /** `prepare` sees the browser's context before the first page loads, as a flaky network would. */
  async function open(session: Session, path: string, viewport = { width: 1366, height: 768 }, prepare?: (context: BrowserContext) => Promise<unknown>): Promise<Page> {
    const context = await newSignedInContext(browser, server, session);
    opened.push(context);
    await prepare?.(context);
    const tab = await context.newPage();
    await tab.setViewportSize(viewport);
    pageErrors.push(collectPageErrors(tab));
    await tab.goto(`${server.url}${path}`);
    return tab;
  }

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    server = await startTestServer({ serveClient: true, clock: { now: () => NOW } });
    await loadSmallNetwork(server);
    expect((await postEvents(server, history())).status).toBe(200);
  });
  afterEach(async () => {
    for (const context of opened.splice(0)) await context.close();
    pageErrors = [];
    await server?.close();
  });

  it('moves a center drill-down with the events posted to it, without a reload', async () => {
    page = await open(server.admin, '/explore/center:sh-01');
    await expect.poll(() => textOf(page, 'kpi-backlog_open'), UI).toBe('2');
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    expect((await postEvents(server, [createdEvent('NEW-1', at(5)), createdEvent('NEW-2', at(4)), createdEvent('NEW-3', at(3))])).status).toBe(200);
    await expect.poll(() => textOf(page, 'kpi-backlog_open'), UI).toBe('5');
    await expect.poll(() => textOf(page, 'child-engineer:e-001-backlog_open'), UI).toBe('2');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/explore-live-center-1920.png` });
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(errors()).toEqual([]);
  });

  it('lands a center supervisor on their center, a supervisor of two on a chooser, and offers their own scopes outside their access', async () => {
    const center = await signInAs(server, { username: 's-pd', role: 'supervisor', grants: [{ kind: 'center', id: 'sh-01' }] });
    page = await open(center, '/');
    await page.waitForURL(/\/explore\/center:sh-01$/, UI);
    await expect.poll(() => textOf(page, 'explore-scope-name'), UI).toBe('上海浦东服务中心');
    // The regions around the center are named, not offered as links that would only be refused.
    expect(await textOf(page, 'explore-breadcrumb')).toMatch(/华东.*上海.*上海浦东服务中心/);
    expect(await page.getByTestId('crumb-region:east').count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/landing-center-supervisor-1366.png` });

    await page.goto(`${server.url}/explore/region:east`);
    await page.getByTestId('own-scopes').waitFor(UI);
    await page.getByTestId('own-scope-center:sh-01').click();
    await expect.poll(() => textOf(page, 'explore-scope-name'), UI).toBe('上海浦东服务中心');

    // A wall and a ticket outside the grant offer the same way back: the wall to the same board of their own center.
    await page.goto(`${server.url}/wall/center?scope=center:sh-02&lang=en`);
    await page.getByTestId('wall-refused').waitFor(UI);
    // The card stands before the organisation is read, its name "reading" until then.
    await expect.poll(() => textOf(page, 'own-scope-center:sh-01'), UI).toMatch(/上海浦东服务中心|Shanghai Pudong/);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/wall-refused-own-scopes-en-1366.png` });
    await page.getByTestId('own-scope-center:sh-01').click();
    await page.waitForURL(/\/wall\/center\?scope=center(:|%3A)sh-01/, UI);
    await page.goto(`${server.url}/tickets/SJ-1`);
    await page.getByTestId('ticket-out-of-scope').waitFor(UI);
    await page.getByTestId('own-scope-center:sh-01').waitFor(UI);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/ticket-refused-own-scopes-1366.png` });

    const two = await signInAs(server, { username: 's-two', role: 'supervisor', grants: [{ kind: 'center', id: 'sh-02' }, { kind: 'center', id: 'urc-01' }] });
    // The first read of the centers fails, as on a server that is busy or restarting: the names come with the next.
    let refused = 0;
    const failFirstRead = (context: BrowserContext) =>
      context.route('**/api/v1/org/centers', (route) => (refused++ === 0 ? route.fulfill({ status: 503, body: '' }) : route.continue()));
    page = await open(two, '/', { width: 1920, height: 1080 }, failFirstRead);
    await expect.poll(() => textOf(page, 'own-scopes'), UI).toMatch(/上海松江服务中心.*乌鲁木齐服务中心|乌鲁木齐服务中心.*上海松江服务中心/);
    expect(refused).toBeGreaterThan(1);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/landing-chooser-1920.png` });
    // The region outside the grant was refused on purpose, and the first read of the centers; nothing else may fail.
    expect(errors().filter((error) => !/status of (403|503)/.test(error))).toEqual([]);
  });

  it('shows an engineer their tickets and scorecard and nothing else in the menu; a supervisor\'s exclusion shows on it', async () => {
    const engineer = await signInAs(server, { username: 'e-zw', role: 'engineer', engineerId: 'e-001' });
    page = await open(engineer, '/');
    await page.waitForURL(/\/me$/, UI);
    await page.getByTestId('my-ticket-PD-2').waitFor(UI);
    expect(await page.getByTestId('app-nav').locator('a').evaluateAll((links) => links.map((link) => link.getAttribute('data-testid')))).toEqual(['nav-me', 'nav-myTickets']);
    await expect.poll(() => textOf(page, 'my-ticket-countdown-PD-2'), UI).toMatch(/剩余|已超时/);
    const volume = () => page.getByTestId('score-resolved_in_window-week').locator('[data-role="value"]').textContent();
    await expect.poll(volume, UI).toMatch(/^\s*2\s*$/);
    expect(await textOf(page, 'score-first_time_fix_rate')).toMatch(/公式/);
    expect(await page.getByTestId('exclusion-form').count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/engineer-page-1366.png`, fullPage: true });

    const supervisor = await signInAs(server, { username: 's-pd2', role: 'supervisor', grants: [{ kind: 'center', id: 'sh-01' }] });
    const desk = await open(supervisor, '/explore/center:sh-01');
    await desk.getByTestId('child-link-engineer:e-001').click();
    await desk.waitForURL(/\/engineers\/e-001$/, UI);
    await desk.getByTestId('exclusion-ticket').fill('R-2');
    await desk.getByTestId('exclusion-reason').fill('客户爽约');
    await desk.getByTestId('exclusion-submit').click();
    await desk.getByTestId('exclusion-R-2').waitFor(UI);
    await desk.setViewportSize({ width: 1920, height: 1080 });
    await desk.screenshot({ path: `${SCREENSHOT_DIR}/engineer-page-supervisor-1920.png` });

    await page.reload();
    await page.getByTestId('exclusion-R-2').waitFor(UI);
    expect(await textOf(page, 'exclusion-R-2')).toMatch(/客户爽约/);
    await expect.poll(volume, UI).toMatch(/^\s*1\s*$/);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/engineer-page-1920.png`, fullPage: true });

    // Another center's ticket is refused, and the way back is their own page.
    await page.goto(`${server.url}/tickets/SJ-1`);
    await page.getByTestId('ticket-out-of-scope').waitFor(UI);
    await page.getByTestId('outside-access-my-page').click();
    await page.waitForURL(/\/me$/, UI);
    expect(errors().filter((error) => !error.includes('status of 403'))).toEqual([]);
  });

  it('shows a ticket assigned to the engineer on their page as it is posted, without a reload', async () => {
    const engineer = await signInAs(server, { username: 'e-live', role: 'engineer', engineerId: 'e-001' });
    page = await open(engineer, '/me');
    await page.getByTestId('my-ticket-PD-2').waitFor(UI);
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    // No symptom recorded: the job and the product say what the ticket is (9e38ed0), no separator left dangling.
    expect((await postEvents(server, [createdEvent('NEW-E', at(5), { symptom: undefined }), step('NEW-E', 'ticket.assigned', 4, { engineerId: 'e-001' })])).status).toBe(200);
    // Well inside the page's minute-long safety refresh: the feed brought it.
    await page.getByTestId('my-ticket-NEW-E').waitFor(UI);
    await expect.poll(() => textOf(page, 'my-ticket-countdown-NEW-E'), UI).toMatch(/剩余|已超时/);
    expect(await page.getByTestId('my-ticket-NEW-E').locator('td').first().locator('.my-tickets__sub').textContent()).toBe('P2 · 维修 · AC-9000');
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(errors()).toEqual([]);
  });

  it('names the month\'s service star on the center\'s wall and on the engineer\'s page, in English with ?lang=en', async () => {
    // And October's: 30 days before 23 November, resolved and scored within October.
    expect((await postEvents(server, [...starMonth(), ...starMonth(30, 'OCT')])).status).toBe(200);
    page = await open(server.admin, '/wall/center?scope=center:sh-01&lang=en', { width: 1920, height: 1080 });
    await expect.poll(() => textOf(page, 'wall-service-star-name'), UI).toBe('张伟');
    expect(await textOf(page, 'wall-service-star-last-month')).toMatch(/^Last month \(2026-10\): 张伟, score \d+/);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/wall-center-star-1920.png` });
    await page.setViewportSize({ width: 3840, height: 2160 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/wall-center-star-3840.png` });

    const engineer = await signInAs(server, { username: 'e-star', role: 'engineer', engineerId: 'e-001' });
    const own = await open(engineer, '/me?lang=en');
    await expect.poll(() => textOf(own, 'service-star-name'), UI).toMatch(/张伟/);
    expect(await textOf(own, 'service-star-formula')).toMatch(/Score = 30 × resolution SLA compliance/);
    expect(await textOf(own, 'service-star-last-month')).toMatch(/^Last month \(2026-10\): 张伟, score \d+/);
    expect(await textOf(own, 'scorecard')).toMatch(/This week.*This month/);
    await own.screenshot({ path: `${SCREENSHOT_DIR}/engineer-page-en-1366.png` });
    expect(errors()).toEqual([]);
  });
});
