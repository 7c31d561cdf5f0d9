import { describe, expect, it } from 'vitest';
import { manualClock } from '../test/support/manualClock';
import { MAX_SIM_SPEED } from '../shared/config/environment';
import { isWithinEra } from '../shared/time/supportedEra';
import { DEMO_CLOCK_END_MS, acceleratedClock } from './clock';

const YEAR_MS = 366 * 86_400_000;

describe('acceleratedClock', () => {
  it('runs speed times faster than the clock beneath it', () => {
    const real = manualClock();
    const clock = acceleratedClock(60, real);
    const start = clock.now();
    real.advance(60_000);
    expect(clock.now() - start).toBe(3_600_000);
    expect(clock.speed).toBe(60);
  });

  it('stands still a year before the era ends, however fast and long it runs, so a year ahead of it is still computed', () => {
    const real = manualClock();
    const clock = acceleratedClock(MAX_SIM_SPEED, real);
    real.advance(30 * YEAR_MS);
    expect(clock.now()).toBe(DEMO_CLOCK_END_MS);
    real.advance(1e12);
    expect(clock.now()).toBe(DEMO_CLOCK_END_MS);
    expect(isWithinEra(clock.now() + YEAR_MS - 1)).toBe(true);
  });
});
