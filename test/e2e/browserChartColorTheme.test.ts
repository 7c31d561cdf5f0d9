import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { postEvents } from '../support/api';
import { UI, chartsSettled, collectPageErrors } from '../support/browser';
import { drawnText, recordCanvasText } from '../support/chartCanvas';
import { SCREENSHOT_DIR, signedInSmallNetwork } from '../support/signedInBrowser';
import { createdEvent } from '../support/smallNetwork';

/** 10:30 in Shanghai on a working Monday, with tickets opened over the morning: the flow chart has bars and a legend. */
const NOW = Date.parse('2026-11-23T10:30:00+08:00');
const suite = signedInSmallNetwork({
  now: NOW,
  seed: async (server) => {
    const events = Array.from({ length: 6 }, (_, index) => createdEvent(`CT-${index + 1}`, new Date(NOW - (20 + index * 30) * 60_000).toISOString()));
    expect((await postEvents(server, events)).status).toBe(200);
  },
});
beforeAll(() => recordCanvasText(suite.context));
const pages: Page[] = [];
afterEach(async () => {
  await Promise.all(pages.splice(0).map((page) => page.close()));
});

const CHART = 'flow-trend-chart';
const LEGEND = ['新建', '解决'];

async function openBoard(): Promise<Page> {
  const page = await suite.context.newPage();
  pages.push(page);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${suite.server.url}/?lang=zh-CN`);
  await page.getByTestId(CHART).waitFor(UI);
  await chartsSettled(page);
  return page;
}

/** The colour each legend name is drawn in on the chart's canvas now. */
async function legendFills(page: Page): Promise<Record<string, string>> {
  const drawn = await drawnText(page, CHART);
  return Object.fromEntries(LEGEND.map((name) => [name, drawn.find((piece) => piece.text === name)?.fill ?? 'not drawn']));
}

describe('a colour theme chosen with a chart on screen', () => {
  it('redraws the chart in the new theme, the colours a chart opened in that theme has, with nothing in the console', async () => {
    const board = await openBoard();
    const errors = collectPageErrors(board);
    const dark = await legendFills(board);
    expect(Object.values(dark)).not.toContain('not drawn');
    await board.screenshot({ path: `${SCREENSHOT_DIR}/chart-color-theme-dark.png` });

    // Chosen on the Settings page in another tab: the board beside it follows without a reload.
    const settings = await suite.context.newPage();
    pages.push(settings);
    await settings.goto(`${suite.server.url}/settings?lang=zh-CN`);
    await settings.getByTestId('theme-light').check();
    await settings.getByTestId('settings-saved').waitFor(UI);

    await expect.poll(() => board.evaluate(() => document.documentElement.dataset.theme), UI).toBe('light');
    await chartsSettled(board);
    const rethemed = await legendFills(board);
    const fresh = await legendFills(await openBoard());
    expect(fresh, 'a chart opened in the light theme').not.toEqual(dark);
    expect(rethemed).toEqual(fresh);
    await board.screenshot({ path: `${SCREENSHOT_DIR}/chart-color-theme-light.png` });
    expect(errors).toEqual([]);
  });
});
