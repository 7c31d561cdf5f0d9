import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { postEvents } from '../../test/support/api';
import { UI, collectPageErrors, launchBrowser, newWallContext, textOf } from '../../test/support/browser';
import { loadSmallNetwork, todaysFlowEvents } from '../../test/support/smallNetwork';
import { type TestServer, VIEW_TOKEN, startTestServer } from '../../test/support/testServer';

const NOW = Date.parse('2026-11-23T10:30:00+08:00');
const COUNTERS = ['counter-open', 'counter-created-today', 'counter-resolved-today'] as const;

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
}

declare global {
  interface Window {
    cspViolations: Violation[];
  }
}

/**
 * Records every `securitypolicyviolation` from the first byte of the page on, before any of its
 * scripts run, so a refusal during start-up is seen as well as one during use.
 */
async function recordViolations(page: Page): Promise<() => Promise<Violation[]>> {
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.cspViolations.push({ directive: event.violatedDirective, blocked: event.blockedURI, sample: event.sample });
    });
  });
  return () => page.evaluate(() => window.cspViolations);
}

function counterValues(page: Page): Promise<string[]> {
  return Promise.all(COUNTERS.map((testId) => textOf(page, testId)));
}

describe('the built client under our Content Security Policy', () => {
  let browser: Browser;
  let server: TestServer;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    server = await startTestServer({ serveClient: true, clock: { now: () => NOW } });
    await loadSmallNetwork(server);
    expect((await postEvents(server, todaysFlowEvents(NOW))).status).toBe(200);
    context = await newWallContext(browser);
    page = await context.newPage();
  });
  afterEach(async () => {
    await context?.close();
    await server?.close();
  });

  it('loads, goes live, shows the chart tooltip and switches language without a single violation', async () => {
    const violations = await recordViolations(page);
    const pageErrors = collectPageErrors(page);
    const response = await page.goto(`${server.url}/?token=${VIEW_TOKEN}`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");

    await expect.poll(() => counterValues(page), UI).toEqual(['1', '2', '1']);
    expect(await page.getByTestId('feed-status').getAttribute('data-status')).toBe('live');

    // The tooltip is the one part of ECharts that is HTML rather than canvas: hover the newest bars to open it.
    const chart = page.getByTestId('flow-trend-chart');
    const box = await chart.boundingBox();
    if (!box) throw new Error('the trend chart is not on screen');
    await page.mouse.move(box.x + box.width * 0.97, box.y + box.height * 0.6);
    await expect.poll(() => chart.innerText(), UI).toMatch(/新建[\s\S]*解决/);

    await page.getByTestId('locale-en').click();
    await expect.poll(() => textOf(page, 'counter-open-label'), UI).toBe('Open backlog');

    expect(await violations()).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('does report a violation when the page is made to run an inline script, so the silence above means something', async () => {
    const violations = await recordViolations(page);
    await page.goto(`${server.url}/?token=${VIEW_TOKEN}`);
    await expect.poll(() => counterValues(page), UI).toEqual(['1', '2', '1']);
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.head.append(script);
    });
    await expect.poll(violations, UI).toContainEqual(expect.objectContaining({ directive: 'script-src-elem', blocked: 'inline' }));
    expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBeUndefined();
  });
});
