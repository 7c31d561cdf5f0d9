import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { collectPageErrors, launchBrowser } from './browser';
import { SCREENSHOT_DIR, newSignedInContext } from './signedInBrowser';
import { loadSmallNetwork } from './smallNetwork';
import { type TestServer, startTestServer } from './testServer';

/** The sizes the admin pages are looked at in: a 1366×768 and a 1440×900 laptop, and a 1920×1080 desk screen. */
export const ADMIN_VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
];

/** Full-page screenshots of what `page` shows, at each admin size, for a person to look at (test-output/, git-ignored). */
export async function shootAdminPage(page: Page, name: string): Promise<void> {
  const original = page.viewportSize();
  for (const viewport of ADMIN_VIEWPORTS) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}-${viewport.width}x${viewport.height}.png`, fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}

export interface AdminSuite {
  browser: Browser;
  server: TestServer;
  page: Page;
  pageErrors: string[];
}

/**
 * Hooks for a describe block of admin-page tests on the real clock: one Chromium for the block; per test
 * a real server with the small network and a page signed in as its admin in `locale`, which accepts the
 * pages' confirmation dialogs. Read the returned object's fields inside tests (they change per test).
 */
export function adminBrowserSuite(locale: 'zh-CN' | 'en'): AdminSuite {
  const suite = {} as AdminSuite;
  let context: BrowserContext | undefined;
  beforeAll(async () => {
    suite.browser = await launchBrowser();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });
  afterAll(async () => {
    await suite.browser?.close();
  });
  beforeEach(async () => {
    suite.server = await startTestServer({ serveClient: true, pushIntervalMs: 100 });
    await loadSmallNetwork(suite.server);
    context = await newSignedInContext(suite.browser, suite.server, suite.server.admin, locale);
    await context.addInitScript((chosen) => window.localStorage.setItem('service-ops.locale', chosen), locale);
    suite.page = await context.newPage();
    suite.pageErrors = collectPageErrors(suite.page);
    suite.page.on('dialog', (dialog) => void dialog.accept());
  });
  afterEach(async () => {
    await context?.close();
    await suite.server?.close();
  });
  return suite;
}
