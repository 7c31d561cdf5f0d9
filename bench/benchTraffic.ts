/** The demo traffic the ingest benches feed: the same network, the same seed, in time order or shuffled. */
import { seededRandom } from '../server/demo/seededRandom';
import { toWire } from '../server/demo/simulator';
import { type DemoHistoryNetwork, demoHistoryEvents } from '../server/import/demoHistory';
import type { WireEvent } from './appendCeiling';

const DAY_MS = 86_400_000;

/** `days` of demo traffic up to `until`, in time order, as a source would post it. */
export function demoTraffic(network: DemoHistoryNetwork, days: number, until: number): WireEvent[] {
  return [...demoHistoryEvents(network.traffic, { seed: 1, scale: 1, from: until - days * DAY_MS, until })].map(toWire);
}

/** The same items in a fixed pseudo-random order, so shuffled runs compare across commits. */
export function shuffled<T>(items: readonly T[]): T[] {
  const random = seededRandom(7);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random.next() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
