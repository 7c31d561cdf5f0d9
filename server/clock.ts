/** Where the server reads "now": the wall clock in production, a compressed one in a sped-up demo, a fixed one in tests. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Runs `speed` times faster than real time from the moment it is made. */
export function acceleratedClock(speed: number, base: Clock = systemClock): Clock {
  const realStart = base.now();
  return { now: () => realStart + Math.round((base.now() - realStart) * speed) };
}
