import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';

/** Debian's system Chromium: tests never download a browser. */
const CHROMIUM_PATH = '/usr/bin/chromium';

export const WALL_VIEWPORT = { width: 1920, height: 1080 };

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
