import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BoardPage } from '../../shared/api/slaBoardApi';
import type { ComplaintListRow } from '../../shared/complaints/complaintApi';
import type { TicketListAnswer } from '../../shared/api/ticketQuery';
import { postEvents } from '../support/api';
import { UI, collectPageErrors, textOf } from '../support/browser';
import { SCREENSHOT_DIR, signedInSmallNetwork } from '../support/signedInBrowser';
import { createdEvent, smallNetwork } from '../support/smallNetwork';
import { call } from '../support/testServer';

/** 10:30 in Shanghai on a working Monday. */
const NOW = Date.parse('2026-11-23T10:30:00+08:00');
const at = (minutesAgo: number) => new Date(NOW - minutesAgo * 60_000).toISOString();

/**
 * R-1, a repair of an air conditioner that does not cool (不制冷), resolved by 张伟 (Zhang Wei) with a failed
 * compressor (压缩机损坏); I-1, an elevator being installed, which has no fault, still in his hands.
 */
const EVENTS = [
  createdEvent('R-1', at(300), { symptom: '不制冷' }),
  { id: 'r1-assigned', type: 'ticket.assigned', at: at(290), ticketId: 'R-1', data: { engineerId: 'e-001' } },
  { id: 'r1-resolved', type: 'ticket.resolved', at: at(60), ticketId: 'R-1', data: { cause: '压缩机损坏' } },
  createdEvent('I-1', at(120), { type: 'installation', productModel: 'EL-200', symptom: undefined, priority: 'P3' }),
  { id: 'i1-assigned', type: 'ticket.assigned', at: at(110), ticketId: 'I-1', data: { engineerId: 'e-001' } },
  // An outside system hands the customer's complaint about R-1 to him by his id.
  { id: 'cp-1-opened', type: 'complaint.opened', at: at(50), ticketId: 'R-1', data: { complaintId: 'cp-1', category: 'timeliness', severity: 'high', owner: 'e-001' } },
];

const suite = signedInSmallNetwork({
  now: NOW,
  seed: async (server) => {
    const engineers = smallNetwork.engineers.map((engineer) => (engineer.id === 'e-001' ? { ...engineer, nameEn: 'Zhang Wei' } : engineer));
    expect((await call(server, 'PUT', '/api/v1/org/engineers', engineers)).status).toBe(200);
    expect((await postEvents(server, EVENTS)).json).toMatchObject({ accepted: EVENTS.length, rejected: [] });
  },
});

const cell = (page: Page, ticketId: string, testId: string) => page.getByTestId(`tickets-row-${ticketId}`).getByTestId(testId).textContent();

