import type { BrowserContext, Page } from 'playwright-core';
import { UI, chartsSettled } from './browser';

/** One piece of text a chart drew on its canvas, with the size and colour it was drawn in. */
export interface DrawnText {
  text: string;
  /** CSS pixels: the canvas is scaled by the device pixel ratio, not its font. */
  px: number;
  fill: string;
}

/**
 * Before any page script runs, each canvas starts keeping the text drawn since it was last cleared whole: after a
 * chart has settled, that is the text on screen now, in the size and colour drawn. ECharts keeps its option inside
 * its bundle, out of a test's reach; what the canvas was told to draw is what a person reads anyway.
 */
export async function recordCanvasText(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const drawn = new WeakMap<HTMLCanvasElement, { text: string; font: string; fill: string }[]>();
    (window as unknown as { __drawnText: typeof drawn }).__drawnText = drawn;
    const proto = CanvasRenderingContext2D.prototype;
    const { clearRect, fillText } = proto;
    proto.clearRect = function (x, y, width, height) {
      if (x <= 0 && y <= 0 && width >= this.canvas.width && height >= this.canvas.height) drawn.set(this.canvas, []);
      clearRect.call(this, x, y, width, height);
    };
    proto.fillText = function (text, x, y, maxWidth) {
      const list = drawn.get(this.canvas) ?? [];
      list.push({ text, font: this.font, fill: String(this.fillStyle) });
      drawn.set(this.canvas, list);
      if (maxWidth === undefined) fillText.call(this, text, x, y);
      else fillText.call(this, text, x, y, maxWidth);
    };
  });
}

/** The text on the canvases inside the element with `testId`, as last drawn. */
export function drawnText(page: Page, testId: string): Promise<DrawnText[]> {
  return page.evaluate((id) => {
    const drawn = (window as unknown as { __drawnText: WeakMap<HTMLCanvasElement, { text: string; font: string; fill: string }[]> }).__drawnText;
    const canvases = [...document.querySelectorAll<HTMLCanvasElement>(`[data-testid="${id}"] canvas`)];
    return canvases.flatMap((canvas) => (drawn.get(canvas) ?? []).map(({ text, font, fill }) => ({ text, px: parseFloat(/([\d.]+)px/.exec(font)?.[1] ?? 'NaN'), fill })));
  }, testId);
}

/** How many lines of its own text the chart's canvas in the element with `testId` is tall: a cramped chart drops labels. */
export function chartLines(page: Page, testId: string): Promise<number> {
  return page.evaluate((id) => {
    const chart = document.querySelector<HTMLElement>(`[data-testid="${id}"]`)!;
    return chart.querySelector('canvas')!.getBoundingClientRect().height / parseFloat(getComputedStyle(chart).fontSize);
  }, testId);
}

/** The font size, in CSS pixels, that the chart in the element with `testId` is sized from. */
export function chartTextSize(page: Page, testId: string): Promise<number> {
  return page.evaluate((id) => parseFloat(getComputedStyle(document.querySelector(`[data-testid="${id}"]`)!).fontSize), testId);
}

/**
 * After a resize, waits for each chart on view drawn at its container's new size: two frames first, so the
 * ResizeObserver has run and marked a chart it resizes unsettled (read before, the charts were still settled at the
 * old size), then every canvas as large as its container, then every chart settled.
 */
export async function chartsResized(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll<HTMLElement>('[data-chart-settled]')]
        .filter((chart) => chart.getClientRects().length > 0)
        .every((chart) => {
          const canvas = chart.querySelector('canvas')?.getBoundingClientRect();
          return canvas !== undefined && Math.abs(canvas.width - chart.clientWidth) < 1 && Math.abs(canvas.height - chart.clientHeight) < 1;
        }),
    undefined,
    UI,
  );
  await chartsSettled(page);
}
