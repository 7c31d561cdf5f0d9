import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { postEvents } from '../support/api';
import { UI, collectPageErrors, textOf } from '../support/browser';
import { chartLines, chartsResized, drawnText, recordCanvasText } from '../support/chartCanvas';
import { SCREENSHOT_DIR, newSignedInContext, signedInSmallNetwork } from '../support/signedInBrowser';
import { createdEvent, smallNetwork } from '../support/smallNetwork';
import { call, signInAs } from '../support/testServer';

/** 10:30 in Shanghai on a working Monday. */
const NOW = Date.parse('2026-11-23T10:30:00+08:00');

/** Ten engineers at 浦东, as 北京朝阳 has in the demo: nine more beside 张伟, with 0 to 4 open tickets each. */
const MORE = ['曹强', '王俊', '吕平宇', '程杰磊', '潘俊辉', '董雪芳', '杨雪国', '曾磊俊', '刘桂平'];
const engineers = [...smallNetwork.engineers, ...MORE.map((name, index) => ({ id: `e-1${index}`, name, centerId: 'sh-01', skills: [], onShift: true }))];

const suite = signedInSmallNetwork({
  now: NOW,
  seed: async (server) => {
    expect((await call(server, 'PUT', '/api/v1/org/engineers', engineers)).status).toBe(200);
    const at = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();
    const events = MORE.flatMap((_, index) => Array.from({ length: index % 5 }, (__, n) => createdEvent(`T-${index}-${n}`, at(30 + n), { engineerId: `e-1${index}` })));
    expect((await postEvents(server, events)).status).toBe(200);
  },
});
beforeAll(() => recordCanvasText(suite.context));
let page: Page;
afterEach(() => page?.close());

const LEVEL = { 'zh-CN': { center: '工程师', network: '大区' }, en: { center: 'Engineer', network: 'Region' } };

describe('/explore laid out for the screen it is on', () => {
  it('names every one of ten engineers on the rank chart at 1920, each bar two lines of text tall', async () => {
    page = await suite.context.newPage();
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${suite.server.url}/explore/center:sh-01?lang=zh-CN`);
    await expect.poll(() => page.getByTestId('child-table').locator('tbody th').count(), UI).toBe(10);
    await chartsResized(page);
    const names = (await page.getByTestId('child-table').locator('tbody th').allTextContents()).map((name) => name.trim());
    const unnamed = async () => {
      const drawn = await drawnText(page, 'rank-chart');
      return names.filter((name) => !drawn.some((piece) => piece.text === name));
    };
    await expect.poll(unnamed, UI).toEqual([]);
    // Without room ECharts leaves out every other name; 17.5 lines held eight bars.
    expect(await chartLines(page, 'rank-chart')).toBeGreaterThanOrEqual(2 * names.length);
    await page.getByTestId('child-comparison').screenshot({ path: `${SCREENSHOT_DIR}/explore-ten-engineers-1920.png` });
  });

  it('fits the comparison table on a 1366 screen in both languages, its first column named for the level', async () => {
    page = await suite.context.newPage();
    const errors = collectPageErrors(page);
    await page.setViewportSize({ width: 1366, height: 768 });
    for (const lang of ['zh-CN', 'en'] as const) {
      for (const scope of ['center', 'network'] as const) {
        await page.goto(`${suite.server.url}/explore/${scope === 'center' ? 'center:sh-01' : 'network'}?lang=${lang}`);
        await expect.poll(() => textOf(page, 'child-level'), UI).toBe(LEVEL[lang][scope]);
        const table = page.locator('.child-comparison__table');
        const cut = await table.evaluate((box) => box.scrollWidth - box.clientWidth);
        expect(cut, `${lang} ${scope}: px past the table's edge`).toBeLessThanOrEqual(0);
        await page.getByTestId('child-table').screenshot({ path: `${SCREENSHOT_DIR}/explore-table-${lang}-${scope}-1366.png` });
      }
    }
    expect(errors).toEqual([]);
  });

  it('grows its tiles and table with a 4K screen, as its charts and the top bar do', async () => {
    page = await suite.context.newPage();
    const sizes: number[][] = [];
    for (const [width, height] of [[1920, 1080], [3840, 2160]] as const) {
      await page.setViewportSize({ width, height });
      await page.goto(`${suite.server.url}/explore/network?lang=en`);
      await page.getByTestId('kpi-backlog_open-label').waitFor(UI);
      const px = (locator: ReturnType<Page['locator']>) => locator.evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
      sizes.push([await px(page.getByTestId('kpi-backlog_open-label')), await px(page.getByTestId('child-table').locator('tbody th').first())]);
    }
    const [desk, wall] = sizes as [number[], number[]];
    // 0.75 % of the width, as /sla: 16 px at 1920, 28.8 px at 3840.
    for (const [index, px] of wall.entries()) expect(px / desk[index]!).toBeCloseTo(1.8, 2);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/explore-network-3840.png` });
  });

  it('tells a supervisor who opens another center, in plain words, that it is not theirs, and lists what they can see', async () => {
    const supervisor = await signInAs(suite.server, { username: 'sup-pudong', role: 'supervisor', grants: [{ kind: 'center', id: 'sh-01' }] });
    const context = await newSignedInContext(suite.context.browser()!, suite.server, supervisor);
    page = await context.newPage();
    for (const [lang, words] of [
      ['zh-CN', '您没有查看这部分服务网络的权限。您可以查看的部分列在下面。'],
      ['en', 'You do not have access to this part of the network. The parts you can see are listed below.'],
    ] as const) {
      await page.goto(`${suite.server.url}/explore/center:urc-01?lang=${lang}`);
      await expect.poll(() => textOf(page, 'explore-failure'), UI).toBe(words);
      await expect.poll(() => page.getByTestId('own-scopes').textContent(), UI).toContain('上海浦东服务中心');
      await page.screenshot({ path: `${SCREENSHOT_DIR}/explore-outside-${lang}.png` });
    }
    await context.close();
  });
  it('names the first column in a general word where a region holds cities and centers side by side', async () => {
    // 杭州服务中心 filed under 华东 itself, beside its city 上海.
    const centers = [...smallNetwork.centers, { id: 'hz-01', name: '杭州服务中心', regionId: 'east', zone: 'city', timeZone: 'Asia/Shanghai' }];
    expect((await call(suite.server, 'PUT', '/api/v1/org/centers', centers)).status).toBe(200);
    page = await suite.context.newPage();
    for (const [lang, word] of [['zh-CN', '下级单位'], ['en', 'Part of the network']] as const) {
      await page.goto(`${suite.server.url}/explore/region:east?lang=${lang}`);
      await expect.poll(() => page.getByTestId('child-table').locator('tbody th').count(), UI).toBe(2);
      expect(await textOf(page, 'child-level')).toBe(word);
    }
  });
});
