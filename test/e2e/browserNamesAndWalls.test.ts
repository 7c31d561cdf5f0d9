import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { postEvents } from '../support/api';
import { UI, collectPageErrors, launchBrowser, textOf } from '../support/browser';
import { SCREENSHOT_DIR, newSignedInContext } from '../support/signedInBrowser';
import { createdEvent, lifecycleBatch, loadSmallNetwork, smallNetwork, todaysFlowEvents } from '../support/smallNetwork';
import { type Session, type TestServer, signInAs, startTestServer } from '../support/testServer';

/** 10:30 in Shanghai on a working Monday. */
const NOW = Date.parse('2026-11-23T10:30:00+08:00');
const at = (minutesAgo: number) => new Date(NOW - minutesAgo * 60_000).toISOString();
/** Unanswered for 50 minutes on a 30-minute first response: BR-1 at 上海浦东 is past due, nothing at 松江 is. */
const BREACHED_AT_PUDONG = createdEvent('BR-1', at(50), { priority: 'P1' });

/** Every page a manager can open, each with a text that says it has drawn its content. */
const PAGES: { path: string; zh: string; en: string }[] = [
  { path: '/', zh: '未结工单', en: 'Open backlog' },
  { path: '/sla', zh: 'BR-1', en: 'BR-1' },
  { path: '/explore', zh: '华东', en: '华东' },
  { path: '/explore/center:sh-01', zh: '张伟', en: '张伟' },
  { path: '/tickets', zh: 'BR-1', en: 'BR-1' },
  { path: '/tickets/BR-1', zh: '上海某医院', en: '上海某医院' },
  { path: '/alerts', zh: '告警', en: 'Alerts' },
  { path: '/alerts/rules', zh: '告警规则', en: 'Rules' },
  { path: '/alerts/silences', zh: '静默', en: 'Silences' },
  { path: '/alerts/targets', zh: '通知目标只有告警管理员可以查看和修改', en: 'Only an alert administrator can see and change notification targets' },
  { path: '/settings', zh: '配色', en: 'theme' },
  { path: '/wall/network', zh: '全网总览', en: 'Network overview' },
  { path: '/wall/region?scope=region:east', zh: '上海', en: '上海' },
  { path: '/wall/center?scope=center:sh-01', zh: '张伟', en: '张伟' },
  { path: '/wall/breach', zh: 'BR-1', en: 'BR-1' },
];

const IDS_ON_SCREEN = /center:|region:|engineer:|on_site|first_response|return_visit/;

/** The organisation's own names and the tickets' words, which stay as they were entered in any language. */
const ENTERED_WORDS = [
  ...smallNetwork.regions.map((region) => region.name),
  ...smallNetwork.centers.map((center) => center.name),
  ...smallNetwork.engineers.map((engineer) => engineer.name),
  ...smallNetwork.customers.map((customer) => customer.name),
  ...smallNetwork.products.map((product) => product.line),
  '不制冷',
  '压缩机',
  // The language switcher names each language in itself, so a reader finds theirs whatever is showing.
  '中文',
];

function withPageLanguage(path: string, lang: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;
}

async function screenText(page: Page): Promise<string> {
  return page.evaluate(() => document.body.innerText);
}

/** Chinese characters left once the entered names are taken out: UI text that did not follow the language. */
function untranslated(text: string): string[] {
  // Longest first: 上海 is a region and a part of 上海浦东服务中心.
  const rest = [...ENTERED_WORDS].sort((a, b) => b.length - a.length).reduce((remaining, word) => remaining.split(word).join(' '), text);
  return rest.split('\n').filter((line) => /[\u4e00-\u9fff]/.test(line));
}

