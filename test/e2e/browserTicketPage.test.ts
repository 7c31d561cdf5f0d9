import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { postEvents } from '../support/api';
import { collectPageErrors, textOf } from '../support/browser';
import { SCREENSHOT_DIR, newSignedInContext, signedInDeskSuite } from '../support/signedInBrowser';
import { fiveByNineBeforeHoursSuite } from '../support/fiveByNineTicket';
import { createdEvent } from '../support/smallNetwork';
import { type TestServer, call, signInAs } from '../support/testServer';

/** 10:30 in Shanghai on a working Monday. */
const NOW = Date.parse('2026-11-23T10:30:00+08:00');
const UI = { timeout: 20_000 };
const at = (minutesAgo: number) => new Date(NOW - minutesAgo * 60_000).toISOString();

/**
 * BR-1 for 上海某医院 (7x24x4): no first response 50 minutes in, so it is on the breach board; its
 * engineer 张伟 was assigned 40 minutes ago. OK-1 in Urumqi is another region's.
 */
const TICKETS = [
  createdEvent('BR-1', at(50), { priority: 'P1', serialNo: 'SN-AC-778812', symptom: '不制冷' }),
  { id: 'br1-assigned', type: 'ticket.assigned', at: at(40), ticketId: 'BR-1', data: { engineerId: 'e-001' } },
  { id: 'br1-parts', type: 'parts.requested', at: at(35), ticketId: 'BR-1', data: { requestId: 'pr-1', partNo: 'CMP-220', quantity: 1 } },
  { id: 'br1-complaint', type: 'complaint.opened', at: at(20), ticketId: 'BR-1', data: { complaintId: 'cp-1', category: 'timeliness', severity: 'high', level: 2 } },
  createdEvent('OK-1', at(5), { centerId: 'urc-01', customerId: 'c-003', priority: 'P3' }),
];

async function openTicket(page: Page, server: TestServer, ticketId: string): Promise<void> {
  await page.goto(`${server.url}/tickets/${ticketId}`);
  await page.getByTestId('ticket-customer').waitFor(UI);
}

