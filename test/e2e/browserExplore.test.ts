import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { postEvents } from '../support/api';
import { UI, chartsSettled, textOf } from '../support/browser';
import { SCREENSHOT_DIR, signedInDeskSuite } from '../support/signedInBrowser';
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
