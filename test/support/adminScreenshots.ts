import type { Page } from 'playwright-core';
import { SCREENSHOT_DIR } from './signedInBrowser';

/** The sizes the admin pages are looked at in: a 1440×900 laptop and a 1920×1080 desk screen. */
const ADMIN_VIEWPORTS = [
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
