import type { Core } from '../core';
import { SIMULATOR_SOURCE, toWire } from './simulator';
import { HOUR_MS, createTrafficModel } from './trafficModel';
import { loadTrafficNetwork } from './trafficNetwork';
import { rosterAt } from './shiftRoster';
import type { PlannedEvent } from './ticketLifecycle';
import { REFERENCE_KINDS } from '../../shared/reference/referenceSchema';
import { hourBucket } from '../../shared/time/zonedCalendar';
import { buildDemoNetwork } from './demoNetwork';
import { levelHistorySteps } from './levelHistory';

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

/** What the history replay has done so far; the replay updates it in place after each batch. */
export interface DemoHistoryProgress {
  /**
   * The next hour to replay, so a replay cut short can resume there. The replay runs from the latest
   * hour back to the first: the figures of now and today are whole within seconds, and the longer
   * windows fill in behind them.
   */
  nextHour: number;
  firstHour: number;
  /** The history ends here: events after it are the simulator's. */
  until: number;
  tickets: number;
  events: number;
}

/**
 * Events per ingest transaction, whole tickets at a time. Small enough that one batch holds the event
 * loop for a few tens of milliseconds at most, so the server answers all through the replay.
 */
const BATCH_EVENTS = 200;

/**
 * How far before the history's first hour the replay looks for tickets still in hand when it begins. A real
 * network does not start its month empty: without them the first days' backlog read half the month's.
 * A week covers the longest ticket (a late part and a revisit on a three-day promise).
 */
export const CARRIED_IN_HOURS = 7 * 24;

/**
 * A demo store seeded before engineers, customers and product lines had English names gets them, but only on
 * rows still as the demo put them (same Chinese name, no English one): a row an outside system changed is its own.
 */
function nameDemoReference(core: Core, seed: number): void {
  const network = buildDemoNetwork(seed);
  const stored = <T,>(rows: T[], key: (row: T) => string) => new Map(rows.map((row) => [key(row), row]));
  const engineers = stored(core.referenceService.list('engineers'), (row) => row.id);
  const customers = stored(core.referenceService.list('customers'), (row) => row.id);
  const products = stored(core.referenceService.list('products'), (row) => row.model);
  const unnamed = <T extends { name: string; nameEn?: string | null }>(rows: readonly T[], byId: Map<string, T>, key: (row: T) => string) =>
    rows.flatMap((row) => {
      const was = byId.get(key(row));
      return was && !was.nameEn && was.name === row.name ? [{ ...was, nameEn: row.nameEn }] : [];
    });
  const unnamedEngineers = unnamed(network.engineers, engineers, (row) => row.id);
  const unnamedCustomers = unnamed(network.customers, customers, (row) => row.id);
  const unnamedLines = network.products.flatMap(({ model, line, lineEn }) => {
    const was = products.get(model);
    return was && !was.lineEn && was.line === line ? [{ ...was, lineEn }] : [];
  });
  if (unnamedEngineers.length > 0) core.referenceService.upsert('engineers', unnamedEngineers);
  if (unnamedCustomers.length > 0) core.referenceService.upsert('customers', unnamedCustomers);
  if (unnamedLines.length > 0) core.referenceService.upsert('products', unnamedLines);
}

/** On an empty store, the demo network and its roster at `now`; false when the store already has a network. */
export function seedDemoReference(core: Core, options: Pick<DemoSeedOptions, 'seed' | 'now'>): boolean {
  if (core.referenceService.list('centers').length > 0) {
    nameDemoReference(core, options.seed);
    return false;
  }
  const network = buildDemoNetwork(options.seed);
  for (const kind of REFERENCE_KINDS) core.referenceService.upsert(kind, network[kind] as never);
  const traffic = loadTrafficNetwork(core);
  core.referenceService.upsert('engineers', rosterAt(traffic.centers, traffic.engineersByCenter, options.now));
  return true;
}

export function historyProgress(options: Pick<DemoSeedOptions, 'days' | 'now'>): DemoHistoryProgress {
  const firstHour = hourBucket(options.now - options.days * 24 * HOUR_MS);
  return { nextHour: hourBucket(options.now), firstHour, until: options.now, tickets: 0, events: 0 };
}

/**
 * The history replayed through the ingest service, exactly as the simulator would have delivered it,
 * hour by hour from `progress.nextHour` back to the first, then the tickets of the week before it that were
 * still in hand at the first hour, one batch a step. Each ticket comes whole in
 * one batch and tickets do not depend on each other, so the order of hours changes no figure. Every event is idempotent, so a replay cut
 * short and run again from its last recorded hour loses nothing and counts nothing twice.
 */
export function* demoHistorySteps(core: Core, options: Pick<DemoSeedOptions, 'seed' | 'scale'>, progress: DemoHistoryProgress): Generator<void, void> {
  const model = createTrafficModel(loadTrafficNetwork(core), options.seed, options.scale);
  let batch: PlannedEvent[] = [];
  let batchTickets = 0;
  const flush = () => {
    const result = core.ingestService.ingest(batch.map(toWire), SIMULATOR_SOURCE);
    if (result.rejected.length > 0) throw new Error(`demo history rejected: ${JSON.stringify(result.rejected.slice(0, 3))}`);
    progress.events += result.accepted;
    progress.tickets += batchTickets;
    batch = [];
    batchTickets = 0;
  };
  for (; progress.nextHour >= progress.firstHour - CARRIED_IN_HOURS * HOUR_MS; ) {
    const carriedIn = progress.nextHour < progress.firstHour;
    for (const ticket of model.ticketsOfHour(progress.nextHour)) {
      const delivered = ticket.filter((event) => event.at <= progress.until);
      if (delivered.length === 0) continue;
      if (carriedIn && delivered.every((event) => event.at < progress.firstHour)) continue;
      batch.push(...delivered);
      batchTickets += 1;
      if (batch.length >= BATCH_EVENTS) {
        flush();
        yield;
      }
    }
    if (batch.length > 0) flush();
    progress.nextHour -= HOUR_MS;
    yield;
  }
}

/**
 * On an empty store: the demo network, then `days` of history, all at once. Returns null when the
 * store already has a network. The server replays the history in slices instead (demoStart.ts).
 */
export function seedDemoNetwork(core: Core, options: DemoSeedOptions): DemoSeedSummary | null {
  const started = performance.now();
  if (!seedDemoReference(core, options)) return null;
  const progress = historyProgress(options);
  const steps = demoHistorySteps(core, options, progress);
  while (!steps.next().done);
  const levels = levelHistorySteps(core, progress.firstHour, options.now);
  while (!levels.next().done);
  return { centers: core.referenceService.list('centers').length, tickets: progress.tickets, events: progress.events, ms: Math.round(performance.now() - started) };
}
