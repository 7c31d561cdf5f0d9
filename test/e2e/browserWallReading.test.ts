import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { postEvents } from '../support/api';
import { UI, collectPageErrors, newWallContext } from '../support/browser';
import { SCREENSHOT_DIR, signedInSmallNetwork } from '../support/signedInBrowser';
import { createdEvent, loadSmallNetwork, smallNetwork } from '../support/smallNetwork';
import { VIEW_TOKEN, call } from '../support/testServer';

/** 10:30 in Shanghai on a working Monday. */
const NOW = Date.parse('2026-11-23T10:30:00+08:00');
const at = (minutesAgo: number) => new Date(NOW - minutesAgo * 60_000).toISOString();

/** Names as long as real ones get: each would take two lines of a 1366 wall's list. */
const LONG_CUSTOMER = { zh: '上海市第一人民医院松江院区后勤保障与设备维保管理中心', en: "Shanghai First People's Hospital Songjiang Campus Facilities Office" };
const LONG_CENTER = { zh: '上海松江新城经济技术开发区售后服务中心', en: 'Shanghai Songjiang New Town Economic Development Zone Center' };

/** Complaints and clocks due within the hour, some under long names and some under short ones. */
const EVENTS = Array.from({ length: 6 }, (_, index) => {
  const ticketId = `WR-${index}`;
  const long = index % 2 === 0;
  return [
    createdEvent(ticketId, at(10 + index), { priority: 'P1', centerId: long ? 'sh-02' : 'sh-01', customerId: long ? 'c-001' : 'c-003' }),
    { id: `wr-${index}-opened`, type: 'complaint.opened', at: at(5 + index), ticketId, data: { complaintId: `wr-${index}`, category: 'repair_quality', severity: 'high', ...(long ? { source: 'return_visit' } : {}) } },
  ];
}).flat();
/** Breached today and breached yesterday: the second's due time has its date under it. */
const BREACHED = [createdEvent('WR-TODAY', at(60), { priority: 'P1' }), createdEvent('WR-YESTERDAY', at(26 * 60), { priority: 'P1' })];

const SIZES = [[1366, 768], [1920, 1080], [3840, 2160]] as const;
const LOCALES = ['zh-CN', 'en'] as const;

/** Each visible list row's height, and each of its name lines' height in lines of its own text. */
function listRows(page: Page, card: string) {
  return page.getByTestId(card).evaluate((element) =>
    [...element.querySelectorAll('tbody tr')]
      .filter((row) => getComputedStyle(row).visibility !== 'collapse')
      .map((row) => ({
        height: Math.round(row.getBoundingClientRect().height),
        lines: [...row.querySelectorAll('.wall-list-table__line')].map((line) => Math.round(line.getBoundingClientRect().height / Number.parseFloat(getComputedStyle(line).lineHeight))),
      })),
  );
}

