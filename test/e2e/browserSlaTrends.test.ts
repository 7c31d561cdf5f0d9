import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { IngestEventInput } from '../../shared/ingest/eventSchema';
import { postEvents } from '../support/api';
import { UI, collectPageErrors } from '../support/browser';
import { chartsResized } from '../support/chartCanvas';
import { SCREENSHOT_DIR, signedInSmallNetwork } from '../support/signedInBrowser';
import { createdEvent } from '../support/smallNetwork';

/** 10:30 in Shanghai on a working Monday. */
const NOW = Date.parse('2026-11-23T10:30:00+08:00');
const HOUR = 3_600_000;
const iso = (hoursAgo: number, minutes = 0) => new Date(NOW - hoursAgo * HOUR + minutes * 60_000).toISOString();

/**
 * A call each hour of the last day, answered in 10 minutes: the compliance chart has a point per hour, each
 * over one clock, so its caption carries the small-sample note on a second line, as the bug's did.
 */
const seed: IngestEventInput[] = Array.from({ length: 20 }, (_, index) => {
  const id = `T-${index + 1}`;
  const hoursAgo = 21 - index;
  return [createdEvent(id, iso(hoursAgo)), { id: `${id}-fr`, type: 'ticket.first_response' as const, at: iso(hoursAgo, 10), ticketId: id, data: {} }];
}).flat();

const suite = signedInSmallNetwork({
  now: NOW,
  seed: async (server) => {
    expect((await postEvents(server, seed)).status).toBe(200);
    // Levels as the server's minute timer stores them, one each hour: the backlog chart draws a line, not its empty note.
    const { core } = server.application;
    for (let hoursAgo = 20; hoursAgo >= 0; hoursAgo -= 1) core.seriesRollup.sampleLevels(NOW - hoursAgo * HOUR, core.liveMetrics.centerLevels(NOW - hoursAgo * HOUR));
  },
});

interface ChartFit {
  chart: string;
  /** Pixels of the chart's canvas outside its panel's border: its axis labels are cut by that much. */
  cut: number;
  /** The canvas's height in lines of its own text: a plot squeezed under its legend and axis is a few lines tall. */
  lines: number;
}

/** Where each trend chart's canvas sits against the panel drawn around it. */
function chartFits(page: Page): Promise<ChartFit[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-testid="sla-trends"] figure')].map((figure) => {
      const chart = figure.querySelector<HTMLElement>('.e-chart')!;
      const canvas = chart.querySelector('canvas')!.getBoundingClientRect();
      const panel = figure.getBoundingClientRect();
      const border = parseFloat(getComputedStyle(figure).borderBottomWidth);
      const cut = Math.max(0, canvas.bottom - (panel.bottom - border), panel.top + border - canvas.top, canvas.right - (panel.right - border), panel.left + border - canvas.left);
      return { chart: chart.dataset.testid ?? '', cut: Math.round(cut * 10) / 10, lines: canvas.height / parseFloat(getComputedStyle(chart).fontSize) };
    }),
  );
}

describe('/sla trend charts', () => {
  it('show both charts whole in their panels, not squeezed, at desk and wall sizes in both languages', async () => {
    const page = await suite.context.newPage();
    const errors = collectPageErrors(page);
    for (const lang of ['zh-CN', 'en'] as const) {
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.goto(`${suite.server.url}/sla?lang=${lang}`);
      await page.getByTestId('trend-compliance-chart').waitFor(UI);
      await page.getByTestId('trend-backlog-chart').waitFor(UI);
      expect(await page.getByTestId('trend-compliance-small').count(), 'the caption note is on').toBe(1);
      for (const size of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }, { width: 3840, height: 2160 }]) {
        await page.setViewportSize(size);
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        await chartsResized(page);
        const fits = await chartFits(page);
        expect(fits.map(({ chart }) => chart)).toEqual(['trend-compliance-chart', 'trend-backlog-chart']);
        for (const fit of fits) {
          // Sub-pixel layout may leave a canvas a fraction of a pixel over the border: no label is cut by that.
          expect(fit.cut, `${fit.chart} ${lang} ${size.width}`).toBeLessThanOrEqual(0.5);
          expect(fit.lines, `${fit.chart} ${lang} ${size.width}`).toBeGreaterThanOrEqual(12);
        }
        await page.getByTestId('sla-trends').screenshot({ path: `${SCREENSHOT_DIR}/sla-trends-${lang}-${size.width}.png` });
      }
    }
    expect(errors).toEqual([]);
  });
});
