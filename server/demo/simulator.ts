import type { Clock } from '../clock';
import type { Core } from '../core';
import { nextTurn } from '../eventLoopSlices';
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
/**
 * Events per ingest transaction. A catch-up after downtime releases thousands at once; in batches
 * this small, with a loop turn between them, dashboards and requests are served all through it.
 */
const BATCH = 50;

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
export interface Simulator {
  /** Delivers what has come due by the clock now, as each interval does; resolves when it is delivered. */
  tick(): Promise<void>;
  stop(): void;
}

export function startSimulator(core: Core, options: SimulatorOptions): Simulator {
  const { clock, log } = options;
  const network = loadTrafficNetwork(core);
  if (network.centers.length === 0) {
    log('simulator: the store has no centers; nothing to simulate');
    return { tick: async () => {}, stop() {} };
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

  /** Plans each hour as the clock reaches it; a restart replans up to two weeks, an hour a loop turn. */
  async function planThrough(now: number): Promise<void> {
    for (; nextHour <= hourBucket(now) && !stopped; nextHour += HOUR_MS) {
      for (const ticket of model.ticketsOfHour(nextHour)) {
        for (const event of ticket) if (event.at > deliveredUntil) pending.push(event);
      }
      await nextTurn();
    }
  }

  const onShift = new Map([...network.engineersByCenter.values()].flat().map((engineer) => [engineer.id, engineer.onShift]));
  function updateRoster(now: number): void {
    if (hourBucket(now) === rosterHour) return;
    rosterHour = hourBucket(now);
    const changed = rosterAt(network.centers, network.engineersByCenter, now).filter((engineer) => onShift.get(engineer.id) !== engineer.onShift);
    if (changed.length === 0) return;
    // Only the shift: the row read at start may since have been renamed or moved by another system, and a PUT keeps what it leaves out.
    core.referenceService.upsert('engineers', changed.map(({ id, onShift }) => ({ id, onShift })));
    for (const engineer of changed) onShift.set(engineer.id, engineer.onShift);
  }

  async function deliver(due: readonly PlannedEvent[]): Promise<void> {
    for (let start = 0; start < due.length && !stopped; start += BATCH) {
      const result = core.ingestService.ingest(due.slice(start, start + BATCH).map(toWire), SIMULATOR_SOURCE);
      stats = { accepted: stats.accepted + result.accepted, rejected: stats.rejected + result.rejected.length };
      if (result.rejected.length > 0) log(`simulator: ${result.rejected.length} events rejected, first: ${JSON.stringify(result.rejected[0])}`);
      await nextTurn();
    }
  }

  let stopped = false;
  let ticking = false;
  // A tick that is still catching up when the next is due lets it pass; the next one takes what came due meanwhile.
  async function tick(): Promise<void> {
    if (ticking) return;
    ticking = true;
    try {
      const now = clock.now();
      await planThrough(now);
      if (!stopped) updateRoster(now);
      await deliver(pending.takeDue(now));
    } catch (error) {
      log(`simulator tick failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      ticking = false;
    }
  }

  const timer = setInterval(() => void tick(), options.tickMs ?? 1000);
  timer.unref();
  log(`simulator: running at ${network.centers.length} centers, resuming after ${new Date(deliveredUntil).toISOString()}`);
  return {
    tick,
    stop() {
      stopped = true;
      clearInterval(timer);
      log(`simulator: stopped after ${stats.accepted} events (${stats.rejected} rejected)`);
    },
  };
}
