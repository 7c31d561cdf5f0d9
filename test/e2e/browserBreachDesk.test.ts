import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UI, chartsSettled, collectPageErrors, launchBrowser, newWallContext } from '../support/browser';
import { BREACH_DESK_NOW, DUE_SOON, seedBreachDesk } from '../support/breachDeskHistory';
import { SCREENSHOT_DIR, newSignedInContext } from '../support/signedInBrowser';
import { loadSmallNetwork } from '../support/smallNetwork';
import { type TestServer, VIEW_TOKEN, startTestServer } from '../support/testServer';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
];
/** Pairs of panels whose boxes overlap by more than a pixel, named by test id. */
function overlappingPanels(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((panels) => {
    const boxes = [...document.querySelectorAll<HTMLElement>(panels)].map((element) => ({ id: element.dataset.testid ?? element.className, box: element.getBoundingClientRect() }));
    const overlaps: string[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!.box;
        const b = boxes[j]!.box;
        const width = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const height = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (width > 1 && height > 1) overlaps.push(`${boxes[i]!.id} × ${boxes[j]!.id}`);
      }
    }
    return overlaps;
  }, selector);
}

/** Table cells whose content is wider than the cell: cut off, or spilling over the next. */
function clippedCells(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('td, th')].filter((cell) => cell.scrollWidth > cell.clientWidth + 1).map((cell) => cell.textContent?.trim() ?? ''),
  );
}

/** Text on the desk naming a listed ticket's id outside a link to /tickets/:id. */
function unlinkedTicketIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const ids = [...document.querySelectorAll<HTMLElement>('[data-testid^="breach-row-"]')].map((row) => row.dataset.testid!.slice('breach-row-'.length));
    const walker = document.createTreeWalker(document.querySelector('[data-testid="sla-board"]')!, NodeFilter.SHOW_TEXT);
    const unlinked: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      if (ids.some((id) => text.includes(id)) && !node.parentElement?.closest('a[href^="/tickets/"]')) unlinked.push(text.trim());
    }
    return unlinked;
  });
}

