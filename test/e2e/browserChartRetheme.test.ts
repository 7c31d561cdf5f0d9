import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { IngestEventInput } from '../../shared/ingest/eventSchema';
import { postEvents } from '../support/api';
import { UI, collectPageErrors } from '../support/browser';
import { chartLines, chartTextSize, chartsResized, drawnText, recordCanvasText } from '../support/chartCanvas';
import { SCREENSHOT_DIR, signedInSmallNetwork } from '../support/signedInBrowser';
import { createdEvent } from '../support/smallNetwork';

/** 10:30 in Shanghai on a working Monday. */
const NOW = Date.parse('2026-11-23T10:30:00+08:00');
const minutesAgo = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();

/**
 * Twelve tickets opened over the morning in 华东 and one in 西南: the flow chart has bars, and on /explore
 * 西南's treemap cell is a twelfth of 华东's, narrower than 'breached' in English, as the bug's were.
 */
const seed: IngestEventInput[] = [
  ...Array.from({ length: 12 }, (_, index) => createdEvent(`SH-${index + 1}`, minutesAgo(20 + index * 25), index % 2 ? { centerId: 'sh-02', customerId: 'c-002' } : {})),
  createdEvent('UR-1', minutesAgo(15), { centerId: 'urc-01', customerId: 'c-003' }),
];

const suite = signedInSmallNetwork({
  now: NOW,
  seed: async (server) => {
    expect((await postEvents(server, seed)).status).toBe(200);
  },
});
beforeAll(() => recordCanvasText(suite.context));
/** Closed after each test, passed or not: a page left open goes on drawing beside the next test's. */
let page: Page;
afterEach(() => page?.close());

type Lang = 'zh-CN' | 'en';
const FLOW_NAMES: Record<Lang, string[]> = { 'zh-CN': ['新建', '解决'], en: ['Created', 'Resolved'] };
/** The treemap's figure lines, whole: a line cut mid-word, or run on from the line before, matches neither. */
const FIGURE_LINES: Record<Lang, RegExp[]> = { 'zh-CN': [/^未结 [\d,]+$/, /^超时 (—|[\d.]+ ?%)$/], en: [/^[\d,]+ open$/, /^(—|[\d.]+ ?%) breached$/] };
const near = (px: number, expected: number) => Math.abs(px - expected) < 0.1;

/** What is wrong with the flow chart as drawn: names not in `lang`, or text not in the chart's text size now. */
async function flowProblems(page: Page, lang: Lang): Promise<string[]> {
  const size = await chartTextSize(page, 'flow-trend-chart');
  const drawn = await drawnText(page, 'flow-trend-chart');
  const other = lang === 'en' ? 'zh-CN' : 'en';
  return [
    ...FLOW_NAMES[lang].filter((name) => !drawn.some((piece) => piece.text === name)).map((name) => `missing ${name}`),
    ...drawn.filter((piece) => FLOW_NAMES[other].includes(piece.text)).map((piece) => `${other} ${piece.text}`),
    // The legend's names are a tenth larger than the axes' labels.
    ...drawn.filter((piece) => !near(piece.px, FLOW_NAMES[lang].includes(piece.text) ? size * 1.1 : size)).map((piece) => `${piece.text} at ${piece.px}px, chart text ${size}px`),
  ];
}

/**
 * What is wrong with /explore's charts as drawn: a treemap line cut mid-word, figures not in `lang`, text not in the
 * chart's size; either chart under 14 lines of its text tall, or a child's name missing from the rank chart.
 */
async function treemapProblems(page: Page, lang: Lang): Promise<string[]> {
  const size = await chartTextSize(page, 'backlog-treemap');
  const drawn = await drawnText(page, 'backlog-treemap');
  const names = (await page.getByTestId('child-table').locator('tbody th').allTextContents()).map((name) => name.trim());
  const ranked = await drawnText(page, 'rank-chart');
  const cramped: string[] = [];
  for (const chart of ['backlog-treemap', 'rank-chart']) {
    const lines = await chartLines(page, chart);
    if (lines < 14) cramped.push(`${chart} ${lines.toFixed(1)} lines tall`);
  }
  const whole = (line: string) => names.includes(line) || FIGURE_LINES[lang].some((form) => form.test(line));
  const other = lang === 'en' ? 'zh-CN' : 'en';
  return [
    ...(drawn.some((piece) => FIGURE_LINES[lang].some((form) => form.test(piece.text))) ? [] : [`no ${lang} figures`]),
    ...drawn.filter((piece) => !whole(piece.text) && !piece.text.endsWith('…')).map((piece) => `cut: '${piece.text}'`),
    ...drawn.filter((piece) => FIGURE_LINES[other].some((form) => form.test(piece.text))).map((piece) => `${other} ${piece.text}`),
    ...drawn.filter((piece) => !near(piece.px, size)).map((piece) => `${piece.text} at ${piece.px}px, chart text ${size}px`),
    ...cramped,
    ...names.filter((name) => !ranked.some((piece) => piece.text === name)).map((name) => `${name} not ranked`),
  ];
}

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
];