describe('a ticket\'s engineer, symptom and cause in the page language', () => {
  let page: Page;
  let errors: string[];
  beforeAll(async () => {
    page = await suite.context.newPage();
    errors = collectPageErrors(page);
  });

  it('carries the engineer\'s English name beside the name in the ticket answers', async () => {
    const list = (await call(suite.server, 'GET', '/api/v1/tickets')).json as TicketListAnswer;
    expect(list.items.find((row) => row.id === 'R-1')).toMatchObject({ engineerName: '张伟', engineerNameEn: 'Zhang Wei' });
    const story = (await call(suite.server, 'GET', '/api/v1/tickets/R-1')).json as { names: unknown };
    expect(story.names).toMatchObject({ engineers: { 'e-001': '张伟' }, engineersEn: { 'e-001': 'Zhang Wei' } });
    const board = (await call(suite.server, 'GET', '/api/v1/sla/board?section=due&within=48h')).json as BoardPage;
    expect(board.items.find((item) => item.ticketId === 'I-1')).toMatchObject({ engineerName: '张伟', engineerNameEn: 'Zhang Wei' });
    const csv = (await call(suite.server, 'GET', '/api/v1/tickets?format=csv')).text.replace(/^\uFEFF/, '').split('\r\n');
    expect(csv[0]).toContain('engineerName,engineerNameEn,customerId');
    expect(csv.find((line) => line.startsWith('R-1,'))).toContain(',张伟,Zhang Wei,');
    const desk = (await call(suite.server, 'GET', '/api/v1/complaints')).json as { items: ComplaintListRow[] };
    expect(desk.items.find((row) => row.id === 'cp-1')).toMatchObject({ ownerName: '张伟', ownerNameEn: 'Zhang Wei', handlerName: '张伟', handlerNameEn: 'Zhang Wei' });
  });

  it('reads in English on the tickets list, a ticket\'s page, the drill-down\'s ticket list and the engineer\'s page', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${suite.server.url}/tickets?lang=en`);
    await expect.poll(() => cell(page, 'R-1', 'tickets-row-subject'), UI).toBe('Not cooling');
    expect(await cell(page, 'I-1', 'tickets-row-subject')).toBe('Installation · EL-200');
    expect(await page.getByTestId('tickets-row-R-1').innerText()).toContain('Zhang Wei');
    // The list's engineer filter names him the same way.
    await expect.poll(() => page.getByTestId('filter-engineer').locator('option[value="e-001"]').textContent(), UI).toBe('Zhang Wei');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/tickets-words-en-1366.png` });

    await page.goto(`${suite.server.url}/tickets/R-1?lang=en`);
    await expect.poll(() => textOf(page, 'ticket-subject'), UI).toBe('Not cooling');
    expect(await textOf(page, 'ticket-cause')).toBe('Compressor failed');
    expect(await textOf(page, 'ticket-engineer-link')).toBe('Zhang Wei');
    expect(await page.locator('main').innerText()).not.toMatch(/张伟|不制冷|压缩机/);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/ticket-words-en-1366.png` });
    await page.goto(`${suite.server.url}/tickets/I-1?lang=en`);
    await expect.poll(() => textOf(page, 'ticket-subject'), UI).toBe('Installation · EL-200');
    // An installation has no fault: the line says what the job is.
    expect(await page.getByTestId('ticket-case').innerText()).toMatch(/Job\s+Installation · EL-200/);

    await page.goto(`${suite.server.url}/explore/center:sh-01?lang=en`);
    await page.getByTestId('kpi-backlog_open').click();
    await page.getByTestId('metric-ticket-I-1').waitFor(UI);
    expect(await textOf(page, 'metric-tickets')).toContain('Zhang Wei');
    expect(await textOf(page, 'metric-tickets')).not.toContain('张伟');
    // The center's child table and an engineer scope's title and breadcrumb.
    expect(await textOf(page, 'child-link-engineer:e-001')).toBe('Zhang Wei');
    await page.goto(`${suite.server.url}/explore/engineer:e-001?lang=en`);
    await expect.poll(() => textOf(page, 'crumb-current'), UI).toBe('Zhang Wei');
    expect(await page.locator('main').innerText()).not.toContain('张伟');

    await page.goto(`${suite.server.url}/complaints?lang=en`);
    await expect.poll(() => page.getByTestId('complaint-row-cp-1').getByTestId('complaint-owner').textContent(), UI).toBe('Zhang Wei');
    await page.goto(`${suite.server.url}/complaints/cp-1?lang=en`);
    await expect.poll(() => textOf(page, 'complaint-owner'), UI).toBe('Zhang Wei');
    expect(await textOf(page, 'complaint-handler')).toBe('Zhang Wei');

    await page.goto(`${suite.server.url}/engineers/e-001?lang=en`);
    await expect.poll(() => textOf(page, 'engineer-title'), UI).toContain('Zhang Wei');
    await expect.poll(() => page.locator('main').innerText(), UI).toContain('Installation · EL-200');
    expect(errors).toEqual([]);
  });

  it('keeps the Chinese in the Chinese UI', async () => {
    await page.goto(`${suite.server.url}/tickets/R-1?lang=zh-CN`);
    await expect.poll(() => textOf(page, 'ticket-subject'), UI).toBe('不制冷');
    expect(await textOf(page, 'ticket-cause')).toBe('压缩机损坏');
    expect(await textOf(page, 'ticket-engineer-link')).toBe('张伟');
    await page.goto(`${suite.server.url}/tickets/I-1?lang=zh-CN`);
    await expect.poll(() => textOf(page, 'ticket-subject'), UI).toBe('安装 · EL-200');
    expect(errors).toEqual([]);
  });
});
