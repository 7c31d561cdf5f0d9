import type { Clock } from '../clock';
import type { Core } from '../core';
import { hourBucket } from '../../shared/time/zonedCalendar';
import { PendingEvents } from './pendingEvents';
import { rosterAt } from './shiftRoster';
import type { PlannedEvent } from './ticketLifecycle';
import { HOUR_MS, createTrafficModel } from './trafficModel';
import { loadTrafficNetwork } from './trafficNetwork';

export const SIMULATOR_SOURCE = 'sim';
/** Tickets live for days; on restart, plans this far back are rebuilt so in-flight tickets keep moving. */
const RESUME_LOOKBACK_MS = 14 * 24 * HOUR_MS;
/** After a long outage the demo catches up at most a day, not with a flood of week-old tickets. */
const MAX_CATCH_UP_MS = 24 * HOUR_MS;
const BATCH = 2000;

export function toWire(event: PlannedEvent) {
  return { ...event, at: new Date(event.at).toISOString() };
}

export interface SimulatorOptions {
  clock: Clock;
  seed: number;
  scale: number;
  tickMs?: number;
  log: (line: string) => void;
}

/**
 * Live traffic for the demo, fed through the same ingest service as the HTTP API.
 * Deterministic: every ticket's plan derives from the seed and its id, so a restart replays
 * the same plans and the event log's idempotency drops what was already delivered.
 */
export function startSimulator(core: Core, options: SimulatorOptions): { stop(): void } {
  const { clock, log } = options;
  const network = loadTrafficNetwork(core);
  if (network.centers.length === 0) {
    log('simulator: the store has no centers; nothing to simulate');
    return { stop() {} };
  }
  const model = createTrafficModel(network, options.seed, options.scale);
  const pending = new PendingEvents();
  const started = clock.now();
  const delivered = core.eventSpan(SIMULATOR_SOURCE);
  const deliveredUntil = Math.max(delivered?.last ?? started, started - MAX_CATCH_UP_MS);
  // Tickets older than the first delivered event were never created here; replanning them would send orphans.
  let nextHour = hourBucket(Math.max(deliveredUntil - RESUME_LOOKBACK_MS, delivered?.first ?? deliveredUntil));
  let rosterHour = 0;
  let stats = { accepted: 0, rejected: 0 };

  function planThrough(now: number): void {
    for (; nextHour <= hourBucket(now); nextHour += HOUR_MS) {
      for (const ticket of model.ticketsOfHour(nextHour)) {
        for (const event of ticket) if (event.at > deliveredUntil) pending.push(event);
      }
    }
  }

  const onShift = new Map([...network.engineersByCenter.values()].flat().map((engineer) => [engineer.id, engineer.onShift]));
  function updateRoster(now: number): void {
    if (hourBucket(now) === rosterHour) return;
    rosterHour = hourBucket(now);
    const changed = rosterAt(network.centers, network.engineersByCenter, now).filter((engineer) => onShift.get(engineer.id) !== engineer.onShift);
    if (changed.length === 0) return;
    core.referenceService.upsert('engineers', changed);
    for (const engineer of changed) onShift.set(engineer.id, engineer.onShift);
  }

  function tick(): void {
    const now = clock.now();
    planThrough(now);
    updateRoster(now);
    const due = pending.takeDue(now);
    for (let start = 0; start < due.length; start += BATCH) {
      const result = core.ingestService.ingest(due.slice(start, start + BATCH).map(toWire), SIMULATOR_SOURCE);
      stats = { accepted: stats.accepted + result.accepted, rejected: stats.rejected + result.rejected.length };
      if (result.rejected.length > 0) log(`simulator: ${result.rejected.length} events rejected, first: ${JSON.stringify(result.rejected[0])}`);
    }
  }

  const timer = setInterval(() => {
    try {
      tick();
    } catch (error) {
      log(`simulator tick failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }, options.tickMs ?? 1000);
  timer.unref();
  log(`simulator: running at ${network.centers.length} centers, resuming after ${new Date(deliveredUntil).toISOString()}`);
  return {
    stop() {
      clearInterval(timer);
      log(`simulator: stopped after ${stats.accepted} events (${stats.rejected} rejected)`);
    },
  };
}
