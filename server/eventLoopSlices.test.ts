import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { runInSlices } from './eventLoopSlices';

/** Steps that each hold the loop `ms`, counting how many ran. */
function busySteps(count: number, ms: number) {
  const ran = { steps: 0 };
  function* steps() {
    for (let i = 0; i < count; i++) {
      const until = performance.now() + ms;
      while (performance.now() < until);
      ran.steps++;
      yield;
    }
  }
  return { ran, steps: steps() };
}

describe('runInSlices', () => {
  it('runs every step, letting timers run between slices', async () => {
    const { ran, steps } = busySteps(20, 3);
    const stepsAtTick: number[] = [];
    const ticker = setInterval(() => stepsAtTick.push(ran.steps), 0);
    await runInSlices(steps, { sliceMs: 10 });
    clearInterval(ticker);
    expect(ran.steps).toBe(20);
    // Timers ran part-way through, not only before the first step or after the last.
    expect(stepsAtTick.some((steps) => steps > 0 && steps < 20)).toBe(true);
  });

  it('stops at the next step once aborted', async () => {
    const { ran, steps } = busySteps(50, 3);
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 0);
    await runInSlices(steps, { sliceMs: 10, signal: stop.signal });
    expect(ran.steps).toBeGreaterThan(0);
    expect(ran.steps).toBeLessThan(50);
  });
});