describe('one ticket, one page, in a real browser', () => {
  const suite = signedInDeskSuite({
    now: NOW,
    seed: async (server) => {
      expect((await postEvents(server, TICKETS)).json).toMatchObject({ accepted: TICKETS.length, rejected: [] });
    },
  });
  let server: TestServer;
  let page: Page;
  let pageErrors: string[];
  beforeEach(() => ({ server, page, pageErrors } = suite));

  it('opens a ticket from its id on /sla, at an address that reloads to the same page', async () => {
    await page.goto(`${server.url}/sla?tab=breached`);
    const row = page.getByTestId('breach-row-BR-1').first();
    await row.getByTestId('ticket-link-BR-1').click(UI);
    await expect.poll(() => new URL(page.url()).pathname, UI).toBe('/tickets/BR-1');
    await expect.poll(() => textOf(page, 'ticket-customer'), UI).toContain('上海某医院');
    await page.reload();
    await expect.poll(() => textOf(page, 'ticket-customer'), UI).toContain('上海某医院');
    expect(await textOf(page, 'ticket-title')).toBe('工单 BR-1');

    // The timeline beside the board stays a click away, with the same address in it.
    await page.goto(`${server.url}/sla?tab=breached`);
    await page.getByTestId('open-BR-1').first().click(UI);
    await expect.poll(() => textOf(page, 'timeline-events'), UI).toContain('派单给工程师张伟');
    await page.getByTestId('ticket-timeline').getByTestId('ticket-link-BR-1').click();
    await expect.poll(() => new URL(page.url()).pathname, UI).toBe('/tickets/BR-1');
    expect(pageErrors).toEqual([]);
  });

  it('names customer, product and center at its own address, survives a reload, and its countdown moves', async () => {
    await openTicket(page, server, 'BR-1');
    await page.reload();
    await page.getByTestId('ticket-customer').waitFor(UI);
    expect(await textOf(page, 'ticket-title')).toBe('工单 BR-1');
    expect(await textOf(page, 'ticket-status')).toBe('已派工');
    expect(await textOf(page, 'ticket-customer')).toContain('上海某医院');
    expect(await textOf(page, 'ticket-customer')).toContain('7×24 小时，4 小时到场');
    expect(await textOf(page, 'ticket-product')).toMatch(/AC-9000.*中央空调.*SN-AC-778812/s);
    expect(await textOf(page, 'ticket-center-link')).toBe('上海浦东服务中心');
    expect(await page.getByTestId('ticket-center-link').getAttribute('href')).toBe('/explore/center:sh-01');
    expect(await page.getByTestId('ticket-engineer-link').getAttribute('href')).toBe('/explore/engineer:e-001');
    expect(await textOf(page, 'ticket-timeline')).toContain('派单给工程师张伟');
    expect(await textOf(page, 'ticket-complaints')).toContain('区部');
    expect(await textOf(page, 'ticket-parts')).toContain('CMP-220');
    expect(await page.getByTestId('clock-first_response').getAttribute('data-tone')).toBe('breached');

    const countdown = page.getByTestId('countdown-resolution');
    const first = (await countdown.textContent())?.trim();
    expect(first).toMatch(/^\d+小时\d\d分$|^\d+分\d\d秒$/);
    // Resolution on a 7x24x4 contract is hours away: watch the seconds of the first-response overdue clock instead.
    const overdue = page.getByTestId('countdown-first_response');
    // The page samples the browser's clock each whole second: its first frame may still show the second before the read.
    await expect.poll(async () => (await overdue.textContent())?.trim(), UI).toMatch(/^已超时 2\d分\d\d秒$/);
    const before = (await overdue.textContent())?.trim();
    await expect.poll(async () => (await overdue.textContent())?.trim(), UI).not.toBe(before);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/ticket-1920.png`, fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('shows an event posted for the ticket in its timeline without a reload', async () => {
    await openTicket(page, server, 'BR-1');
    await page.getByTestId('ticket-live').waitFor(UI);
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => navigations.push(frame.url()));
    const arrived = { id: 'br1-arrived', type: 'ticket.engineer_arrived', at: at(1), ticketId: 'BR-1', data: {} };
    expect((await postEvents(server, [arrived])).status).toBe(200);
    await expect.poll(() => textOf(page, 'ticket-timeline'), UI).toContain('工程师张伟到达现场');
    await expect.poll(() => textOf(page, 'ticket-status'), UI).toBe('在现场');
    await page.getByTestId('ticket-changed').waitFor(UI);
    expect(navigations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('finds a ticket by a prefix of its id from the top bar, and Enter on an exact id opens it', async () => {
    await page.goto(`${server.url}/tickets`);
    await page.getByTestId('tickets-row-BR-1').waitFor(UI);
    const search = page.getByTestId('ticket-search');
    await search.fill('br');
    await page.getByTestId('search-tickets-BR-1').waitFor(UI);
    expect(await textOf(page, 'search-tickets-BR-1')).toContain('上海某医院');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/ticket-search.png` });
    await page.getByTestId('search-tickets-BR-1').click();
    await expect.poll(() => new URL(page.url()).pathname, UI).toBe('/tickets/BR-1');

    await search.fill('ok-1');
    await search.press('Enter');
    await expect.poll(() => new URL(page.url()).pathname, UI).toBe('/tickets/OK-1');
    await page.getByTestId('ticket-customer').waitFor(UI);

    await search.fill('SN-AC');
    await page.getByTestId('search-serials-BR-1').waitFor(UI);
    expect(pageErrors).toEqual([]);
  });

  it('tells a supervisor of another region the ticket is outside their access, in the page language', async () => {
    const west = await signInAs(server, { username: 'sup.west', role: 'supervisor', grants: [{ kind: 'region', id: 'west' }] });
    const context = await newSignedInContext(page.context().browser()!, server, west);
    try {
      const theirs = await context.newPage();
      const errors = collectPageErrors(theirs);
      await theirs.goto(`${server.url}/tickets/BR-1`);
      await expect.poll(() => textOf(theirs, 'ticket-out-of-scope'), UI).toBe('此工单不在您的权限范围内。');
      expect(await theirs.getByTestId('ticket-customer').count()).toBe(0);
      await theirs.getByTestId('locale-en').click();
      await expect.poll(() => textOf(theirs, 'ticket-out-of-scope'), UI).toBe('This ticket is outside your access.');
      // Their own region's ticket opens; the search does not offer the other region's.
      await theirs.getByTestId('ticket-search').fill('BR');
      await theirs.getByTestId('ticket-search-results').waitFor(UI);
      expect(await theirs.getByTestId('search-tickets-BR-1').count()).toBe(0);
      await openTicket(theirs, server, 'OK-1');
      // The only console error is the refused read itself.
      expect(errors.filter((error) => !error.includes('403'))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('opens an engineer\'s own ticket for them, and tells them another is outside their access', async () => {
    const zhang = await signInAs(server, { username: 'eng.zhang', role: 'engineer', engineerId: 'e-001' });
    const refused = await call(server, 'GET', '/api/v1/tickets/OK-1', undefined, zhang);
    expect([refused.status, refused.json.error?.code]).toEqual([403, 'out_of_scope']);
    expect((await call(server, 'GET', '/api/v1/tickets/BR-1', undefined, zhang)).status).toBe(200);
    const context = await newSignedInContext(page.context().browser()!, server, zhang);
    try {
      const theirs = await context.newPage();
      const errors = collectPageErrors(theirs);
      await openTicket(theirs, server, 'BR-1');
      expect(new URL(theirs.url()).pathname).toBe('/tickets/BR-1');
      expect(await textOf(theirs, 'ticket-customer')).toContain('上海某医院');
      // They read no boards: the center is named, not a link into a drill-down that would refuse them.
      expect(await textOf(theirs, 'ticket-center-name')).toBe('上海浦东服务中心');
      expect(await theirs.getByTestId('ticket-center-link').count()).toBe(0);
      await theirs.goto(`${server.url}/tickets/OK-1`);
      await expect.poll(() => textOf(theirs, 'ticket-out-of-scope'), UI).toBe('此工单不在您的权限范围内。');
      expect(errors.filter((error) => !error.includes('403'))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('lists tickets under a filter kept in the address, a page at a time, with its total and a CSV of every match', async () => {
    const many = Array.from({ length: 60 }, (_, i) => createdEvent(`PG-${String(i).padStart(2, '0')}`, at(200 + i), { centerId: 'sh-02', customerId: 'c-002' }));
    expect((await postEvents(server, many)).status).toBe(200);
    await page.goto(`${server.url}/tickets?centerId=sh-02`);
    await page.getByTestId('tickets-row-PG-00').waitFor(UI);
    expect(await textOf(page, 'tickets-total')).toBe('共 60 张');
    expect(await page.getByTestId('tickets-table').locator('tbody tr').count()).toBe(50);
    expect(await textOf(page, 'tickets-row-PG-00')).toContain('某连锁超市');
    await page.getByTestId('tickets-more').click();
    await expect.poll(() => page.getByTestId('tickets-table').locator('tbody tr').count(), UI).toBe(60);
    expect(await textOf(page, 'tickets-shown')).toBe('已到末尾，共 60 张');

    await page.getByTestId('filter-priority').selectOption('P1');
    await page.getByTestId('filter-center').selectOption('');
    await page.getByTestId('filter-apply').click();
    await expect.poll(() => new URL(page.url()).search, UI).toBe('?priority=P1');
    await page.reload();
    await page.getByTestId('tickets-row-BR-1').waitFor(UI);
    expect(await page.getByTestId('filter-priority').inputValue()).toBe('P1');
    expect(await page.getByTestId('tickets-table').locator('tbody tr').count()).toBe(1);

    await page.goto(`${server.url}/tickets?centerId=sh-02`);
    await page.getByTestId('tickets-row-PG-00').waitFor(UI);
    const href = await page.getByTestId('tickets-csv').getAttribute('href');
    expect(href).toBe('/api/v1/tickets?centerId=sh-02&format=csv');
    const csv = await page.evaluate(async (address) => (await fetch(address!)).text(), href);
    expect(csv.trim().split(/\r?\n/)).toHaveLength(61);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/tickets-list.png` });
    expect(pageErrors).toEqual([]);
  });

  it('fits a desk screen in both languages without sideways scrolling', async () => {
    const arrived = { id: 'br1-arrived', type: 'ticket.engineer_arrived', at: at(10), ticketId: 'BR-1', data: {} };
    const survey = { id: 'br1-survey', type: 'survey.failed', at: at(2), ticketId: 'BR-1', data: { reason: 'no_answer' } };
    expect((await postEvents(server, [arrived, survey])).status).toBe(200);
    for (const locale of ['zh-CN', 'en'] as const) {
      for (const size of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
        await page.setViewportSize(size);
        for (const [name, address] of [['ticket', '/tickets/BR-1'], ['tickets', '/tickets']] as const) {
          await page.goto(`${server.url}${address}`);
          if (locale === 'en') await page.getByTestId('locale-en').click();
          await page.getByTestId(name === 'ticket' ? 'ticket-customer' : 'tickets-row-BR-1').waitFor(UI);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          expect(overflow, `${name} ${locale} ${size.width}`).toBeLessThanOrEqual(0);
          await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}-${locale}-${size.width}x${size.height}.png` });
        }
      }
    }
    expect(pageErrors).toEqual([]);
  });
});

describe('a 5×9 clock on the ticket page before working hours', () => {
  const suite = fiveByNineBeforeHoursSuite();

  it('rests: one working hour of the first response is left, and stays so while the wall clock moves', async () => {
    const { server, page, pageErrors } = suite;
    await openTicket(page, server, 'FN-1');
    // Two working hours from Friday 17:00: one went on Friday, one is left for Monday from 09:00.
    await expect.poll(() => textOf(page, 'countdown-first_response'), UI).toBe('1小时00分');
    expect(await textOf(page, 'resting-first_response')).toBe('非工作时间，暂停计时');
    expect(await textOf(page, 'countdown-on_site')).toBe('8小时00分');
    const clock = await textOf(page, 'wall-clock');
    await expect.poll(() => textOf(page, 'wall-clock'), UI).not.toBe(clock);
    expect(await textOf(page, 'countdown-first_response')).toBe('1小时00分');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/ticket-5x9-resting.png` });
    expect(pageErrors).toEqual([]);
  });
});
