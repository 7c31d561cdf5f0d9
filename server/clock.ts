/** Where the server reads "now": the wall clock in production, a compressed one in a sped-up demo, a fixed one in tests. */
export interface Clock {
  now(): number;
  /** Clock milliseconds per real millisecond when the clock runs faster than real time; absent means 1. */
  readonly speed?: number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Runs `speed` times faster than real time from the moment it is made. */
export function acceleratedClock(speed: number, base: Clock = systemClock): Clock {
  const realStart = base.now();
  return { speed: speed * (base.speed ?? 1), now: () => realStart + Math.round((base.now() - realStart) * speed) };
}
