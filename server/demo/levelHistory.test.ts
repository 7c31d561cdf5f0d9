import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricValues } from '../../shared/metrics/metricCatalog';
import type { SeriesAnswer } from '../../shared/metrics/seriesQuery';
import { type TestServer, call, startTestServer } from '../../test/support/testServer';
import { seedDemoNetwork } from './demoSeed';

/** A Wednesday morning in Shanghai; eight days of a small demo behind it. */
const NOW = Date.parse('2026-11-25T10:20:00+08:00');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const LEVELS = ['backlog_open', 'breached_open', 'at_risk_open'] as const;

let server: TestServer;

async function get<T>(path: string): Promise<T> {
  const response = await call(server, 'GET', path);
  expect(response.status, response.text).toBe(200);
  return response.json as T;
}

const series = (metric: string, scope: string, bucket = 'hour') =>
  get<SeriesAnswer>(`/api/v1/series?${new URLSearchParams({ metric, scope, bucket, from: new Date(NOW - 7 * DAY).toISOString(), to: new Date(NOW).toISOString() })}`);

beforeAll(async () => {
  server = await startTestServer({ clock: { now: () => NOW } });
  const seeded = seedDemoNetwork(server.application.core, { seed: 20261123, days: 8, scale: 0.1, now: NOW, log: () => {} });
  expect(seeded?.tickets).toBeGreaterThan(1_000);
}, 300_000);

afterAll(async () => {
  await server?.close();
});

describe('level history of a freshly seeded demo', () => {
  it('has backlog, breached and at-risk samples at every hour of the last 7 days, not only since the server started', async () => {
    for (const metric of LEVELS) {
      const { points } = await series(metric, 'network');
      expect(points, metric).toHaveLength(7 * 24 + 1);
      expect(points.filter((point) => point.value === null), metric).toEqual([]);
    }
    const backlog = (await series('backlog_open', 'network')).points;
    // A working network carries open tickets every day of the week, at night too.
    for (let day = 0; day < 7; day++) {
      const ofDay = backlog.filter((point) => point.start >= NOW - (7 - day) * DAY && point.start < NOW - (6 - day) * DAY);
      expect(Math.min(...ofDay.map((point) => point.value!)), `day ${day}`).toBeGreaterThan(0);
    }
    expect(Math.max(...(await series('breached_open', 'network')).points.map((point) => point.value!))).toBeGreaterThan(0);
    expect(Math.max(...(await series('at_risk_open', 'network')).points.map((point) => point.value!))).toBeGreaterThan(0);
    // Each local day up to today (Shanghai's 25th) has its last sample; the series' axis may run into tomorrow.
    const days = (await series('backlog_open', 'network', 'day')).points.filter((point) => point.day! <= '2026-11-25');
    expect(days.length).toBeGreaterThanOrEqual(8);
    expect(days.filter((point) => point.value === null)).toEqual([]);
  });

  it('ends on the catalog figures of now, for the network and for one center', async () => {
    const center = (server.application.core.referenceService.list('centers') as { id: string }[])[0]!.id;
    for (const scope of ['network', `center:${center}`]) {
      const now = (await get<{ values: MetricValues }>(`/api/v1/metrics?scope=${scope}&window=today`)).values;
      for (const metric of LEVELS) {
        const { points } = await series(metric, scope);
        expect(points.at(-1)!.value, `${scope} ${metric}`).toBe(now[metric]);
      }
    }
  });
});
