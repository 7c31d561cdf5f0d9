import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgDisplayName } from '../../shared/reference/orgNames';
import { postEvents } from '../support/api';
import { UI, collectPageErrors, launchBrowser, newWallContext, textOf } from '../support/browser';
import { SCREENSHOT_DIR, newSignedInContext } from '../support/signedInBrowser';
import { createdEvent, loadSmallNetwork, smallNetwork } from '../support/smallNetwork';
import { type TestServer, VIEW_TOKEN, call, startTestServer } from '../support/testServer';

const NOW = Date.parse('2026-11-23T10:30:00+08:00');
const ENGLISH: Record<string, string> = { east: 'East China', sh: 'Shanghai', west: 'Southwest China', 'sh-01': 'Shanghai Pudong Center', 'sh-02': 'Shanghai Songjiang Center', 'urc-01': 'Urumqi Center' };

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  server = await startTestServer({ serveClient: true, clock: { now: () => NOW } });
  await loadSmallNetwork(server);
  const withEnglish = <T extends { id: string }>(rows: readonly T[]) => rows.map((row) => ({ ...row, nameEn: ENGLISH[row.id] }));
  expect((await call(server, 'PUT', '/api/v1/org/regions', withEnglish(smallNetwork.regions))).status).toBe(200);
  expect((await call(server, 'PUT', '/api/v1/org/centers', withEnglish(smallNetwork.centers))).status).toBe(200);
  expect((await postEvents(server, [createdEvent('T-1', new Date(NOW - 600_000).toISOString())])).status).toBe(200);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('organisation names in the page language', () => {
  it('resolves one name for a locale: the English name in English where there is one, the name otherwise', () => {
    expect(orgDisplayName({ name: '华东', nameEn: 'East China' }, 'en')).toBe('East China');
    expect(orgDisplayName({ name: '华东', nameEn: 'East China' }, 'zh-CN')).toBe('华东');
    expect(orgDisplayName({ name: '华东', nameEn: null }, 'en')).toBe('华东');
  });

  it('keeps both names in the organisation lists', async () => {
    const answer = await call(server, 'GET', '/api/v1/org/regions');
    expect((answer.json as { regions: unknown[] }).regions).toContainEqual({ id: 'east', name: '华东', nameEn: 'East China', parentId: null });
  });

  it('shows regions and centers in English on the drill-down and the walls, and in Chinese in the Chinese UI', async () => {
    const context = await newSignedInContext(browser, server);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${server.url}/explore/region:sh?lang=en`);
    await expect.poll(() => textOf(page, 'explore-scope-name'), UI).toBe('Shanghai');
    await expect.poll(() => textOf(page, 'explore-breadcrumb'), UI).toMatch(/East China.*Shanghai/);
    await expect.poll(() => textOf(page, 'child-table'), UI).toMatch(/Shanghai Pudong Center/);
    expect(await textOf(page, 'child-table')).not.toMatch(/上海浦东/);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/explore-english-names-1366.png` });

    await page.goto(`${server.url}/wall/region?scope=region:east&lang=en`);
    await expect.poll(() => textOf(page, 'wall-scope'), UI).toBe('East China');
    await expect.poll(() => textOf(page, 'wall-children'), UI).toMatch(/Shanghai/);

    await page.goto(`${server.url}/explore/region:sh?lang=zh-CN`);
    await expect.poll(() => textOf(page, 'explore-scope-name'), UI).toBe('上海');
    await expect.poll(() => textOf(page, 'child-table'), UI).toMatch(/上海浦东服务中心/);
    expect(errors).toEqual([]);
    await context.close();

    // A paired wall screen, which reads names from the server rather than the organisation lists.
    const wall = await newWallContext(browser);
    const screen = await wall.newPage();
    for (const [width, height] of [[1920, 1080], [3840, 2160]] as const) {
      await screen.setViewportSize({ width, height });
      await screen.goto(`${server.url}/wall/region?token=${VIEW_TOKEN}&scope=region:east&lang=en`);
      await expect.poll(() => textOf(screen, 'wall-scope'), UI).toBe('East China');
      await expect.poll(() => textOf(screen, 'wall-children'), UI).toMatch(/Shanghai/);
      await screen.screenshot({ path: `${SCREENSHOT_DIR}/wall-english-names-${width}.png` });
    }
    await wall.close();
  });
});
