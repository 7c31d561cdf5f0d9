import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';

/** Debian's system Chromium: tests never download a browser. */
const CHROMIUM_PATH = '/usr/bin/chromium';

export const WALL_VIEWPORT = { width: 1920, height: 1080 };

/**
 * How long a browser test waits for something it can observe (a number shown, a row listed) before
 * failing. Only a bound: each wait ends as soon as its condition holds, so it is generous enough for a
 * machine busy with other work (`npm run test:load` runs the suite beside two busy loops).
 */
export const UI = { timeout: 30_000 };

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh profile (empty localStorage) as a wall in Shanghai would see it. */
export function newWallContext(browser: Browser, locale = 'zh-CN'): Promise<BrowserContext> {
  return browser.newContext({ viewport: WALL_VIEWPORT, locale, timezoneId: 'Asia/Shanghai', colorScheme: 'dark' });
}

/** Page errors fail tests that read them; a dashboard that throws is broken even if it looks fine. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

export async function textOf(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).textContent())?.trim() ?? '';
}

/**
 * Waits until every chart on view has drawn its latest figures and run out its animation (useEChart
 * marks each container), so a screenshot shows the chart, not half-grown bars, however busy the machine.
 */
export async function chartsSettled(page: Page, timeout = UI.timeout): Promise<void> {
  await page.waitForFunction(
    () => [...document.querySelectorAll<HTMLElement>('[data-chart-settled="false"]')].every((chart) => chart.getClientRects().length === 0),
    undefined,
    { timeout },
  );
}
