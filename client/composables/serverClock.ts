/**
 * Where the browser reads the server's time from: one reading of the server's clock, the browser's time when
 * it was taken, and how many server milliseconds pass in one real one (a sped-up demo's SIM_SPEED, else 1).
 */
export interface ServerClockReading {
  serverAt: number;
  browserAt: number;
  speed: number;
  /** Told by the live feed when it connected; a reading off a REST answer is late by the answer's way back. */
  fromFeed: boolean;
}

/** Before the server has said anything: its clock is taken to be the browser's. */
export const BROWSER_CLOCK: ServerClockReading = { serverAt: 0, browserAt: 0, speed: 1, fromFeed: false };

/** The server's time at the browser's `browserNow`, run on from the reading at the server's speed. */
export function serverTimeAt(reading: ServerClockReading, browserNow: number): number {
  return reading.serverAt + Math.round((browserNow - reading.browserAt) * reading.speed);
}

/**
 * The reading to keep after `taken`: the feed's own word replaces any reading, a REST answer's only another
 * REST answer's (taken at each answer, its lateness times a demo's speed would jump countdowns back and forth
 * under the feed's). A reading that names no speed keeps the one the server gave.
 */
export function nextReading(current: ServerClockReading, taken: { serverAt: number; browserAt: number; speed?: number; fromFeed: boolean }): ServerClockReading {
  if (current.fromFeed && !taken.fromFeed) return current;
  return { serverAt: taken.serverAt, browserAt: taken.browserAt, speed: taken.speed ?? current.speed, fromFeed: taken.fromFeed };
}