/** Every header of the wall's tables against the wall's small size, the muted grey and the text. */
function headers(page: Page) {
  return page.evaluate(() => {
    const probe = document.body.appendChild(document.createElement('span'));
    probe.style.cssText = 'font-size: var(--wall-small-size); color: var(--text-muted)';
    const small = Number.parseFloat(getComputedStyle(probe).fontSize);
    const muted = getComputedStyle(probe).color;
    probe.remove();
    const luminance = (colour: string) => {
      // 'rgb(141, 155, 181)' in 0–255, a mixed colour as 'color(srgb 0.77 0.8 0.87)' in 0–1.
      const scale = colour.startsWith('rgb') ? 255 : 1;
      const [r, g, b] = (colour.match(/[\d.]+/g) ?? []).map((part) => Number(part) / scale);
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    return [...document.querySelectorAll<HTMLElement>('thead th')]
      .filter((th) => th.textContent!.trim() !== '')
      .map((th) => {
        const style = getComputedStyle(th);
        const firstFigure = th.closest('table')!.querySelector('tbody td');
        return {
          text: th.textContent!.trim(),
          // A table set below the small size to hold more rows (the region table at 1366) is measured against its own figures.
          size: Number.parseFloat(style.fontSize) / Math.min(small, firstFigure ? Number.parseFloat(getComputedStyle(firstFigure).fontSize) : small),
          lines: Math.round(th.getBoundingClientRect().height / Number.parseFloat(style.lineHeight)),
          lighterThanMuted: luminance(style.color) > luminance(muted) + 0.05,
          notLouderThanFigures: firstFigure === null || Number.parseFloat(style.fontSize) <= Number.parseFloat(getComputedStyle(firstFigure).fontSize),
        };
      });
  });
}

describe('wall screens read from across a room', () => {
  const suite = signedInSmallNetwork({
    now: NOW,
    seed: async (server) => {
      const customers = smallNetwork.customers.map((customer) => (customer.id === 'c-001' ? { ...customer, name: LONG_CUSTOMER.zh, nameEn: LONG_CUSTOMER.en } : customer));
      expect((await call(server, 'PUT', '/api/v1/org/customers', customers)).status).toBe(200);
      const centers = smallNetwork.centers.map((center) => (center.id === 'sh-02' ? { ...center, name: LONG_CENTER.zh, nameEn: LONG_CENTER.en } : center));
      expect((await call(server, 'PUT', '/api/v1/org/centers', centers)).status).toBe(200);
      expect((await postEvents(server, [...EVENTS, ...BREACHED])).json).toMatchObject({ accepted: EVENTS.length + BREACHED.length, rejected: [] });
    },
  });

  async function wallPage(locale: (typeof LOCALES)[number]): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
    // A paired screen, not the suite's signed-in desk: the wall as it hangs on the wall.
    const context = await newWallContext(suite.context.browser()!, locale);
    const page = await context.newPage();
    return { page, errors: collectPageErrors(page), close: () => context.close() };
  }

  it.each(LOCALES)('keeps every complaint and breach row to its lines at 1366×768, long names ending in "…" with the whole name in their title, another day\'s date under its time (%s)', async (locale) => {
    const { page, errors, close } = await wallPage(locale);
    const long = locale === 'en' ? LONG_CUSTOMER.en : LONG_CUSTOMER.zh;
    await page.setViewportSize({ width: 1366, height: 768 });
    for (const [path, card, customer] of [['/wall/complaints', 'wall-complaints-newest', 'wall-complaint-customer'], ['/wall/breach', 'wall-section-due', 'wall-breach-customer']] as const) {
      await page.goto(`${suite.server.url}${path}?token=${VIEW_TOKEN}&lang=${locale}`);
      await expect.poll(async () => (await listRows(page, card)).length, UI).toBeGreaterThanOrEqual(4);
      const rows = await listRows(page, card);
      // Long names and short ones alike: every row one height, each name line one line.
      expect(new Set(rows.map((row) => row.height)).size, JSON.stringify(rows)).toBe(1);
      expect(rows.flatMap((row) => row.lines).every((lines) => lines === 1), JSON.stringify(rows)).toBe(true);
      const longNames = page.getByTestId(card).getByTestId(customer).filter({ hasText: long.slice(0, 6) });
      expect(await longNames.first().getAttribute('title')).toBe(long);
      expect(await longNames.first().evaluate((name) => name.scrollWidth > name.clientWidth)).toBe(true);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/wall-long-names-${path.slice(6)}-${locale}-1366.png` });
    }
    // In the narrow breached list, a due time of another day keeps its row as high as today's: its date is a second line.
    // Its clocks (first response and the rest) each have their row.
    const yesterday = page.getByTestId('wall-section-breached').getByTestId('wall-breach-WR-YESTERDAY').first();
    await yesterday.waitFor(UI);
    expect(await yesterday.getByTestId('wall-breach-due-day').textContent()).toBe('11/22');
    const breached = await listRows(page, 'wall-section-breached');
    expect(new Set(breached.map((row) => row.height)).size, JSON.stringify(breached)).toBe(1);
    expect(errors).toEqual([]);
    await close();
  });

  it.each(LOCALES)('gives every wall table readable headers, quieter than its figures, at 1366, 1920 and 3840 (%s)', async (locale) => {
    const { page, errors, close } = await wallPage(locale);
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      for (const [path, shown] of [['/wall/network', 'wall-children'], ['/wall/breach', 'wall-section-due'], ['/wall/complaints', 'wall-complaints-newest']] as const) {
        await page.goto(`${suite.server.url}${path}?token=${VIEW_TOKEN}&lang=${locale}`);
        await page.getByTestId(shown).locator('tbody tr').first().waitFor(UI);
        const found = await headers(page);
        expect(found.length).toBeGreaterThanOrEqual(3);
        for (const header of found) {
          // At least 0.9 of the wall's smallest size (its 5 m floor) or of its figures, on one line, not the muted grey, never above the figures.
          expect(header, `${path} ${width}`).toMatchObject({ lines: 1, lighterThanMuted: true, notLouderThanFigures: true });
          expect(header.size, `${path} ${width} ${header.text}`).toBeGreaterThanOrEqual(0.89);
        }
        if (width === 3840) await page.screenshot({ path: `${SCREENSHOT_DIR}/wall-headers-${path.slice(6)}-${locale}-3840.png` });
      }
    }
    expect(errors).toEqual([]);
    await close();
  });
});
