import type { Clock } from '../../server/clock';

/** 2026-11-23 09:00 in Shanghai, a Monday morning: where a test's clock starts unless it says otherwise. */
export const TEST_START = Date.parse('2026-11-23T09:00:00+08:00');

/** A clock the test sets and moves by hand. */
export interface ManualClock extends Clock {
  set(at: number): void;
  advance(ms: number): void;
}

export function manualClock(start = TEST_START): ManualClock {
  let at = start;
  return {
    now: () => at,
    set(value) {
      at = value;
    },
    advance(ms) {
      at += ms;
    },
  };
}