describe('the breach desk in a real browser at desk and wall sizes', () => {
  let browser: Browser;
  let server: TestServer;

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startTestServer({ serveClient: true, clock: { now: () => BREACH_DESK_NOW } });
    await loadSmallNetwork(server);
    await seedBreachDesk(server);
    // One stored sample of the levels, as the server's minute timer takes them: the chart has data from then on only.
    const { core } = server.application;
    core.seriesRollup.sampleLevels(BREACH_DESK_NOW, core.liveMetrics.centerLevels(BREACH_DESK_NOW));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const size of SIZES) {
    it(`shows the five coming due first on /sla at ${size.width}×${size.height}, panels apart and no cell cut`, async () => {
      const context = await newSignedInContext(browser, server);
      await context.setDefaultTimeout(UI.timeout);
      const page = await context.newPage();
      await page.setViewportSize(size);
      const errors = collectPageErrors(page);
      await page.goto(`${server.url}/sla`);
      const rows = page.locator('[data-testid="board-sections"] tbody tr');
      await expect.poll(() => rows.count(), UI).toBe(8);
      const firstFive = await rows.evaluateAll((elements) => elements.slice(0, 5).map((row) => row.getAttribute('data-testid')));
      expect(firstFive).toEqual(DUE_SOON.map((ticketId) => `breach-row-${ticketId}`));
      expect(await page.getByTestId('total-due').textContent()).toBe('8');
      expect(await page.getByTestId('total-breached').textContent()).toBe('5');
      expect(await page.getByTestId('total-followup').textContent()).toBe('600');
      await expect.poll(() => page.getByTestId('kpi-breached_open').textContent(), UI).toBe('3');
      expect(await page.getByTestId('kpi-at_risk_open').textContent()).toBe('5');
      await expect.poll(() => page.getByTestId('complaints-level-1').textContent(), UI).toBe('2');
      // Levels stored since 10:30 only: the chart says since when it has data instead of drawing zeros before.
      await expect.poll(() => page.getByTestId('trend-backlog-since').textContent(), UI).toBe('自 11/23 10:00 起有数据');
      // The hour's compliance stands on a clock or two: it is a hollow grey dot with a note, not a rate to judge.
      await expect.poll(() => page.getByTestId('trend-compliance-small').textContent(), UI).toContain('少于 10 个');
      // The title says SLA compliance, so its lines are named by their clocks in the page's words: one legend row, no pages.
      expect(await page.getByTestId('trend-compliance-chart').getAttribute('aria-label')).toBe('SLA 达成率（每小时）：首次响应、上门和解决');
      // The trend charts animate each update: the screenshot is taken once they say they have settled.
      await chartsSettled(page);
      expect(await overlappingPanels(page, '[data-testid="sla-tiles"], [data-testid="board-filters"], [data-testid="board-sections"], [data-testid="sla-trends"] figure, [data-testid="complaints-panel"]')).toEqual([]);
      expect(await clippedCells(page)).toEqual([]);
      // Every ticket id on the desk, rows and side panels alike, is a link to its page.
      expect(await unlinkedTicketIds(page)).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/breach-desk-${size.width}.png` });

      await page.getByTestId('tab-followup').click();
      await expect.poll(() => page.getByTestId('shown-followup').textContent(), UI).toBe('已显示 50 / 共 600 项');
      expect(await clippedCells(page)).toEqual([]);
      // Weeks past due, a mixed tab says so in words: never a minus sign after a word that says overdue.
      const followUpTimes = await page.locator('[data-testid="board-sections"] tbody td[data-testid^="countdown-"]').allTextContents();
      expect(followUpTimes.every((time) => /^已超时 \d+天\d\d小时$/.test(time.trim())), followUpTimes.join(', ')).toBe(true);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/breach-desk-followup-${size.width}.png` });

      // The header counts breached tickets, the tab breached clocks: the tab names both, with their units.
      await page.getByTestId('tab-breached').click();
      await expect.poll(() => page.getByTestId('breached-units').textContent(), UI).toMatch(/^3 张工单 · 5 个超时时钟：/);
      expect(await page.getByTestId('total-breached').getAttribute('title')).toBe('5 个时钟');
      const breachedTimes = await page.locator('[data-testid="board-sections"] tbody td[data-testid^="countdown-"]').allTextContents();
      expect(breachedTimes.every((time) => /^\d/.test(time.trim())), breachedTimes.join(', ')).toBe(true);
      // An overdue complaint clock reads as the complaint it times, in words, and opens the complaint's page.
      const complaintLink = page.getByTestId('breach-complaint-CX-1').first();
      await expect.poll(() => complaintLink.textContent(), UI).toBe('投诉 · 时效 · 服管处级');
      expect(await complaintLink.getAttribute('href')).toBe('/complaints/CP-4');
      expect(await clippedCells(page)).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/breach-desk-breached-${size.width}.png` });
      // Another order is said in the note: not the time order's "newest breach first" over a list in another order.
      await page.getByTestId('order').selectOption('urgency');
      await expect.poll(() => page.locator('.board-sections__note').first().textContent(), UI).toContain('告警策略定为严重的');
      expect(errors).toEqual([]);
      await context.close();
    });

    it(`shows the five coming due on /wall/breach at ${size.width}×${size.height}, names not ids, rows filling each panel`, async () => {
      const context = await newWallContext(browser);
      const page = await context.newPage();
      await page.setViewportSize(size);
      const errors = collectPageErrors(page);
      await page.goto(`${server.url}/wall/breach?token=${VIEW_TOKEN}`);
      await expect.poll(() => page.getByTestId('wall-total-followup').textContent(), UI).toBe('600');
      const shown = (section: string) =>
        page.locator(`[data-testid="wall-section-${section}"] tbody tr`).evaluateAll((rows) => rows.filter((row) => getComputedStyle(row).visibility === 'visible').map((row) => row.getAttribute('data-testid')));
      await expect.poll(async () => (await shown('due')).slice(0, 5), UI).toEqual(DUE_SOON.map((ticketId) => `wall-breach-${ticketId}`));
      // Rows are fitted to each panel as fonts arrive and columns wrap: the board is judged once the rows shown and the count of the rest agree.
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      const remainderAgrees = async () => (await page.getByTestId('wall-more-followup').textContent()) === `另有 ${600 - (await shown('followup')).length} 项未显示`;
      await expect.poll(remainderAgrees, UI).toBe(true);
      // What is already late is never only a count: even a 1366×768 panel lists several breached clocks by name.
      expect((await shown('breached')).length).toBeGreaterThanOrEqual(3);
      await chartsSettled(page);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/wall-breach-desk-${size.width}.png` });
      expect(await page.getByTestId('wall-total-due').textContent()).toBe('5');
      expect(await page.getByTestId('wall-total-breached').textContent()).toBe('5');
      // The overdue complaint is named as one on the wall too: category and level, never its id.
      expect(await page.locator('[data-testid="wall-breach-CX-1"] [data-testid="wall-breach-complaint"]').first().textContent()).toBe('投诉 · 时效 · 服管处级');
      // The follow-up panel holds as many of its 600 as fit, and counts the rest from the true total.
      expect((await shown('followup')).length).toBeGreaterThan(0);
      const text = (await page.getByTestId('wall').textContent()) ?? '';
      expect(text).not.toMatch(/center:|region:|on_site|first_response|return_visit/);
      // Weeks overdue: the due time carries its date, on a line under it (71baae2).
      expect(await page.locator('[data-testid="wall-section-followup"] tbody tr').first().locator('td').last().textContent()).toMatch(/^\d\d:\d\d\s*\d\d\/\d\d$/);
      expect(await overlappingPanels(page, '[data-testid="wall"] > header, [data-testid^="wall-section-"]')).toEqual([]);
      expect(await clippedCells(page)).toEqual([]);
      // English labels run longer: they wrap, never cut.
      await page.goto(`${server.url}/wall/breach?token=${VIEW_TOKEN}&lang=en`);
      await expect.poll(() => page.getByTestId('wall-section-due').textContent(), UI).toContain('On site');
      await expect.poll(() => page.getByTestId('wall-total-followup').textContent(), UI).toBe('600');
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      await expect.poll(async () => (await shown('breached')).length, UI).toBeGreaterThanOrEqual(3);
      expect(await clippedCells(page)).toEqual([]);
      expect(await overlappingPanels(page, '[data-testid="wall"] > header, [data-testid^="wall-section-"]')).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/wall-breach-desk-en-${size.width}.png` });
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