describe('names, languages and truthful walls in a real browser', () => {
  let browser: Browser;
  let server: TestServer;
  let manager: Session;
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
    expect((await postEvents(server, [...lifecycleBatch('L', '2026-11-22'), ...todaysFlowEvents(NOW), BREACHED_AT_PUDONG])).status).toBe(200);
    manager = await signInAs(server, { username: 'manager', role: 'manager' });
    context = await newSignedInContext(browser, server, manager);
    page = await context.newPage();
    pageErrors = collectPageErrors(page);
  });
  afterEach(async () => {
    await context?.close();
    await server?.close();
  });

  it('walks every page as the manager and finds names on screen, never ids', async () => {
    for (const { path, zh } of PAGES) {
      await page.goto(`${server.url}${path}`);
      await expect.poll(() => screenText(page), UI).toContain(zh);
      const ids = IDS_ON_SCREEN.exec(await screenText(page));
      expect(ids, `${path}: ${ids?.input.slice(Math.max(0, ids.index - 60), ids.index + 40)}`).toBeNull();
    }
    // Scripts must not throw; a refused read (a manager is not an admin) is the page's own business.
    const errors = pageErrors.filter((error) => !error.startsWith('Failed to load resource'));
    expect(errors, errors.join(' | ')).toEqual([]);
  });

  it('shows each page in English with ?lang=en', async () => {
    for (const { path, en } of PAGES) {
      await page.goto(`${server.url}${withPageLanguage(path, 'en')}`);
      await expect.poll(() => screenText(page), UI).toContain(en);
      expect(await page.evaluate(() => document.documentElement.lang), path).toBe('en');
      const left = untranslated(await screenText(page));
      expect(left, `${path}: ${left.join(' | ')}`).toEqual([]);
    }
  });

  it('keeps a center wall to its own center: another center\'s breach stays off its banner', async () => {
    await page.goto(`${server.url}/wall/center?scope=center:sh-02`);
    await expect.poll(() => textOf(page, 'wall-scope'), UI).toBe('上海松江服务中心');
    const network = await context.newPage();
    await network.goto(`${server.url}/wall/network`);
    await expect.poll(() => textOf(network, 'wall-scope'), UI).toBe('全网');
    // A second breach at 浦东 while both walls watch: the network wall announces it, so the center wall heard it too.
    expect((await postEvents(server, [createdEvent('BR-2', at(45), { priority: 'P1' })])).status).toBe(200);
    await network.getByTestId('wall-alert-banner').waitFor(UI);
    expect(await textOf(network, 'wall-alert-banner')).toContain('上海浦东服务中心');
    expect(await page.getByTestId('wall-alert-banner').count()).toBe(0);
    expect(await screenText(page)).not.toContain('上海浦东服务中心');
    await network.close();
  });

  it('names a scope it cannot show, in the page language, instead of dashes under a fresh time', async () => {
    await page.goto(`${server.url}/wall/center?scope=center:nowhere&lang=en`);
    const refused = page.getByTestId('wall-refused');
    await refused.waitFor(UI);
    expect(await refused.textContent()).toContain('service center “nowhere”');
    expect(await textOf(page, 'wall-updated')).toBe('Not shown');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/wall-refused-scope.png` });
  });

  it('shows a rate over a handful of tickets as its n, neutral, and picks and names a region for a region board without one', async () => {
    await page.goto(`${server.url}/wall/region`);
    // The manager sees the network; a region board picks the first region by name and says it picked it.
    await expect.poll(() => textOf(page, 'wall-scope'), UI).toMatch(/^(华东|西南)（地址未指定范围，已自动选择）$/);
    expect(await textOf(page, 'wall-title')).toBe('区域看板');

    await page.goto(`${server.url}/wall/network?thresholds=sla_compliance_resolution:0.99:0.98`);
    // The wall reads rates over the last 24 h, where only a handful of resolution clocks stopped (T-2's
    // among them): a rate over fewer than ten says nothing yet, good or bad, so the tile shows its n.
    const tile = page.getByTestId('wall-figure-sla_compliance_resolution');
    await expect.poll(() => tile.textContent(), UI).toMatch(/^n=[1-9]$/);
    expect(await page.getByTestId('wall-tile-sla_compliance_resolution').getAttribute('data-tone')).toBe('neutral');
  });
});
