import { expect, it } from 'vitest';
import type { ErrorBody } from '../../shared/api/errorBody';
import { describe } from 'vitest';
import { shootAdminPage } from '../support/adminScreenshots';
import { postEvents } from '../support/api';
import { STORED_IDS, newestAuditEntry } from '../support/auditInBrowser';
import { UI } from '../support/browser';
import { signedInDeskSuite } from '../support/signedInBrowser';
import { createdEvent } from '../support/smallNetwork';
import { call } from '../support/testServer';

/** Friday 17:30 in Shanghai: FN-1 (某连锁超市, 5×9) came in at 17:00, so half of its two working hours to a first response are spent. */
const suite = signedInDeskSuite({
  now: Date.parse('2026-11-20T17:30:00+08:00'),
  seed: async (server) => {
    expect((await postEvents(server, [createdEvent('FN-1', '2026-11-20T17:00:00+08:00', { customerId: 'c-002' })])).status).toBe(200);
  },
});

async function firstResponseDue(): Promise<string> {
  const ticket = await call(suite.server, 'GET', '/api/v1/tickets/FN-1');
  const clock = (ticket.json.sla as { metric: string; dueAt: number | string }[]).find((entry) => entry.metric === 'first_response')!;
  return new Date(clock.dueAt).toISOString();
}

describe('calendars administered in a real browser', () => {
  it('makes a Saturday a make-up working day (调休) and a 5×9 ticket falls due that Saturday instead of Monday', async () => {
    const { page } = suite;
    expect(await firstResponseDue()).toBe(new Date('2026-11-23T10:00:00+08:00').toISOString());

    await page.goto(`${suite.server.url}/admin/calendars`);
    await page.getByTestId('calendar-5x9').click();
    const title = page.getByTestId('calendar-month-title');
    await title.waitFor(UI);
    // The browser's month is today's; step to November 2026 a month at a time, waiting for each.
    for (let shown = (await title.textContent())!; shown !== '2026-11'; ) {
      const back = shown > '2026-11';
      await page.getByRole('button', { name: back ? '上个月' : '下个月' }).click();
      const [year, month] = shown.split('-').map(Number) as [number, number];
      const next = new Date(Date.UTC(year, month - 1 + (back ? -1 : 1), 1)).toISOString().slice(0, 7);
      await expect.poll(() => title.textContent(), UI).toBe(next);
      shown = next;
    }
    const saturday = page.locator('[data-date="2026-11-21"]');
    expect(await saturday.getAttribute('data-kind')).toBe('off');
    await saturday.click();
    await page.getByTestId('day-name').fill('调休上班（测试）');
    await page.getByTestId('day-workday').click();
    await expect.poll(() => saturday.getAttribute('data-kind'), UI).toBe('workday');
    await expect.poll(firstResponseDue, UI).toBe(new Date('2026-11-21T10:00:00+08:00').toISOString());
    await shootAdminPage(page, 'admin-calendars');

    await page.getByTestId('day-clear').click();
    await expect.poll(() => saturday.getAttribute('data-kind'), UI).toBe('off');
    await expect.poll(firstResponseDue, UI).toBe(new Date('2026-11-23T10:00:00+08:00').toISOString());

    const replaced = await newestAuditEntry(page, suite.server.url, 'sla.calendar.replace');
    expect(replaced.count).toBe(2);
    expect(replaced.line).toContain('修改日历');
    expect(replaced.line).not.toContain('5x9');
    expect(replaced.diff).toContain('调休工作日');
    expect(replaced.diff).toContain('调休上班（测试）');
    expect(`${replaced.line} ${replaced.diff}`).not.toMatch(STORED_IDS);

    // The ticket's clock names its calendar, not the calendar's id.
    await page.goto(`${suite.server.url}/tickets/FN-1`);
    const clockCalendar = page.getByTestId('clock-calendar-first_response');
    await expect.poll(() => clockCalendar.textContent(), UI).toContain('5×9 工作日 09:00–18:00');
    expect(suite.pageErrors).toEqual([]);
  });

  it('refuses an ICS file it cannot read, saying which line and why, and imports one it can', async () => {
    const { page } = suite;
    await page.goto(`${suite.server.url}/admin/calendars`);
    await page.getByTestId('calendar-5x9').click();
    const bad = 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:2026-13-01\r\nSUMMARY:坏日期\r\nEND:VEVENT\r\nno colon on this line\r\nEND:VCALENDAR\r\n';
    const refused = page.waitForResponse((response) => response.url().endsWith('/holidays.ics'), UI);
    await page.getByTestId('ics-file').setInputFiles({ name: 'bad.ics', mimeType: 'text/calendar', buffer: Buffer.from(bad) });
    const body = (await (await refused).json()) as ErrorBody;
    expect(body.error.issues?.map(({ path, reason }) => ({ path, reason }))).toEqual([
      { path: 'line.3', reason: 'not_all_day' },
      { path: 'line.6', reason: 'not_a_content_line' },
    ]);
    const refusal = page.getByTestId('admin-failure');
    await refusal.waitFor(UI);
    expect(await refusal.textContent()).toContain('文件中没有读到任何节假日');
    expect(await refusal.textContent()).toContain('文件第 3 行：事件不是全天日期');
    expect(await refusal.textContent()).toContain('文件第 6 行：该行不是“名称:值”格式');
    const good = 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261225\r\nSUMMARY:公司年会\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    await page.getByTestId('ics-file').setInputFiles({ name: 'good.ics', mimeType: 'text/calendar', buffer: Buffer.from(good) });
    await expect.poll(() => page.getByTestId('calendar-notice').textContent(), UI).toContain('新增 1 个节假日');
    const imported = await newestAuditEntry(page, suite.server.url, 'sla.calendar.holidays_ics');
    expect(imported.line).toContain('从 ICS 导入节假日');
    expect(imported.diff).toContain('公司年会');
  });
});
