import { describe, expect, it } from 'vitest';
import { postEvents } from '../support/api';
import { UI, collectPageErrors } from '../support/browser';
import { signedInSmallNetwork } from '../support/signedInBrowser';
import { createdEvent } from '../support/smallNetwork';

/** 10:30 in Shanghai on a working Monday. */
const NOW = Date.parse('2026-11-23T10:30:00+08:00');

describe('/explore judged by the thresholds in its address', () => {
  const suite = signedInSmallNetwork({
    now: NOW,
    seed: async (server) => {
      expect((await postEvents(server, [createdEvent('ET-1', new Date(NOW - 20 * 60_000).toISOString())])).status).toBe(200);
    },
  });

  it('keeps the address\'s thresholds and window when /explore lands on the scope it starts from', async () => {
    const page = await suite.context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${suite.server.url}/explore?thresholds=breached_open:2:4&window=7d&lang=en`);
    await page.waitForURL(/\/explore\/network/, UI);
    expect(new URL(page.url()).searchParams.get('thresholds')).toBe('breached_open:2:4');
    expect(new URL(page.url()).searchParams.get('window')).toBe('7d');
    await expect.poll(() => page.getByTestId('child-comparison').locator('figcaption').nth(1).textContent(), UI).toContain('amber from 2, red from 4');
    expect(errors).toEqual([]);
    await page.close();
  });
});
