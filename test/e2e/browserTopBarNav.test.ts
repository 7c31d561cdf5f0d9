import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UI, collectPageErrors, launchBrowser } from '../support/browser';
import { SCREENSHOT_DIR, newSignedInContext } from '../support/signedInBrowser';
import { loadSmallNetwork } from '../support/smallNetwork';
import { type Session, type TestServer, signInAs, startTestServer } from '../support/testServer';

const LAPTOP = { width: 1366, height: 768 };
const DESK = { width: 1440, height: 900 };
const WIDE = { width: 1920, height: 1080 };
/** Everything an admin or a manager may open from the bar, in its order. */
const DESK_ENTRIES = ['overview', 'sla', 'explore', 'tickets', 'complaints', 'alerts', 'admin', 'settings'];

/** The entries shown in the bar itself, in order. */
const inBar = (page: Page) =>
  page.getByTestId('app-nav').locator(':scope > ul:not([aria-hidden]) > li > a').evaluateAll((links) => links.map((link) => link.getAttribute('data-testid')!.slice('nav-'.length)));

/** What sticks out: a label cut inside its box, or a box outside the bar or the navigation. */
function overflowsIn(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bar = document.querySelector<HTMLElement>('.top-bar')!.getBoundingClientRect();
    const nav = document.querySelector<HTMLElement>('[data-testid="app-nav"]')!;
    const navBox = nav.getBoundingClientRect();
    const found: string[] = [];
    if (nav.scrollWidth > nav.clientWidth) found.push(`nav scrolls ${nav.scrollWidth} > ${nav.clientWidth}`);
    const items = nav.querySelectorAll<HTMLElement>(':scope > ul:not([aria-hidden]) > li > a, [data-testid="nav-more"]');
    for (const item of items) {
      const box = item.getBoundingClientRect();
      const name = item.dataset.testid;
      if (item.scrollWidth > item.clientWidth) found.push(`${name} cut ${item.scrollWidth} > ${item.clientWidth}`);
      if (box.left < navBox.left - 0.5 || box.right > navBox.right + 0.5) found.push(`${name} outside the navigation`);
      if (box.left < bar.left || box.right > bar.right || box.top < bar.top || box.bottom > bar.bottom) found.push(`${name} outside the bar`);
    }
    const tools = document.querySelector<HTMLElement>('.top-bar__tools')!.getBoundingClientRect();
    if (navBox.right > tools.left) found.push(`nav runs under the tools (${navBox.right} > ${tools.left})`);
    if (tools.right > bar.right + 0.5) found.push('tools outside the bar');
    return found;
  });
}

/** The bar's entries plus those behind More, opened and closed by keyboard as a person without a mouse would. */
async function reachableEntries(page: Page): Promise<string[]> {
  const shown = await inBar(page);
  const more = page.getByTestId('nav-more');
  if ((await more.count()) === 0) return shown;
  await more.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByTestId('nav-more-menu');
  await menu.waitFor(UI);
  // The first entry of the menu takes the focus, so Enter on it opens it.
  expect(await page.evaluate(() => document.activeElement?.closest('[data-testid="nav-more-menu"]') !== null)).toBe(true);
  const hidden = await menu.locator('a').evaluateAll((links) => links.map((link) => link.getAttribute('data-testid')!.slice('nav-'.length)));
  for (const key of hidden) expect(await page.getByTestId(`nav-${key}`).isVisible()).toBe(true);
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'detached', ...UI });
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('nav-more');
  return [...shown, ...hidden];
}

