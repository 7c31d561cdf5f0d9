import { describe, expect, it } from 'vitest';
import { postEvents } from '../support/api';
import { UI, collectPageErrors } from '../support/browser';
import { SCREENSHOT_DIR, signedInSmallNetwork } from '../support/signedInBrowser';
import { lifecycleBatch, todaysFlowEvents } from '../support/smallNetwork';

/** 10:30 in Shanghai on a working Monday: one resolution clock has stopped today, T-2's at 乌鲁木齐. */
const NOW = Date.parse('2026-11-23T10:30:00+08:00');
const suite = signedInSmallNetwork({
  now: NOW,
  seed: async (server) => {
    expect((await postEvents(server, [...lifecycleBatch('L', '2026-11-22'), ...todaysFlowEvents(NOW)])).status).toBe(200);
  },
});

describe('/explore over a small sample', () => {
  it('shows a rate over one ticket as n=1 in its figures, its children table and out of the ranking, as the wall does', async () => {
    const page = await suite.context.newPage();
    const errors = collectPageErrors(page);
    for (const lang of ['zh-CN', 'en']) {
      await page.goto(`${suite.server.url}/explore/network?lang=${lang}`);
      const figure = page.getByTestId('kpi-sla_compliance_resolution');
      await expect.poll(() => figure.textContent().then((text) => text?.trim()), UI).toBe('n=1');
      await expect(figure.locator('[data-small-sample="true"]').count()).resolves.toBe(1);
      const childCells = page.getByTestId('child-table').locator('[data-small-sample="true"]');
      await expect.poll(() => childCells.allTextContents(), UI).toContain('n=1');
      expect((await page.getByTestId('child-table').textContent()) ?? '').not.toMatch(/100[.,]0\s?%/);
      await page.getByTestId('rank-metric').selectOption('sla_compliance_resolution');
      await expect.poll(() => page.getByTestId('rank-unranked').textContent(), UI).toMatch(lang === 'en' ? /Too few to judge/ : /样本过少/);
      for (const [width, height] of [[1366, 768], [1920, 1080]] as const) {
        await page.setViewportSize({ width, height });
        await page.screenshot({ path: `${SCREENSHOT_DIR}/explore-small-sample-${lang}-${width}x${height}.png`, fullPage: true });
      }
    }
    expect(errors).toEqual([]);
  });

  // The header reads the last 24 hours: T-2's clock today and yesterday's L-A and L-C (closed unresolved, which stops its clock).
  it('writes the SLA board\'s header rates by the same rule: three clocks judged are n=3, not 100 %', async () => {
    const page = await suite.context.newPage();
    const errors = collectPageErrors(page);
    for (const lang of ['zh-CN', 'en']) {
      await page.goto(`${suite.server.url}/sla?lang=${lang}`);
      const tiles = page.getByTestId('sla-tiles');
      await expect.poll(() => page.getByTestId('kpi-sla_compliance_resolution').textContent().then((text) => text?.trim()), UI).toBe('n=3');
      expect(await page.getByTestId('kpi-sla_compliance_resolution-reading').textContent()).toBe(lang === 'en' ? 'Last 24 h · 3 clocks' : '近 24 小时 · 3 个时钟');
      await expect.poll(() => page.getByTestId('kpi-sla_compliance_first_response').textContent().then((text) => text?.trim()), UI).toMatch(/^n=\d$/);
      expect((await tiles.textContent()) ?? '').not.toMatch(/100[.,]0\s?%/);
      for (const [width, height] of [[1366, 768], [1920, 1080]] as const) {
        await page.setViewportSize({ width, height });
        await page.screenshot({ path: `${SCREENSHOT_DIR}/sla-small-sample-${lang}-${width}x${height}.png` });
      }
    }
    expect(errors).toEqual([]);
  });
});
