import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { postEvents } from '../support/api';
import { UI, chartsSettled, collectPageErrors, launchBrowser, newWallContext, textOf } from '../support/browser';
import { loadSmallNetwork, todaysFlowEvents } from '../support/smallNetwork';
import { type TestServer, VIEW_TOKEN, startTestServer } from '../support/testServer';

/** 10:30 in Shanghai: the events below all fall in one hour and one local day in both zones. */
const NOW = Date.parse('2026-11-23T10:30:00+08:00');
const COUNTERS = ['counter-open', 'counter-created-today', 'counter-resolved-today'] as const;
/** Kept for a human to look at: the wall as it hangs, in each language. */
const SCREENSHOTS = { 'zh-CN': '/tmp/overview.png', en: '/tmp/overview-en.png' };

async function postTodaysEvents(server: TestServer): Promise<void> {
  const response = await postEvents(server, todaysFlowEvents(NOW));
  expect(response.status).toBe(200);
}

function counterValues(page: Page): Promise<string[]> {
  return Promise.all(COUNTERS.map((testId) => textOf(page, testId)));
}

describe('live overview in a real browser', () => {
  let browser: Browser;
  let server: TestServer;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    server = await startTestServer({ serveClient: true, pushIntervalMs: 100, clock: { now: () => NOW } });
    await loadSmallNetwork(server);
    context = await newWallContext(browser);
    page = await context.newPage();
    pageErrors = collectPageErrors(page);
  });
  afterEach(async () => {
    await context?.close();
    await server?.close();
  });

  it('counts posted events on the open page without a reload', async () => {
    await page.goto(`${server.url}/?token=${VIEW_TOKEN}`);
    await expect.poll(() => counterValues(page), UI).toEqual(['0', '0', '0']);
    expect(new URL(page.url()).search).toBe('');
    expect(await textOf(page, 'time-zone')).toContain('Asia/Shanghai');
    expect(await page.getByTestId('feed-status').getAttribute('data-status')).toBe('live');

    const navigations: string[] = [];
    page.on('framenavigated', (frame) => navigations.push(frame.url()));
    await postTodaysEvents(server);

    await expect.poll(() => counterValues(page), UI).toEqual(['1', '2', '1']);
    expect(navigations).toEqual([]);
    await chartsSettled(page);
    // The trend chart marks itself drawn; without the mark the wait above would hold for nothing.
    expect(await page.locator('[data-chart-settled="true"]').count()).toBeGreaterThan(0);
    await page.screenshot({ path: SCREENSHOTS['zh-CN'] });
    expect(pageErrors).toEqual([]);
  });

  it('takes a fresh snapshot after the server drops the connection', async () => {
    await page.goto(`${server.url}/?token=${VIEW_TOKEN}`);
    await expect.poll(() => counterValues(page), UI).toEqual(['0', '0', '0']);
    server.application.io.disconnectSockets();
    await postTodaysEvents(server);
    await expect.poll(() => counterValues(page), UI).toEqual(['1', '2', '1']);
    expect(await page.getByTestId('feed-status').getAttribute('data-status')).toBe('live');
  });

  it('switches the labels from Chinese to English', async () => {
    await page.goto(`${server.url}/?token=${VIEW_TOKEN}`);
    await expect.poll(() => textOf(page, 'counter-open-label'), UI).toBe('未结工单');
    await page.getByTestId('locale-en').click();
    await expect.poll(() => textOf(page, 'counter-open-label'), UI).toBe('Open backlog');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await expect.poll(() => counterValues(page), UI).toEqual(['0', '0', '0']);
    await postTodaysEvents(server);
    await expect.poll(() => counterValues(page), UI).toEqual(['1', '2', '1']);
    await chartsSettled(page);
    await page.screenshot({ path: SCREENSHOTS.en });
    expect(pageErrors).toEqual([]);
  });

  it('asks for the access token when the server refuses it, and goes live once given a good one', async () => {
    await page.goto(`${server.url}/?token=wrong-token-wrong-token`);
    await page.getByTestId('access-token-refused').waitFor();
    expect(await page.getByTestId('access-token-prompt').isVisible()).toBe(true);
    expect(await page.getByTestId('counter-open').count()).toBe(0);

    await page.getByTestId('access-token-input').fill(VIEW_TOKEN);
    await page.getByTestId('access-token-save').click();
    await expect.poll(() => counterValues(page), UI).toEqual(['0', '0', '0']);
  });

  it('asks for the access token when the address carries none', async () => {
    await page.goto(server.url);
    await page.getByTestId('access-token-prompt').waitFor();
    expect(await page.getByTestId('access-token-refused').count()).toBe(0);
  });
});
