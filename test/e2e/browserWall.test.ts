import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { postEvents } from '../support/api';
import { UI, WALL_VIEWPORT, chartsSettled, collectPageErrors, launchBrowser, newWallContext, textOf } from '../support/browser';
import { SCREENSHOT_DIR, newSignedInContext } from '../support/signedInBrowser';
import { createdEvent, loadSmallNetwork, todaysFlowEvents } from '../support/smallNetwork';
import { type TestServer, VIEW_TOKEN, call, startTestServer } from '../support/testServer';

/** 10:30 in Shanghai on a working Monday. */
const NOW = Date.parse('2026-11-23T10:30:00+08:00');
const HEADLINE = ['wall-figure-backlog_open', 'wall-figure-created_today', 'wall-figure-resolved_today'] as const;
const at = (minutesAgo: number) => new Date(NOW - minutesAgo * 60_000).toISOString();
/** c-001's 7x24x4 contract gives first response 30 minutes: created 50 minutes ago and unanswered, BR-1 is past due. */
const BREACHED_TICKET = createdEvent('BR-1', at(50), { priority: 'P1' });

function headline(page: Page): Promise<string[]> {
  return Promise.all(HEADLINE.map((testId) => textOf(page, testId)));
}

/** Whether the page fits the screen as it hangs: nothing to scroll to, either way. */
function fitsScreen(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const root = document.documentElement;
    return root.scrollHeight <= window.innerHeight && root.scrollWidth <= window.innerWidth;
  });
}

