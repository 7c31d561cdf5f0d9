import { describe, expect, it } from 'vitest';
import { UI, collectPageErrors, textOf } from '../support/browser';
import { SCREENSHOT_DIR, signedInSmallNetwork } from '../support/signedInBrowser';
import { smallNetwork } from '../support/smallNetwork';
import { call } from '../support/testServer';

const NOW = Date.parse('2026-11-23T10:30:00+08:00');
/** 浦东 with twelve engineers: more than any screen's table holds beside the trend. */
const PUDONG_TEAM = Array.from({ length: 11 }, (_, i) => ({ id: `pd-${i + 2}`, name: `浦东工程师${i + 2}号`, centerId: 'sh-01', skills: [], onShift: true }));
const TEAM_SIZE = 12;
/** A full turn of the pages at the slowest size, waited on as a condition: a page turns every 10 s. */
const FULL_TURN = { timeout: 120_000 };

const suite = signedInSmallNetwork({
  now: NOW,
  seed: async (server) => {
    expect((await call(server, 'PUT', '/api/v1/org/engineers', [...smallNetwork.engineers, ...PUDONG_TEAM])).status).toBe(200);
  },
});

describe('a center wall with more engineers than its table holds', () => {
  it('counts them all in the title, says which are shown of how many, and turns the page until each has been on screen', async () => {
    const page = await suite.context.newPage();
    const errors = collectPageErrors(page);
    for (const lang of ['zh-CN', 'en']) {
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.goto(`${suite.server.url}/wall/center?scope=center:sh-01&lang=${lang}`);
      await expect.poll(() => textOf(page, 'wall-children-total'), UI).toBe(String(TEAM_SIZE));
      await expect.poll(() => textOf(page, 'wall-children-more'), UI).toMatch(lang === 'en' ? /^1–\d+ of 12 · next page every 10 s$/ : /^显示 1–\d+ \/ 共 12 · 每 10 秒翻页$/);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/wall-center-pages-${lang}-1366x768.png` });
      for (const [width, height] of [[1920, 1080], [3840, 2160]] as const) {
        await page.setViewportSize({ width, height });
        await page.screenshot({ path: `${SCREENSHOT_DIR}/wall-center-pages-${lang}-${width}x${height}.png` });
      }
    }

    // Every name is on the wall in turn, and only whole rows are: a row that does not fit is not drawn cut.
    await page.setViewportSize({ width: 1920, height: 1080 });
    const seen = new Set<string>();
    const visibleNames = () =>
      page.getByTestId('wall-children').locator('tbody tr').evaluateAll((rows) => rows.filter((row) => getComputedStyle(row).visibility !== 'collapse').map((row) => row.querySelector('th')?.textContent?.trim() ?? ''));
    await expect
      .poll(async () => {
        for (const name of await visibleNames()) seen.add(name);
        return seen.size;
      }, FULL_TURN)
      .toBe(TEAM_SIZE);
    expect([...seen].sort()).toEqual(['张伟', ...PUDONG_TEAM.map((engineer) => engineer.name)].sort());
    expect(errors).toEqual([]);
  });
});
