import type { Core } from '../core';
import { SIMULATOR_SOURCE, toWire } from './simulator';
import { HOUR_MS, createTrafficModel } from './trafficModel';
import { loadTrafficNetwork } from './trafficNetwork';
import { rosterAt } from './shiftRoster';
import type { PlannedEvent } from './ticketLifecycle';
import { REFERENCE_KINDS } from '../../shared/reference/referenceSchema';
import { hourBucket } from '../../shared/time/zonedCalendar';
import { buildDemoNetwork } from './demoNetwork';

export interface DemoSeedOptions {
  seed: number;
  days: number;
  scale: number;
  now: number;
  log: (line: string) => void;
}

export interface DemoSeedSummary {
  centers: number;
  tickets: number;
  events: number;
  ms: number;
}

const BATCH_EVENTS = 2000;

/**
 * On an empty store: the demo network, then `days` of history replayed through the ingest service,
 * exactly as the simulator would have delivered it. Returns null when the store already has a network.
 */
export function seedDemoNetwork(core: Core, options: DemoSeedOptions): DemoSeedSummary | null {
  if (core.referenceService.list('centers').length > 0) return null;
  const started = performance.now();
  const network = buildDemoNetwork(options.seed);
  for (const kind of REFERENCE_KINDS) core.referenceService.upsert(kind, network[kind] as never);
  const traffic = loadTrafficNetwork(core);
  core.referenceService.upsert('engineers', rosterAt(traffic.centers, traffic.engineersByCenter, options.now));

  const model = createTrafficModel(traffic, options.seed, options.scale);
  let tickets = 0;
  let events = 0;
  let batch: PlannedEvent[] = [];
  const flush = () => {
    const result = core.ingestService.ingest(batch.map(toWire), SIMULATOR_SOURCE);
    if (result.rejected.length > 0) throw new Error(`demo history rejected: ${JSON.stringify(result.rejected.slice(0, 3))}`);
    events += result.accepted;
    batch = [];
  };
  const firstHour = hourBucket(options.now - options.days * 24 * HOUR_MS);
  for (let hour = firstHour; hour <= options.now; hour += HOUR_MS) {
    for (const ticket of model.ticketsOfHour(hour)) {
      const delivered = ticket.filter((event) => event.at <= options.now);
      if (delivered.length === 0) continue;
      tickets += 1;
      batch.push(...delivered);
    }
    if (batch.length >= BATCH_EVENTS) flush();
    const day = (hour - firstHour) / (24 * HOUR_MS);
    if (Number.isInteger(day) && day > 0) options.log(`demo history: ${day} of ${options.days} days replayed`);
  }
  if (batch.length > 0) flush();
  return { centers: network.centers.length, tickets, events, ms: Math.round(performance.now() - started) };
}
