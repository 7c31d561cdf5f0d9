import type { Page, Route } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { computeMetrics } from '../../server/metrics/metricReference';
import type { SampleUnit } from '../../shared/metrics/sampleSize';
import type { IngestEventInput } from '../../shared/ingest/eventSchema';
import { postEvents } from '../support/api';
import { UI, chartsSettled, collectPageErrors, textOf } from '../support/browser';
import { SCREENSHOT_DIR, signedInDeskSuite, signedInSmallNetwork } from '../support/signedInBrowser';
import { createdEvent } from '../support/smallNetwork';
import type { TestServer } from '../support/testServer';

/** 10:30 in Shanghai on a working Monday. */
const NOW = Date.parse('2026-11-23T10:30:00+08:00');

/** Three open tickets in Shanghai (two at 浦东, one at 松江) and one in Urumqi. */
function openTickets() {
  const at = (minutesAgo: number) => new Date(NOW - minutesAgo * 60_000).toISOString();
  return [
    createdEvent('PD-1', at(50)),
    createdEvent('PD-2', at(40), { priority: 'P1' }),
    createdEvent('SJ-1', at(30), { centerId: 'sh-02', customerId: 'c-002' }),
    createdEvent('UR-1', at(20), { centerId: 'urc-01', customerId: 'c-003' }),
  ];
}