async function screenshot(page: Page, name: string): Promise<void> {
  await chartsSettled(page);
  // Names and children arrive after the figures; the board is judged once they have all been laid out.
  await expect.poll(() => fitsScreen(page), UI).toBe(true);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png` });
}

describe('wall boards in a real browser', () => {
  let browser: Browser;
  let server: TestServer;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    browser = await launchBrowser();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    server = await startTestServer({ serveClient: true, clock: { now: () => NOW } });
    await loadSmallNetwork(server);
    context = await newWallContext(browser);
    page = await context.newPage();
    pageErrors = collectPageErrors(page);
  });
  afterEach(async () => {
    await context?.close();
    await server?.close();
  });

  it('counts posted events on the open network board without a reload, coloured by the address thresholds', async () => {
    await page.goto(`${server.url}/wall/network?token=${VIEW_TOKEN}&thresholds=backlog_open:1:3`);
    await expect.poll(() => headline(page), UI).toEqual(['0', '0', '0']);
    expect(await page.getByTestId('wall-tile-backlog_open').getAttribute('data-tone')).toBe('good');
    expect(await textOf(page, 'wall-title')).toBe('全网总览');
    expect(await page.getByTestId('product-name').count()).toBe(0);

    const navigations: string[] = [];
    page.on('framenavigated', (frame) => navigations.push(frame.url()));
    expect((await postEvents(server, todaysFlowEvents(NOW))).status).toBe(200);

    await expect.poll(() => headline(page), UI).toEqual(['1', '2', '1']);
    const tile = page.getByTestId('wall-tile-backlog_open');
    expect(await tile.getAttribute('data-tone')).toBe('warning');
    expect(await tile.textContent()).toContain('预警');
    expect(navigations).toEqual([]);
    expect(await textOf(page, 'wall-updated')).toMatch(/^更新于 \d\d:\d\d:\d\d$/);
    expect(pageErrors).toEqual([]);
  });

  it('covers the board when the server goes away and clears once it is back on the same port', async () => {
    await page.goto(`${server.url}/wall/network?token=${VIEW_TOKEN}&lang=en`);
    await expect.poll(() => headline(page), UI).toEqual(['0', '0', '0']);
    expect(await page.getByTestId('wall-stale-overlay').count()).toBe(0);

    const port = Number(new URL(server.url).port);
    await server.close();
    const overlay = page.getByTestId('wall-stale-overlay');
    await overlay.waitFor(UI);
    expect(await overlay.getAttribute('data-status')).toMatch(/^(reconnecting|stale)$/);
    expect(await overlay.textContent()).toContain('Figures below as of');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/wall-disconnected.png` });

    server = await startTestServer({ serveClient: true, clock: { now: () => NOW }, port });
    await loadSmallNetwork(server);
    expect((await postEvents(server, todaysFlowEvents(NOW))).status).toBe(200);
    await expect.poll(() => overlay.count(), UI).toBe(0);
    await expect.poll(() => headline(page), UI).toEqual(['1', '2', '1']);
  });

  it('lists breached tickets with countdowns on the breach board, announces the breach, and keeps a mute', async () => {
    await page.goto(`${server.url}/wall/breach?token=${VIEW_TOKEN}&sound=on`);
    await page.getByTestId('wall-empty-breached').waitFor(UI);
    expect((await postEvents(server, [BREACHED_TICKET])).status).toBe(200);

    const row = page.getByTestId('wall-breach-BR-1').first();
    await row.waitFor(UI);
    expect(await row.getAttribute('data-tone')).toBe('breached');
    // Read from across a room, and by a display token that may not read the organisation lists.
    expect(await row.getByTestId('wall-breach-center').textContent()).toBe('上海浦东服务中心');
    // Nobody clicks a paired wall screen, and its token could not open the ticket page: the id is plain text.
    expect(await row.getByTestId('ticket-link-BR-1').count()).toBe(0);
    await expect.poll(() => row.getByTestId('wall-breach-countdown').textContent(), UI).toMatch(/^2\d分\d\d秒$/);
    expect(await textOf(page, 'wall-total-breached')).toBe('1');

    // The breach reaches the banner as the alert the built-in SLA rule fires, which leads with its severity
    // in shape and word, and as the breach itself, counted among the others.
    const banner = page.getByTestId('wall-alert-banner');
    await banner.waitFor(UI);
    await expect.poll(() => banner.getAttribute('data-kind'), UI).toBe('alert');
    // Names, never ids: the metric as people say it, and the center by its name.
    expect(await textOf(page, 'wall-alert-text')).toContain('首次响应');
    expect(await textOf(page, 'wall-alert-text')).not.toContain('first_response');
    expect(await textOf(page, 'wall-alert-scope')).toBe('上海浦东服务中心');
    expect(await banner.locator('[data-severity] svg').count()).toBe(1);
    expect(await textOf(page, 'wall-alert-banner')).toMatch(/另有 \d+ 条/);
    // Where and how many more in the text's own colour: grey on the banner's pink did not carry across a room.
    const colourOf = (testId: string) => page.getByTestId(testId).evaluate((element) => getComputedStyle(element).color);
    expect(await colourOf('wall-alert-scope')).toBe(await colourOf('wall-alert-text'));
    await screenshot(page, 'wall-breach');

    await page.getByTestId('wall-alert-mute-15').click();
    await page.getByTestId('wall-alert-muted').waitFor(UI);
    expect(await page.evaluate(() => Number(localStorage.getItem('service-ops.wall.mutedUntil')) > Date.now())).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it('leads the breached list with the critical breach behind the banner, then the most overdue, rows filling the panel', async () => {
    // Twelve standard customers' first responses (2 h) breached 10 minutes ago, newer breaches than BR-1's (VIP, 7×24×4), and one 3 h overdue.
    const standard = Array.from({ length: 12 }, (_, index) => createdEvent(`ST-${index}`, at(130 + index / 10), { customerId: 'c-003' }));
    const oldest = createdEvent('ST-OLD', at(300), { customerId: 'c-003' });
    expect((await postEvents(server, [...standard, oldest, BREACHED_TICKET])).status).toBe(200);
    await page.goto(`${server.url}/wall/breach?token=${VIEW_TOKEN}`);
    await expect.poll(() => textOf(page, 'wall-total-breached'), UI).toBe('14');
    const rows = page.getByTestId('wall-section-breached').locator('tbody tr');
    const visibleIds = () => rows.evaluateAll((trs) => trs.filter((tr) => getComputedStyle(tr).visibility !== 'collapse').map((tr) => tr.getAttribute('data-testid')));
    await expect.poll(async () => (await visibleIds())[0], UI).toBe('wall-breach-BR-1');
    expect((await visibleIds())[1]).toBe('wall-breach-ST-OLD');
    expect(await rows.first().getByTestId('wall-breach-critical').count()).toBe(1);
    expect(await rows.nth(1).getByTestId('wall-breach-critical').count()).toBe(0);
    // No return visit is due: the follow-up card keeps to its line, and the breaches take the column, every row counted.
    const shown = (await visibleIds()).length;
    expect(shown).toBeGreaterThanOrEqual(10);
    const more = shown < 14 ? await textOf(page, 'wall-more-breached') : '';
    expect(more.match(/\d+/)?.[0] ?? '0').toBe(String(14 - shown));
    expect(pageErrors).toEqual([]);
  });

  it('rotates a playlist from the address, each board for its own interval', async () => {
    await page.goto(`${server.url}/wall?token=${VIEW_TOKEN}&playlist=network:5,breach:5`);
    await expect.poll(() => page.getByTestId('wall').getAttribute('data-board'), UI).toBe('network');
    expect(await textOf(page, 'wall-next')).toContain('超时看板');
    await expect.poll(() => page.getByTestId('wall').getAttribute('data-board'), UI).toBe('breach');
    await expect.poll(() => page.getByTestId('wall').getAttribute('data-board'), UI).toBe('network');
  });

  it('says which address parameters it ignored and shows the board anyway', async () => {
    await page.goto(`${server.url}/wall/lobby?token=${VIEW_TOKEN}&playlist=network:1&lang=en`);
    await expect.poll(() => headline(page), UI).toEqual(['0', '0', '0']);
    expect(await page.getByTestId('wall').getAttribute('data-board')).toBe('network');
    const ignored = await textOf(page, 'wall-ignored');
    expect(ignored).toContain('board: Invalid option');
    expect(ignored).toContain('playlist: seconds must be 5 to 3600');
  });

  it('lands on the wall once paired, naming its region and comparing the cities below it, and nothing beside it', async () => {
    const created = await call(server, 'POST', '/api/v1/displays', { name: '华东大厅', scope: 'region:east', board: 'region' });
    expect(created.status, created.text).toBe(201);
    expect((await postEvents(server, todaysFlowEvents(NOW))).status).toBe(200);
    await page.goto(`${server.url}${created.json.pairing.path}`);
    await expect.poll(() => new URL(page.url()).pathname, UI).toBe('/wall');
    expect(await page.getByTestId('wall').getAttribute('data-board')).toBe('region');
    await expect.poll(() => textOf(page, 'wall-scope'), UI).toBe('华东');

    const city = page.getByTestId('wall-child-sh');
    await city.waitFor(UI);
    // The title counts every child row, whether or not the page shows it yet.
    expect(await page.locator('#wall-children-title').textContent()).toMatch(/^\s*下属城市与服务中心\s+\d+\s*$/);
    expect(await city.locator('th').textContent()).toBe('上海');
    // T-1 is open at a Shanghai center: the city's row counts it live, from its own subscription.
    await expect.poll(() => city.locator('td').first().textContent(), UI).toMatch(/^\s*1\s*$/);
    expect(await textOf(page, 'wall-children')).not.toContain('西南');
    await screenshot(page, 'wall-region-display');
    expect(pageErrors).toEqual([]);
  });

  it('compares the regions by name on a wall screen of the whole network, and a city its centers, in English', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${server.url}/wall/network?token=${VIEW_TOKEN}&lang=en`);
    await page.getByTestId('wall-child-west').waitFor(UI);
    expect(await page.locator('#wall-children-title').textContent()).toMatch(/^\s*Regions\s+\d+\s*$/);
    // At 1366 every figure fits its column beside its tone icon: never "94.…".
    await expect.poll(() => page.getByTestId('wall-child-east').locator('td').first().textContent(), UI).toMatch(/\d/);
    const clipped = () => page.locator('[data-testid="wall-children"] :is(td, th)').evaluateAll((cells) => cells.filter((cell) => cell.scrollWidth > cell.clientWidth + 1).map((cell) => cell.textContent));
    expect(await clipped()).toEqual([]);
    await page.setViewportSize(WALL_VIEWPORT);
    expect(await page.getByTestId('wall-child-east').locator('th').textContent()).toBe('华东');
    expect(await page.getByTestId('wall-child-west').locator('th').textContent()).toBe('西南');
    expect(await textOf(page, 'wall-scope')).toBe('Whole network');

    await page.goto(`${server.url}/wall/region?scope=region:sh&lang=en`);
    await page.getByTestId('wall-child-sh-02').waitFor(UI);
    expect(await textOf(page, 'wall-scope')).toBe('上海');
    expect(await page.locator('#wall-children-title').textContent()).toMatch(/^\s*Cities and service centers\s+\d+\s*$/);
    expect(await page.getByTestId('wall-child-sh-01').locator('th').textContent()).toBe('上海浦东服务中心');
    expect(pageErrors).toEqual([]);
  });

  it('fits every board on a 1080p panel and on a 4K wall, children compared for a signed-in viewer', async () => {
    expect((await postEvents(server, [...todaysFlowEvents(NOW), BREACHED_TICKET])).status).toBe(200);
    const desk = await newSignedInContext(browser, server);
    const deskPage = await desk.newPage();
    const deskErrors = collectPageErrors(deskPage);
    const boards = [
      ['wall-network', '/wall/network'],
      ['wall-region', '/wall/region?scope=region:east'],
      ['wall-network-en', '/wall/network?lang=en'],
      ['wall-center', '/wall/center?scope=center:sh-01'],
    ] as const;
    const valueSize = () => deskPage.getByTestId('wall-figure-backlog_open').evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
    const sizes: number[] = [];
    for (const [name, path] of boards) {
      await deskPage.goto(`${server.url}${path}`);
      await expect.poll(() => textOf(deskPage, 'wall-figure-backlog_open'), UI).toMatch(/^\d+$/);
      await deskPage.getByTestId('wall-children').waitFor(UI);
      await screenshot(deskPage, name);
      sizes.push(await valueSize());
    }
    // Read at 5 m: the headline numbers are never smaller than 64 px on a 1080p panel.
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(64);
    expect(await textOf(deskPage, 'wall-scope')).toBe('上海浦东服务中心');
    expect(await textOf(deskPage, 'wall-child-e-001')).toContain('张伟');
    await deskPage.goto(`${server.url}/wall/breach`);
    await deskPage.getByTestId('wall-breach-BR-1').first().waitFor(UI);
    await screenshot(deskPage, 'wall-breach-1080p');
    // Opened at a signed-in desk, each id is the ticket's address.
    expect(await deskPage.getByTestId('wall-breach-BR-1').first().getByTestId('ticket-link-BR-1').getAttribute('href')).toBe('/tickets/BR-1');

    await deskPage.setViewportSize({ width: 3840, height: 2160 });
    await deskPage.goto(`${server.url}/wall/network`);
    await expect.poll(() => textOf(deskPage, 'wall-figure-backlog_open'), UI).toBe('2');
    await screenshot(deskPage, 'wall-network-4k');
    // The same board twice the size on a 4K wall, not the same numbers lost in a bigger screen.
    expect(await valueSize()).toBeGreaterThan(1.8 * sizes[0]!);
    expect(deskErrors).toEqual([]);
    await desk.close();
  });
});
