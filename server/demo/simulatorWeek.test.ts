import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { createCore } from '../core';
import { seedDemoNetwork } from './demoSeed';
import { startSimulator } from './simulator';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const START = Date.parse('2026-11-23T00:00:00+08:00');
const dir = mkdtempSync(join(tmpdir(), 'ops-sim-week-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * At SIM_SPEED=60 the server's clock runs an hour a minute and the simulator ticks each second, so
 * every tick delivers a simulated minute's events. Here the clock is moved a minute per tick by hand,
 * through a simulated week after a week of seeded history (DEMO_SCALE 0.2: the same rates, fewer
 * tickets), and the open backlog is read from the live figures each simulated hour, as the wall reads it.
 */
it('keeps the backlog stationary at SIM_SPEED=60 over a simulated week', async () => {
  let now = START;
  const core = createCore(openDatabase(join(dir, 'ops.db')), { now: () => now });
  seedDemoNetwork(core, { seed: 20261123, days: 7, scale: 0.2, now, log: () => {} });
  const simulator = startSimulator(core, { clock: { now: () => now }, seed: 20261123, scale: 0.2, tickMs: DAY, log: () => {} });
  const hourly: number[] = [];
  try {
    for (let minute = 1; minute <= 7 * 24 * 60; minute += 1) {
      now += MINUTE;
      await simulator.tick();
      if (minute % 60 === 0) hourly.push(core.liveMetrics.valuesOf({ kind: 'network' }, 'today', now)!.backlog_open!);
    }
  } finally {
    simulator.stop();
  }
  expect(core.eventSpan('sim')!.last).toBeGreaterThan(START + 7 * DAY - HOUR);
  const daily = Array.from({ length: 7 }, (_, day) => hourly.slice(day * 24, day * 24 + 24).reduce((sum, n) => sum + n, 0) / 24);
  const weekMean = daily.reduce((sum, n) => sum + n, 0) / daily.length;
  expect(weekMean).toBeGreaterThan(100);
  for (const mean of daily) expect(Math.abs(mean / weekMean - 1)).toBeLessThanOrEqual(0.2);
}, 900_000);