describe('supervisor drill-down in a real browser', () => {
  const suite = signedInDeskSuite({
    now: NOW,
    seed: async (server) => {
      expect((await postEvents(server, openTickets())).status).toBe(200);
    },
  });
  let server: TestServer;
  let page: Page;
  let pageErrors: string[];
  beforeEach(() => ({ server, page, pageErrors } = suite));

  it('clicks through network, region, city and center to the tickets behind a number, and exports them as CSV', async () => {
    await page.goto(`${server.url}/explore`);
    await expect.poll(() => textOf(page, 'crumb-current'), UI).toBe('全国服务网络');
    await expect.poll(() => textOf(page, 'kpi-backlog_open'), UI).toBe('4');
    await chartsSettled(page);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/explore-network.png` });

    await page.getByTestId('child-link-region:east').click();
    await expect.poll(() => textOf(page, 'crumb-current'), UI).toBe('华东');
    await expect.poll(() => textOf(page, 'kpi-backlog_open'), UI).toBe('3');
    await page.getByTestId('child-link-region:sh').click();
    await expect.poll(() => textOf(page, 'crumb-current'), UI).toBe('上海');
    await expect.poll(() => textOf(page, 'child-center:sh-01-backlog_open'), UI).toBe('2');
    await page.getByTestId('child-link-center:sh-01').click();
    await expect.poll(() => textOf(page, 'crumb-current'), UI).toBe('上海浦东服务中心');
    expect(await page.getByTestId('explore-breadcrumb').textContent()).toMatch(/全国服务网络.*华东.*上海.*上海浦东服务中心/);

    await expect.poll(() => textOf(page, 'kpi-backlog_open'), UI).toBe('2');
    await page.getByTestId('kpi-backlog_open').click();
    await page.getByTestId('metric-ticket-PD-1').waitFor(UI);
    expect(await page.getByTestId('metric-tickets').locator('tbody tr').count()).toBe(2);
    const href = await page.getByTestId('metric-tickets-csv').getAttribute('href');
    expect(href).toBe('/api/v1/metrics/backlog_open/tickets?scope=center%3Ash-01&window=today&format=csv');
    const csv = await page.evaluate(async (path) => {
      const response = await fetch(path!);
      return { type: response.headers.get('content-type'), text: await response.text() };
    }, href);
    expect(csv.type).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split(/\r?\n/);
    expect(lines).toHaveLength(3);
    expect(lines.slice(1).map((line) => line.split(',')[0]).sort()).toEqual(['PD-1', 'PD-2']);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/explore-center-tickets.png` });

    // Each listed id is a link to the ticket's own page.
    await page.getByTestId('ticket-link-PD-2').click();
    await expect.poll(() => new URL(page.url()).pathname, UI).toBe('/tickets/PD-2');
    await expect.poll(() => page.getByTestId('ticket-timeline').textContent(), UI).toContain('工单创建');
    expect(pageErrors).toEqual([]);
  });

  it('opens a child on the window on screen', async () => {
    await page.goto(`${server.url}/explore/network?window=7d`);
    const east = page.getByTestId('child-link-region:east');
    await expect.poll(() => east.getAttribute('href'), UI).toBe('/explore/region:east?window=7d');
    await east.click();
    await expect.poll(() => textOf(page, 'crumb-current'), UI).toBe('华东');
    expect(await page.getByTestId('window-7d').getAttribute('aria-pressed')).toBe('true');
  });

  it('switches the labels from Chinese to English and keeps the numbers', async () => {
    await page.goto(`${server.url}/explore/region:east`);
    await expect.poll(() => textOf(page, 'kpi-backlog_open-label'), UI).toBe('未结工单');
    await expect.poll(() => textOf(page, 'kpi-backlog_open'), UI).toBe('3');
    await page.getByTestId('locale-en').click();
    await expect.poll(() => textOf(page, 'kpi-backlog_open-label'), UI).toBe('Open backlog');
    expect(await textOf(page, 'nav-explore')).toBe('Explore');
    expect(await textOf(page, 'kpi-backlog_open')).toBe('3');
    await chartsSettled(page);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/explore-region-en.png` });
    expect(pageErrors).toEqual([]);
  });

  it('moves through the navigation by keyboard', async () => {
    await page.goto(`${server.url}/explore`);
    await page.getByTestId('nav-explore').focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).pathname, UI).toBe('/sla');
    expect(await page.getByTestId('nav-sla').getAttribute('aria-current')).toBe('page');
  });
});

const HOUR = 3_600_000;

/**
 * Twelve tickets at 上海浦东 (7×24×4) ten days before NOW: answered in 10 min, visited in 2 h (R-1 and R-2 twice),
 * resolved after 6 h; each return visit a day later, R-12's failed (no score). Their return visits fell due 7 days
 * after resolution, three days ago. One ticket is open now, its call not yet answered.
 */
function tenDaysAgo(): IngestEventInput[] {
  const iso = (hours: number) => new Date(NOW - 10 * 24 * HOUR + hours * HOUR).toISOString();
  const tickets = Array.from({ length: 12 }, (_, index) => {
    const id = `R-${index + 1}`;
    const step = (suffix: string, type: IngestEventInput['type'], hours: number, data: Record<string, unknown> = {}) => ({ id: `${id}-${suffix}`, type, at: iso(index + hours), ticketId: id, data }) as IngestEventInput;
    return [
      createdEvent(id, iso(index), { engineerId: 'e-001' }),
      step('fr', 'ticket.first_response', 1 / 6),
      step('arrived', 'ticket.engineer_arrived', 2),
      ...(index < 2 ? [step('again', 'ticket.engineer_arrived', 4)] : []),
      step('resolved', 'ticket.resolved', 6),
      index === 11 ? step('survey', 'survey.failed', 30, { reason: 'unreachable' }) : step('survey', 'survey.completed', 30, { score: index % 2 === 0 ? 5 : 4 }),
    ];
  });
  return [...tickets.flat(), createdEvent('O-1', new Date(NOW - 5 * 60_000).toISOString())];
}

/** Counted by hand from the seed, per the catalog, for the network over the last 30 days and the last 7. */
const READINGS = {
  '30d': { sla_compliance_first_response: ['clocks', 12], first_time_fix_rate: ['tickets', 12], repeat_visit_rate: ['tickets', 12], csat_mean: ['surveys', 11], return_visit_rate: ['returnVisits', 12] },
  // The resolutions and surveys are older than a week; the return visits fell due inside it.
  '7d': { sla_compliance_first_response: ['clocks', 0], first_time_fix_rate: ['tickets', 0], repeat_visit_rate: ['tickets', 0], csat_mean: ['surveys', 0], return_visit_rate: ['returnVisits', 12] },
} as const;
const UNIT_WORDS = {
  'zh-CN': { window: { '30d': '近 30 天', '7d': '近 7 天' }, now: '当前', today: '今日', clocks: '个时钟', tickets: '张工单', surveys: '次已完成评分', returnVisits: '个已到期回访' },
  en: { window: { '30d': 'Last 30 days', '7d': 'Last 7 days' }, now: 'Now', today: 'Today', clocks: 'clocks', tickets: 'tickets', surveys: 'surveys completed', returnVisits: 'return visits came due' },
} as const;

/** Readings whose n is broken over two lines ('12' above 'clocks'): where a tile wraps, it wraps before the n. */
function brokenCounts(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-testid^="kpi-"][data-testid$="-reading"]')].flatMap((reading) => {
      const text = reading.textContent ?? '';
      const from = text.indexOf(' · ') + 3;
      if (from < 3) return [];
      const range = document.createRange();
      const walker = document.createTreeWalker(reading, NodeFilter.SHOW_TEXT);
      let offset = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const length = node.textContent!.length;
        if (offset <= from && from < offset + length) range.setStart(node, from - offset);
        range.setEnd(node, length);
        offset += length;
      }
      return new Set([...range.getClientRects()].map((line) => Math.round(line.top))).size > 1 ? [text] : [];
    }),
  );
}

/**
 * Holds the live feed's snapshots and pushes (socket.io events and acks) until released, the handshake and
 * pings passing: the page as it is before the feed's first snapshot, for as long as a test looks at it.
 */
async function holdFeed(page: Page): Promise<() => void> {
  let held: (() => void)[] | null = [];
  await page.routeWebSocket(/\/socket\.io\//, (socket) => {
    const server = socket.connectToServer();
    server.onMessage((message) => {
      const pass = () => socket.send(message);
      if (held && typeof message === 'string' && /^4[23]/.test(message)) held.push(pass);
      else pass();
    });
  });
  return () => {
    const queued = held ?? [];
    held = null;
    queued.forEach((pass) => pass());
  };
}

/** Holds the REST reads of figures the predicate picks until released. */
async function holdMetrics(page: Page, picks: (query: URLSearchParams) => boolean): Promise<() => void> {
  let held: Route[] | null = [];
  await page.route(
    (url) => url.pathname === '/api/v1/metrics' && picks(url.searchParams),
    (route) => (held ? held.push(route) : route.continue()),
  );
  return () => {
    const queued = held ?? [];
    held = null;
    queued.forEach((route) => void route.continue());
  };
}

describe('drill-down tiles say what each figure reads', () => {
  const suite = signedInSmallNetwork({
    now: NOW,
    seed: async (server) => {
      const events = tenDaysAgo();
      expect((await postEvents(server, events)).json).toMatchObject({ accepted: events.length, rejected: [] });
    },
  });

  it('gives each rate its window and its n in the unit the catalog counts, and a count its now, in both languages', async () => {
    const page = await suite.context.newPage();
    const errors = collectPageErrors(page);
    const oracle = (window: '30d' | '7d') => computeMetrics(suite.server.db, suite.server.application.core.org, { scope: { kind: 'network' }, window, now: NOW }).values;
    const month = oracle('30d');
    expect([month.first_time_fix_rate, month.repeat_visit_rate, month.csat_mean, month.return_visit_rate, month.backlog_open]).toEqual([10 / 12, 2 / 12, 50 / 11, 1, 1]);
    for (const lang of ['zh-CN', 'en'] as const) {
      const words = UNIT_WORDS[lang];
      for (const window of ['30d', '7d'] as const) {
        await page.goto(`${suite.server.url}/explore/network?window=${window}&lang=${lang}`);
        for (const [metric, [unit, n]] of Object.entries(READINGS[window]) as [string, readonly [keyof typeof words & SampleUnit, number]][]) {
          await expect.poll(() => textOf(page, `kpi-${metric}-reading`), UI).toBe(`${words.window[window]} · ${n} ${words[unit]}`);
        }
        expect(await textOf(page, 'kpi-backlog_open-reading')).toBe(words.now);
        expect(await textOf(page, 'kpi-created_today-reading')).toBe(words.today);
        expect(await textOf(page, 'kpi-backlog_open')).toBe('1');
        const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);
        const values = oracle(window);
        expect(await textOf(page, 'kpi-first_time_fix_rate'), `${lang} ${window}`).toBe(percent(values.first_time_fix_rate));
        expect(await textOf(page, 'kpi-return_visit_rate'), `${lang} ${window}`).toBe(percent(values.return_visit_rate));
        for (const [width, height] of [[1366, 768], [1920, 1080]] as const) {
          await page.setViewportSize({ width, height });
          expect(await brokenCounts(page), `${lang} ${window} ${width}`).toEqual([]);
          await page.screenshot({ path: `${SCREENSHOT_DIR}/explore-readings-${lang}-${window}-${width}.png` });
        }
      }
    }
    expect(errors).toEqual([]);
  });

  it('before the feed brings the n shows the counts of the window and scope on screen, and no rate', async () => {
    const page = await suite.context.newPage();
    const errors = collectPageErrors(page);
    const releaseFeed = await holdFeed(page);
    await page.goto(`${suite.server.url}/explore/network?window=30d&lang=zh-CN`);
    await expect.poll(() => textOf(page, 'kpi-backlog_open'), UI).toBe('1');
    // The REST answer holds 一次修复率 83.3 % over 12 tickets: without its n it waits.
    expect(await textOf(page, 'kpi-first_time_fix_rate')).toBe('—');
    expect(await textOf(page, 'kpi-first_time_fix_rate-reading')).toBe('近 30 天');

    const releaseWeek = await holdMetrics(page, (query) => query.get('window') === '7d');
    await page.getByTestId('window-7d').click();
    await expect.poll(() => textOf(page, 'kpi-first_time_fix_rate-reading'), UI).toBe('近 7 天');
    // The month's answer is no answer for the week, not even for a count.
    expect(await textOf(page, 'kpi-backlog_open')).toBe('—');
    expect(await textOf(page, 'kpi-first_time_fix_rate')).toBe('—');
    releaseWeek();
    await expect.poll(() => textOf(page, 'kpi-backlog_open'), UI).toBe('1');

    // Nor is the network's answer one for a region: 西南 has no ticket open.
    const releaseWest = await holdMetrics(page, (query) => query.get('scope') === 'region:west');
    await page.getByTestId('child-link-region:west').click();
    await expect.poll(() => textOf(page, 'crumb-current'), UI).toBe('西南');
    expect(await textOf(page, 'kpi-backlog_open')).toBe('—');
    releaseWest();
    await expect.poll(() => textOf(page, 'kpi-backlog_open'), UI).toBe('0');

    releaseFeed();
    await expect.poll(() => textOf(page, 'kpi-return_visit_rate-reading'), UI).toMatch(/ · 0 个已到期回访$/);
    expect(errors).toEqual([]);
    await page.close();
  });
});