describe('the top bar navigation at desk sizes', () => {
  let browser: Browser;
  let server: TestServer;
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    server = await startTestServer({ serveClient: true });
    await loadSmallNetwork(server);
  });
  afterAll(async () => {
    await server?.close();
    await browser?.close();
  });

  async function open(session: Session, lang: 'zh-CN' | 'en', path: string): Promise<Page> {
    const context = await newSignedInContext(browser, server, session, lang);
    const page = await context.newPage();
    const pageErrors = collectPageErrors(page);
    page.on('close', () => errors.push(...pageErrors));
    await page.setViewportSize(LAPTOP);
    await page.goto(`${server.url}${path}?lang=${lang}`);
    await page.getByTestId('app-nav').waitFor(UI);
    return page;
  }

  for (const role of ['admin', 'manager'] as const) {
    for (const lang of ['en', 'zh-CN'] as const) {
      it(`lets a ${role} reach every entry in ${lang} at 1366×768 and 1440×900, with nothing cut`, async () => {
        const session = role === 'admin' ? server.admin : await signInAs(server, { username: `nav-${role}-${lang === 'en' ? 'en' : 'zh'}`, role });
        // The live board's bar carries the most: its scope, the feed status and the full clock.
        const page = await open(session, lang, '/');
        for (const size of [LAPTOP, DESK]) {
          await page.setViewportSize(size);
          // The bar settles once its last entry fits; until then the menu may still be measuring.
          await expect.poll(() => overflowsIn(page), UI).toEqual([]);
          expect((await inBar(page)).length).toBeGreaterThanOrEqual(3);
          expect(await reachableEntries(page)).toEqual(DESK_ENTRIES);
        }
        await page.context().close();
        expect(errors).toEqual([]);
      });
    }
  }

  it('lets a supervisor and an engineer reach their entries in English at 1366×768, with nothing cut', async () => {
    const supervisor = await signInAs(server, { username: 'nav-supervisor', role: 'supervisor', grants: [{ kind: 'region', id: 'east' }] });
    const engineer = await signInAs(server, { username: 'nav-engineer', role: 'engineer', engineerId: 'e-001' });
    for (const [session, expected] of [
      [supervisor, ['overview', 'sla', 'explore', 'tickets', 'complaints', 'alerts', 'settings']],
      [engineer, ['me', 'myTickets']],
    ] as const) {
      const page = await open(session, 'en', '/');
      await expect.poll(() => overflowsIn(page), UI).toEqual([]);
      expect(await reachableEntries(page)).toEqual(expected);
      await page.context().close();
    }
    expect(errors).toEqual([]);
  });

  it('gives the alerts pages the bar of the other desk pages at 1366×768: no board scope, a compact clock, the same entries', async () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const page = await open(server.admin, lang, '/sla');
      await expect.poll(() => overflowsIn(page), UI).toEqual([]);
      const onSlaBoard = await inBar(page);
      for (const path of ['/alerts', '/alerts/rules']) {
        await page.goto(`${server.url}${path}?lang=${lang}`);
        await page.getByTestId('app-nav').waitFor(UI);
        await expect.poll(() => overflowsIn(page), UI).toEqual([]);
        await expect.poll(() => inBar(page), UI).toEqual(onSlaBoard);
        expect(await page.getByTestId('board-scope').count()).toBe(0);
        expect(await page.getByTestId('time-zone').count()).toBe(0);
      }
      await page.locator('.top-bar').screenshot({ path: `${SCREENSHOT_DIR}/top-bar-alerts-${lang}-1366.png` });
      await page.context().close();
    }
    expect(errors).toEqual([]);
  });

  it('marks the overview entry on the live board, and keeps every entry in the bar at 1920×1080 there as on the SLA board', async () => {
    for (const [lang, name] of [['en', 'Overview'], ['zh-CN', '总览']] as const) {
      const page = await open(server.admin, lang, '/sla');
      await page.setViewportSize(WIDE);
      await expect.poll(() => inBar(page), UI).toEqual(DESK_ENTRIES);
      await page.goto(`${server.url}/?lang=${lang}`);
      await page.getByTestId('board-scope').waitFor(UI);
      await expect.poll(() => overflowsIn(page), UI).toEqual([]);
      // The bar refits once the live board's clock and scope have laid out (a ResizeObserver's turn later): waited for, not read at once.
      await expect.poll(() => inBar(page), UI).toEqual(DESK_ENTRIES);
      expect(await page.locator('[data-testid="app-nav"] a[aria-current="page"]').evaluateAll((links) => links.map((link) => link.textContent?.trim()))).toEqual([name]);
      await page.locator('.top-bar').screenshot({ path: `${SCREENSHOT_DIR}/top-bar-overview-${lang}-1920.png` });
      await page.context().close();
    }
    expect(errors).toEqual([]);
  });

  it('opens the settings at their top at 1366×768: the bar and the title in view, no field holding the cursor', async () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const page = await open(server.admin, lang, '/settings');
      await page.getByTestId('change-password-form').waitFor(UI);
      const view = await page.evaluate(() => ({
        barTop: document.querySelector('.top-bar')!.getBoundingClientRect().top,
        titleTop: document.querySelector('[data-testid="settings-view"] h1')!.getBoundingClientRect().top,
        focused: document.activeElement?.tagName,
      }));
      expect(view).toEqual({ barTop: 0, titleTop: expect.any(Number), focused: 'BODY' });
      expect(view.titleTop).toBeGreaterThan(0);
      expect(view.titleTop).toBeLessThan(LAPTOP.height / 2);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/settings-top-${lang}-1366.png` });
      await page.context().close();
    }
    expect(errors).toEqual([]);
  });

  it('opens a page from behind More, marks where you are, and looks right at each size in both languages', async () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const page = await open(server.admin, lang, '/settings');
      for (const size of [LAPTOP, DESK, WIDE]) {
        await page.setViewportSize(size);
        await page.locator('.top-bar').screenshot({ path: `${SCREENSHOT_DIR}/top-bar-admin-${lang}-${size.width}.png` });
        await expect.poll(() => overflowsIn(page), UI).toEqual([]);
      }
      await page.goto(`${server.url}/?lang=${lang}`);
      await page.setViewportSize(LAPTOP);
      await expect.poll(() => overflowsIn(page), UI).toEqual([]);
      await page.locator('.top-bar').screenshot({ path: `${SCREENSHOT_DIR}/top-bar-admin-board-${lang}-1366.png` });
      if ((await page.getByTestId('nav-more').count()) > 0) {
        await page.getByTestId('nav-more').click();
        await page.getByTestId('nav-more-menu').waitFor(UI);
        await page.screenshot({ path: `${SCREENSHOT_DIR}/top-bar-admin-more-open-${lang}-1366.png` });
        const last = page.getByTestId('nav-more-menu').locator('a').last();
        const key = (await last.getAttribute('data-testid'))!;
        await last.click();
        expect(key).toBe('nav-settings');
        await page.waitForURL(/\/settings/, UI);
        // The settings page's bar is lighter (a compact clock): its entry may now fit; either way it is marked.
        await expect
          .poll(async () => ((await page.getByTestId('nav-more').count()) > 0 ? page.getByTestId('nav-more').getAttribute('class') : page.getByTestId('nav-settings').getAttribute('aria-current')), UI)
          .toMatch(/nav-more__button--current|page/);
      }
      await page.context().close();
    }
    expect(errors).toEqual([]);
  });
});
