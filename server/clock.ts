import { ERA_END_MS } from '../shared/time/supportedEra';

/** Where the server reads "now": the wall clock in production, a compressed one in a sped-up demo, a fixed one in tests. */
export interface Clock {
  now(): number;
  /** Clock milliseconds per real millisecond when the clock runs faster than real time; absent means 1. */
  readonly speed?: number;
}

export const systemClock: Clock = { now: () => Date.now() };

/**
 * Where a sped-up demo clock stands still: a year before the era ends, so the appointments, SLA due
 * times and events a year ahead of it are still instants business time is computed over.
 */
export const DEMO_CLOCK_END_MS = ERA_END_MS - 366 * 86_400_000;

/** Runs `speed` times faster than real time from the moment it is made, until it reaches DEMO_CLOCK_END_MS. */
export function acceleratedClock(speed: number, base: Clock = systemClock): Clock {
  const realStart = base.now();
  const end = Math.max(DEMO_CLOCK_END_MS, realStart);
  return { speed: speed * (base.speed ?? 1), now: () => Math.min(end, realStart + Math.round((base.now() - realStart) * speed)) };
}
