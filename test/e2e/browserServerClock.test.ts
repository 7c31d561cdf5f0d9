import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { acceleratedClock } from '../../server/clock';
import { formatCountdown } from '../../client/i18n/formatDuration';
import { postEvents } from '../support/api';
import { UI, collectPageErrors, textOf } from '../support/browser';
import { SCREENSHOT_DIR, signedInSmallNetwork } from '../support/signedInBrowser';
import { createdEvent } from '../support/smallNetwork';
import { call } from '../support/testServer';

/** 10:30 in Shanghai on a working Monday, when the demo starts; its clock then runs an hour a real minute. */
const START = Date.parse('2026-11-23T10:30:00+08:00');
const SIM_SPEED = 60;
const started = Date.now();
const clock = acceleratedClock(SIM_SPEED, { now: () => START + (Date.now() - started) });
/** Two real seconds of the page's once-a-second tick and its way to the screen, in the demo's time. */
const TOLERANCE_MS = 2 * 1000 * SIM_SPEED;

const suite = signedInSmallNetwork({
  now: START,
  clock,
  seed: async (server) => {
    // 上海某医院's 7x24x4 contract: an on-site visit due four hours after the ticket opens, round the clock.
    expect((await postEvents(server, [createdEvent('SIM-1', new Date(clock.now()).toISOString())])).status).toBe(200);
  },
});
let page: Page;
beforeEach(async () => {
  page = await suite.context.newPage();
});
afterEach(() => page?.close());

/** Seconds into the day of a time shown as HH:MM:SS. */
function secondsOfDay(text: string): number {
  const [hours, minutes, seconds] = /(\d\d):(\d\d):(\d\d)/.exec(text)!.slice(1).map(Number);
  return hours! * 3600 + minutes! * 60 + seconds!;
}

/** What the countdown shows against every reading the server's clock allows for now, give or take TOLERANCE_MS. */
async function countdownAgainstServer(dueAt: number): Promise<{ shown: string; agrees: boolean }> {
  const shown = await textOf(page, 'countdown-on_site');
  const left = dueAt - clock.now();
  const allowed = new Set(Array.from({ length: (2 * TOLERANCE_MS) / 1000 + 1 }, (_, second) => formatCountdown(left - TOLERANCE_MS + second * 1000, 'zh-CN')));
  return { shown, agrees: allowed.has(shown) };
}

describe(`a demo at SIM_SPEED ${SIM_SPEED}`, () => {
  it("counts a ticket's SLA clock down at the server's speed, with the top bar's clock on the server's time", async () => {
    const errors = collectPageErrors(page);
    const answer = await call(suite.server, 'GET', '/api/v1/tickets/SIM-1');
    const dueAt = Date.parse((answer.json.sla as { metric: string; dueAt: string }[]).find((clockView) => clockView.metric === 'on_site')!.dueAt);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${suite.server.url}/tickets/SIM-1?lang=zh-CN`);
    await page.getByTestId('countdown-on_site').waitFor(UI);
    const opened = clock.now();
    // Ten demo minutes on, ten real seconds: a countdown on the browser's clock would be nine minutes behind.
    await expect.poll(() => clock.now() - opened, UI).toBeGreaterThan(10 * 60_000);
    await expect.poll(() => countdownAgainstServer(dueAt), UI).toMatchObject({ agrees: true });
    const wallClock = Date.parse((await page.getByTestId('wall-clock').locator('time').getAttribute('datetime'))!);
    expect(Math.abs(wallClock - clock.now())).toBeLessThan(TOLERANCE_MS);
    // A new event: the page says when it came on the clock beside it, not the browser's.
    const assigned = { id: 'sim1-assigned', type: 'ticket.assigned', at: new Date(clock.now()).toISOString(), ticketId: 'SIM-1', data: { engineerId: 'e-001' } };
    expect((await postEvents(suite.server, [assigned])).status).toBe(200);
    await expect.poll(() => textOf(page, 'ticket-changed'), UI).toMatch(/^\d\d:\d\d:\d\d 收到新事件$/);
    const apart = Math.abs(secondsOfDay(await textOf(page, 'wall-clock')) - secondsOfDay(await textOf(page, 'ticket-changed')));
    expect(apart).toBeLessThan(TOLERANCE_MS / 1000);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/server-clock-sim-speed.png` });
    expect(errors).toEqual([]);
  });

  it('writes when the wall last heard from the server on the same clock as the time beside it', async () => {
    const errors = collectPageErrors(page);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${suite.server.url}/wall?lang=zh-CN`);
    await expect.poll(() => textOf(page, 'wall-updated'), UI).toMatch(/^更新于 \d\d:\d\d:\d\d$/);
    const apart = async () => Math.abs(secondsOfDay(await textOf(page, 'wall-clock')) - secondsOfDay(await textOf(page, 'wall-updated')));
    await expect.poll(apart, UI).toBeLessThan(TOLERANCE_MS / 1000);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/server-clock-sim-speed-wall.png` });
    expect(errors).toEqual([]);
  });
});
