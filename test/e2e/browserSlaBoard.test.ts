import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { postEvents } from '../support/api';
import { UI, textOf } from '../support/browser';
import { SCREENSHOT_DIR, signedInDeskSuite } from '../support/signedInBrowser';
import { fiveByNineBeforeHoursSuite } from '../support/fiveByNineTicket';
import { createdEvent } from '../support/smallNetwork';
import type { TestServer } from '../support/testServer';

/** 10:30 in Shanghai on a working Monday. */
const NOW = Date.parse('2026-11-23T10:30:00+08:00');
const at = (minutesAgo: number) => new Date(NOW - minutesAgo * 60_000).toISOString();

/**
 * c-001 has a 7x24x4 contract: first response is due 30 minutes after creation. BR-1, created 50 minutes
 * ago with no response, is 20 minutes past due; OK-1, created 5 minutes ago, is not yet at a warning.
 */
const TICKETS = [
  createdEvent('BR-1', at(50), { priority: 'P1' }),
  createdEvent('OK-1', at(5), { centerId: 'sh-02', priority: 'P3' }),
];

describe('manager breach board in a real browser', () => {
  const suite = signedInDeskSuite({
    now: NOW,
    seed: async (server) => {
      expect((await postEvents(server, TICKETS)).status).toBe(200);
    },
  });
  let server: TestServer;
  let page: Page;
  let pageErrors: string[];
  beforeEach(() => ({ server, page, pageErrors } = suite));

  it('shows a breached ticket with how long it is overdue, its tone in words and shape, and its timeline on click', async () => {
    await page.goto(`${server.url}/sla?tab=breached`);
    const row = page.getByTestId('breach-row-BR-1').first();
    await row.waitFor(UI);
    expect(await row.getAttribute('data-tone')).toBe('breached');
    expect(await row.textContent()).toContain('已超时');
    // 20 minutes past due at the server's instant, then ticking on in the browser; under the overdue heading, the bare span.
    await expect.poll(() => page.getByTestId('countdown-BR-1').first().textContent(), UI).toMatch(/^\s*2\d分\d\d秒\s*$/);
    expect(await textOf(page, 'sla-time-zone')).toContain('Asia/Shanghai');
    expect(await textOf(page, 'kpi-breached_open')).toBe('1');
    // Levels are sampled each minute by the server's timer, which a test clock frozen at NOW never reaches:
    // the trend says so in words instead of drawing an empty axis as if it were data.
    await page.getByTestId('trend-backlog-empty').waitFor(UI);

    await page.getByTestId('filter-priority').selectOption('P3');
    await expect.poll(() => page.getByTestId('breach-row-BR-1').count(), UI).toBe(0);
    // The filter runs on the server and is kept in the address, so the board can be shared as it is.
    expect(new URL(page.url()).searchParams.get('priority')).toBe('P3');
    // The total is read again with the filter; while it is on its way the tab shows '…', so wait for the number.
    await expect.poll(() => textOf(page, 'total-breached'), UI).toBe('0');
    await page.getByTestId('filter-priority').selectOption({ index: 0 });
    await page.getByTestId('breach-row-BR-1').first().waitFor(UI);

    await page.getByTestId('open-BR-1').first().focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('timeline-clocks').textContent(), UI).toContain('首次响应');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/sla-timeline.png` });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('ticket-timeline').count(), UI).toBe(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/sla.png` });
    expect(pageErrors).toEqual([]);
  });

  it('lists a ticket that breaches while the board is open, without a reload', async () => {
    await page.goto(`${server.url}/sla?tab=breached`);
    await page.getByTestId('breach-row-BR-1').first().waitFor(UI);
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => navigations.push(frame.url()));
    // Arrives late: its first response fell due an hour ago, so the engine fires the breach at once.
    expect((await postEvents(server, [createdEvent('LATE-1', at(90), { centerId: 'urc-01', customerId: 'c-001' })])).status).toBe(200);
    await expect.poll(() => page.getByTestId('breach-row-LATE-1').count(), UI).toBeGreaterThan(0);
    expect(navigations).toEqual([]);
  });

  it('reads in English after switching the language', async () => {
    await page.goto(`${server.url}/sla?tab=breached`);
    await page.getByTestId('breach-row-BR-1').first().waitFor(UI);
    await page.getByTestId('locale-en').click();
    await expect.poll(() => page.getByTestId('breach-row-BR-1').first().textContent(), UI).toContain('Breached');
    await expect.poll(() => page.getByTestId('countdown-BR-1').first().textContent(), UI).toMatch(/^\s*2\dm \d\ds\s*$/);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/sla-en.png` });
    expect(pageErrors).toEqual([]);
  });
});

describe('a 5×9 clock on the breach desk before working hours', () => {
  const suite = fiveByNineBeforeHoursSuite();

  it('rests on /sla as on the ticket page: one working hour left, not counting while the wall clock moves', async () => {
    const { server, page, pageErrors } = suite;
    await page.goto(`${server.url}/sla?tab=due`);
    // Two working hours from Friday 17:00: one went on Friday, one is left for Monday from 09:00 (due 10:00).
    await expect.poll(() => textOf(page, 'countdown-FN-1'), UI).toBe('非工作时间 1小时00分');
    expect(await page.getByTestId('resting-FN-1').getAttribute('title')).toContain('非工作时间');
    const clock = await textOf(page, 'wall-clock');
    await expect.poll(() => textOf(page, 'wall-clock'), UI).not.toBe(clock);
    expect(await textOf(page, 'countdown-FN-1')).toBe('非工作时间 1小时00分');
    expect(pageErrors).toEqual([]);
  });
});
