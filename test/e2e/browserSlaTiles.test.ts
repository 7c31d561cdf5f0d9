import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../server/metrics/metricReference';
import type { IngestEventInput } from '../../shared/ingest/eventSchema';
import { postEvents } from '../support/api';
import { UI, collectPageErrors } from '../support/browser';
import { SCREENSHOT_DIR, signedInSmallNetwork } from '../support/signedInBrowser';
import { createdEvent } from '../support/smallNetwork';

/** 02:12 in Shanghai: since local midnight two visits are judged, one late; the last 24 hours hold a day's work. */
const NOW = Date.parse('2026-11-24T02:12:00+08:00');
const at = (local: string) => `2026-11-${local}+08:00`;

/** A ticket of 上海浦东 on the 7×24×4 contract (30 min to respond, 4 h on site, 24 h to resolve), worked at the times given. */
function worked(id: string, steps: { created: string; responded: string; arrived?: string; resolved?: string }): IngestEventInput[] {
  return [
    createdEvent(id, at(steps.created), { engineerId: 'e-001' }),
    { id: `${id}-fr`, type: 'ticket.first_response', at: at(steps.responded), ticketId: id, data: {} },
    ...(steps.arrived ? [{ id: `${id}-arrived`, type: 'ticket.engineer_arrived' as const, at: at(steps.arrived), ticketId: id, data: {} }] : []),
    ...(steps.resolved ? [{ id: `${id}-resolved`, type: 'ticket.resolved' as const, at: at(steps.resolved), ticketId: id, data: {} }] : []),
  ];
}

/** Yesterday's day shift: twelve tickets answered in 10 min and resolved in 6 h; two visits came 5 h after creation, past the 4 h promise. */
function dayShift(): IngestEventInput[] {
  return Array.from({ length: 12 }, (_, index) => {
    const hhmm = (offsetMin: number) => {
      const minutes = 9 * 60 + index * 30 + offsetMin;
      return `23T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00`;
    };
    const late = index === 2 || index === 6;
    return worked(`Y-${index + 1}`, { created: hhmm(0), responded: hhmm(10), arrived: hhmm(late ? 300 : 120), resolved: hhmm(360) });
  }).flat();
}

const seed = [
  ...dayShift(),
  // Resolved yesterday 26 h after it came in: a breached resolution clock inside the last 24 hours.
  ...worked('L-1', { created: '22T12:00:00', responded: '22T12:10:00', arrived: '22T14:00:00', resolved: '23T14:00:00' }),
  // The night: one visit 5 h after the call, one in time, both resolved after midnight.
  ...worked('N-1', { created: '23T20:00:00', responded: '23T20:10:00', arrived: '24T01:00:00', resolved: '24T01:30:00' }),
  ...worked('N-2', { created: '23T22:00:00', responded: '23T22:05:00', arrived: '24T00:30:00', resolved: '24T01:50:00' }),
  // Open now: nobody there 5 h 12 min after the call (breached), 3 h 12 min (at risk); a call not answered for 27 min (at risk).
  ...worked('O-3', { created: '23T21:00:00', responded: '23T21:05:00' }),
  ...worked('O-2', { created: '23T23:00:00', responded: '23T23:10:00' }),
  createdEvent('O-1', at('24T01:45:00'), { engineerId: 'e-001' }),
];

const suite = signedInSmallNetwork({
  now: NOW,
  seed: async (server) => {
    const answer = await postEvents(server, seed);
    expect(answer.json).toMatchObject({ accepted: seed.length, rejected: [] });
  },
});

/** Counted by hand from the seed, per the catalog: clocks stopped in the last 24 h, and the share met. */
const EXPECTED = {
  sla_compliance_first_response: { clocks: 16, value: 1 },
  sla_compliance_on_site: { clocks: 14, value: 11 / 14 },
  sla_compliance_resolution: { clocks: 15, value: 14 / 15 },
} as const;
const COUNTS = { breached_open: 1, at_risk_open: 2, backlog_open: 3 } as const;

const WORDS = {
  'zh-CN': { window: '近 24 小时', clocks: (n: number) => `${n} 个时钟`, now: '当前', percent: (value: number) => `${(value * 100).toFixed(1)}%` },
  en: { window: 'Last 24 h', clocks: (n: number) => `${n} clocks`, now: 'Now', percent: (value: number) => `${(value * 100).toFixed(1)}%` },
} as const;

