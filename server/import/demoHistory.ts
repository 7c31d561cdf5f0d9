import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { openDatabase } from '../../db/connection';
import type { HistoryReferences } from '../../shared/import/historyLine';
import { REFERENCE_KINDS } from '../../shared/reference/referenceSchema';
import { hourBucket } from '../../shared/time/zonedCalendar';
import { createCore } from '../core';
import { seedDemoReference } from '../demo/demoSeed';
import { toWire } from '../demo/simulator';
import type { PlannedEvent } from '../demo/ticketLifecycle';
import { HOUR_MS, type TrafficNetwork, createTrafficModel } from '../demo/trafficModel';
import { loadTrafficNetwork } from '../demo/trafficNetwork';

/**
 * Demo traffic as a history file would hold it: the simulator's own traffic model, events in time
 * order. For benches and for trying an import on a realistic network without a real export.
 */

const DAY_MS = 24 * HOUR_MS;
/** Days sampled to estimate how many days hold a wanted number of events: a whole week, weekend included. */
const SAMPLE_DAYS = 7;
const LINES_PER_WRITE = 2000;

export interface DemoHistoryNetwork {
  references: HistoryReferences;
  traffic: TrafficNetwork;
}

export interface DemoHistorySpan {
  seed: number;
  scale: number;
  from: number;
  /** Events after this are not delivered yet, as in the demo's own history. */
  until: number;
}

/** The demo network with its roster at `until`, read back as the store would hold it, in a throwaway in-memory store. */
export function demoHistoryNetwork(seed: number, until: number): DemoHistoryNetwork {
  const db = openDatabase(':memory:');
  try {
    const core = createCore(db, { now: () => until });
    seedDemoReference(core, { seed, now: until });
    const references = Object.fromEntries(REFERENCE_KINDS.map((kind) => [kind, core.referenceService.list(kind)])) as HistoryReferences;
    return { references, traffic: loadTrafficNetwork(core) };
  } finally {
    db.$client.close();
  }
}

/**
 * The events of the tickets created from the hour of `from` on, up to `until`, in time order (events at the same instant in the order their tickets
 * planned them), as the simulator would have delivered them. Tickets are planned an hour at a time,
 * and an event is let out once no ticket yet to be planned can come before it, so only tickets in
 * flight are held in memory, whatever the span.
 */
export function* demoHistoryEvents(traffic: TrafficNetwork, span: DemoHistorySpan): Generator<PlannedEvent> {
  const model = createTrafficModel(traffic, span.seed, span.scale);
  let pending: PlannedEvent[] = [];
  for (let hour = hourBucket(span.from); hour <= span.until; hour += HOUR_MS) {
    for (const ticket of model.ticketsOfHour(hour)) {
      for (const event of ticket) if (event.at <= span.until) pending.push(event);
    }
    // Every ticket planned from here on is created at or after the next hour.
    const cutoff = Math.min(hour + HOUR_MS - 1, span.until);
    const due = pending.filter((event) => event.at <= cutoff);
    pending = pending.filter((event) => event.at > cutoff);
    // A stable sort keeps a ticket's events at one instant in their planned order.
    yield* due.sort((a, b) => a.at - b.at);
  }
}

/** Events a day of this traffic holds, measured over a week of it ending at `until`. */
function eventsPerDay(traffic: TrafficNetwork, span: Omit<DemoHistorySpan, 'from'>): number {
  let events = 0;
  for (const _ of demoHistoryEvents(traffic, { ...span, from: span.until - SAMPLE_DAYS * DAY_MS })) events += 1;
  return Math.max(1, events / SAMPLE_DAYS);
}

/**
 * Where a history of about `events` events ending near `until` starts: a little earlier than the
 * estimate needs, since the caller stops at `events` anyway.
 */
export function historyStartFor(traffic: TrafficNetwork, span: Omit<DemoHistorySpan, 'from'>, events: number): number {
  const days = Math.ceil((events / eventsPerDay(traffic, span)) * 1.05) + 1;
  return hourBucket(span.until - days * DAY_MS);
}

/** Writes at most `maxEvents` of `events` to `file` as JSON lines of the ingest contract; returns how many it wrote. */
export async function writeHistoryFile(file: string, events: Iterable<PlannedEvent>, maxEvents: number, onWritten?: (written: number) => void): Promise<number> {
  const out = createWriteStream(file);
  let written = 0;
  let lines: string[] = [];
  const flush = async () => {
    if (lines.length === 0) return;
    if (!out.write(lines.join(''))) await once(out, 'drain');
    lines = [];
    onWritten?.(written);
  };
  for (const event of events) {
    if (written >= maxEvents) break;
    lines.push(`${JSON.stringify(toWire(event))}\n`);
    written += 1;
    if (lines.length >= LINES_PER_WRITE) await flush();
  }
  await flush();
  out.end();
  await once(out, 'finish');
  return written;
}