describe('charts re-themed with the viewport, then switched to the other language', () => {
  for (const { path, chart, problems } of [
    { path: '/', chart: 'flow-trend-chart', problems: flowProblems },
    { path: '/explore', chart: 'backlog-treemap', problems: treemapProblems },
  ]) {
    it(`${path}: ${chart} draws the language chosen last, in the text size of the viewport now, whichever came first`, async () => {
      page = await suite.context.newPage();
      const errors = collectPageErrors(page);
      const drawnRight = async (lang: Lang, step: string) => {
        await expect.poll(() => problems(page, lang), { ...UI, message: `${chart} ${step}` }).toEqual([]);
        await page.screenshot({ path: `${SCREENSHOT_DIR}/chart-retheme-${chart}-${step}.png` });
      };
      await page.setViewportSize(SIZES[0]!);
      await page.goto(`${suite.server.url}${path}?lang=zh-CN`);
      await page.getByTestId(chart).waitFor(UI);
      await drawnRight('zh-CN', 'zh-CN-1366');
      // Re-themed (larger text), then the language: the new names in the new size.
      await page.setViewportSize(SIZES[1]!);
      await chartsResized(page);
      await drawnRight('zh-CN', 'zh-CN-1920');
      await page.getByTestId('locale-en').click();
      await drawnRight('en', 'en-1920');
      // The language, then re-themed again: a re-theme must not bring back the first language's names.
      await page.setViewportSize(SIZES[2]!);
      await chartsResized(page);
      await drawnRight('en', 'en-3840');
      await page.getByTestId('locale-zh-CN').click();
      await page.setViewportSize(SIZES[0]!);
      await chartsResized(page);
      await drawnRight('zh-CN', 'zh-CN-back-1366');
      expect(errors).toEqual([]);
    });
  }

  it('/explore: a treemap cell whose label is cut short gives its whole text in its tooltip, a line each', async () => {
    page = await suite.context.newPage();
    await page.setViewportSize(SIZES[0]!);
    await page.goto(`${suite.server.url}/explore?lang=en`);
    await expect.poll(() => treemapProblems(page, 'en'), UI).toEqual([]);
    // Polled: before the treemap has drawn its cells there is nothing to find at fault, and no label cut short yet.
    await expect.poll(async () => (await drawnText(page, 'backlog-treemap')).filter((piece) => piece.text.endsWith('…')).length, { ...UI, message: 'a label cut short' }).toBeGreaterThan(0);
    // 西南's cell, a twelfth of the width, is the last at the right.
    const box = (await page.getByTestId('backlog-treemap').boundingBox())!;
    await page.mouse.move(box.x + box.width - 8, box.y + box.height / 2);
    await expect.poll(() => page.getByTestId('backlog-treemap').evaluate((chart) => [...chart.querySelectorAll('div')].map((div) => div.innerText).find((text) => text.includes('西南')) ?? ''), UI).toBe('西南\n1 open\n0.0% breached');
  });

  it('the wall\'s flow chart follows the text size of a screen resized from 1920 to 3840 and down to 1366', async () => {
    page = await suite.context.newPage();
    await page.setViewportSize(SIZES[1]!);
    await page.goto(`${suite.server.url}/wall?lang=en`);
    await page.getByTestId('flow-trend-chart').waitFor(UI);
    for (const size of [SIZES[1]!, SIZES[2]!, SIZES[0]!]) {
      await page.setViewportSize(size);
      await chartsResized(page);
      await expect.poll(() => flowProblems(page, 'en'), { ...UI, message: `wall ${size.width}` }).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/chart-retheme-wall-${size.width}.png` });
    }
  });
});