/** Tile texts cut off, or a reading broken over lines: each should read whole on one line. */
function brokenTileTexts(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-testid="sla-tiles"] [data-testid$="-reading"], [data-testid="sla-tiles"] .kpi-grid__value')]
      .filter((element) => element.scrollWidth > element.clientWidth + 1 || element.getClientRects().length > 1)
      .map((element) => element.textContent?.trim() ?? ''),
  );
}

/** How far apart, in pixels, the tiles' figures sit along the row, and their readings: a name on two lines must move neither. */
function rowSpread(page: Page): Promise<{ values: number; readings: number; readingToName: number }> {
  return page.evaluate(() => {
    const inTiles = (selector: string) => [...document.querySelectorAll<HTMLElement>(`[data-testid="sla-tiles"] ${selector}`)];
    const spread = (selector: string, edge: 'top' | 'bottom') => {
      const edges = inTiles(selector).map((element) => element.getBoundingClientRect()[edge]);
      return Math.max(...edges) - Math.min(...edges);
    };
    const fontSize = (selector: string) => parseFloat(getComputedStyle(inTiles(selector)[0]!).fontSize);
    return {
      values: spread('.kpi-grid__value', 'bottom'),
      readings: spread('[data-testid$="-reading"]', 'top'),
      // The reading scales with the board on a 4K panel as the name above it does.
      readingToName: fontSize('[data-testid$="-reading"]') / fontSize('[data-testid$="-label"]'),
    };
  });
}

const trimmed = (page: Page, testId: string) => page.getByTestId(testId).textContent().then((text) => text?.trim());

describe('/sla header tiles say their window and their n', () => {
  it('reads the rates over the last 24 hours with the clocks behind each, as the catalog counts them, in both languages', async () => {
    const oracle = computeMetrics(suite.server.db, suite.server.application.core.org, { scope: { kind: 'network' }, window: '24h', now: NOW }).values;
    for (const [metric, { value }] of Object.entries(EXPECTED)) expect(oracle[metric as keyof typeof EXPECTED], metric).toBeCloseTo(value, 10);
    for (const [metric, count] of Object.entries(COUNTS)) expect(oracle[metric as keyof typeof COUNTS], metric).toBe(count);

    const page = await suite.context.newPage();
    const errors = collectPageErrors(page);
    for (const lang of ['zh-CN', 'en'] as const) {
      const words = WORDS[lang];
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.goto(`${suite.server.url}/sla?lang=${lang}`);
      for (const [metric, { clocks, value }] of Object.entries(EXPECTED)) {
        await expect.poll(() => trimmed(page, `kpi-${metric}-reading`), UI).toBe(`${words.window} · ${words.clocks(clocks)}`);
        expect(await trimmed(page, `kpi-${metric}`), metric).toBe(words.percent(value));
      }
      for (const [metric, count] of Object.entries(COUNTS)) {
        expect(await trimmed(page, `kpi-${metric}`), metric).toBe(String(count));
        expect(await trimmed(page, `kpi-${metric}-reading`), metric).toBe(words.now);
      }
      for (const size of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }, { width: 3840, height: 2160 }]) {
        await page.setViewportSize(size);
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        expect(await brokenTileTexts(page), `${lang} ${size.width}`).toEqual([]);
        const spread = await rowSpread(page);
        expect(spread.values, `${lang} ${size.width}`).toBeLessThanOrEqual(1);
        expect(spread.readings, `${lang} ${size.width}`).toBeLessThanOrEqual(1);
        expect(spread.readingToName, `${lang} ${size.width}`).toBeGreaterThanOrEqual(0.85);
        await page.getByTestId('sla-tiles').screenshot({ path: `${SCREENSHOT_DIR}/sla-tiles-${lang}-${size.width}.png` });
      }
    }
    expect(errors).toEqual([]);
  });

  it('opens the drill-down over the same window, so the rates there are the ones the header showed', async () => {
    const page = await suite.context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${suite.server.url}/sla?lang=en`);
    await expect.poll(() => trimmed(page, 'kpi-sla_compliance_resolution-reading'), UI).toBe('Last 24 h · 15 clocks');
    await page.getByTestId('kpi-breached_open').click();
    await expect.poll(() => new URL(page.url()).pathname, UI).toBe('/explore/network');
    expect(new URL(page.url()).searchParams.get('window')).toBe('24h');
    expect(await page.getByTestId('window-24h').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => page.locator('[data-testid^="metric-ticket-"]').evaluateAll((rows) => rows.map((row) => row.dataset.testid)), UI).toEqual(['metric-ticket-O-3']);
    await expect.poll(() => trimmed(page, 'kpi-sla_compliance_resolution'), UI).toBe('93.3%');
    expect(errors).toEqual([]);
  });
});
