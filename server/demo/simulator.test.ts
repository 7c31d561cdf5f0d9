import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { seedDemoNetwork } from './demoSeed';
import { localClock } from '../../shared/time/zonedCalendar';
import { type Core, createCore } from '../core';
import { startSimulator } from './simulator';
import { HOUR_MS, createTrafficModel } from './trafficModel';
import { loadTrafficNetwork } from './trafficNetwork';

const T = Date.parse('2026-11-23T10:20:00+08:00');
const SEED = 42;
const dirs: string[] = [];

function coreAt(now: () => number): Core {
  const dir = mkdtempSync(join(tmpdir(), 'ops-sim-'));
  dirs.push(dir);
  return createCore(openDatabase(join(dir, 'ops.db')), { now });
}

function eventIds(core: Core, createdFrom: number): string[] {
  return (
    core.db.$client
      .prepare('select e.id from ticket_events e join tickets t on t.id = e.ticket_id where t.created_at >= ? order by e.id')
      .all(createdFrom) as { id: string }[]
  ).map((row) => row.id);
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('demo seed and simulator', () => {
  it('seeds history whose every event the ingest service accepts, and seeds only an empty store', () => {
    const core = coreAt(() => T);
    const summary = seedDemoNetwork(core, { seed: SEED, days: 2, scale: 0.2, now: T, log: () => {} });
    expect(summary).not.toBeNull();
    expect(summary!.centers).toBeGreaterThanOrEqual(40);
    expect(summary!.tickets).toBeGreaterThan(100);
    const stored = core.db.$client.prepare('select count(*) n from tickets').get() as { n: number };
    expect(stored.n).toBe(summary!.tickets);
    const future = core.db.$client.prepare('select count(*) n from ticket_events where at > ?').get(T) as { n: number };
    expect(future.n).toBe(0);
    expect(seedDemoNetwork(core, { seed: SEED, days: 2, scale: 0.2, now: T, log: () => {} })).toBeNull();
  });

  it('is deterministic: seeding at T and simulating to T+3h equals seeding at T+3h', async () => {
    let now = T;
    const live = coreAt(() => now);
    seedDemoNetwork(live, { seed: SEED, days: 1, scale: 0.2, now: T, log: () => {} });
    now = T + 3 * HOUR_MS;
    const replayed = coreAt(() => now);
    seedDemoNetwork(replayed, { seed: SEED, days: 1, scale: 0.2, now, log: () => {} });
    const from = Math.floor((now - 24 * HOUR_MS) / HOUR_MS) * HOUR_MS;
    const expected = eventIds(replayed, from);
    expect(expected.length).toBeGreaterThan(100);

    const simulator = startSimulator(live, { clock: { now: () => now }, seed: SEED, scale: 0.2, tickMs: 20, log: () => {} });
    // The catch-up arrives over several loop turns; wait until it has all come.
    await expect.poll(() => eventIds(live, from).length, { timeout: 10_000 }).toBe(expected.length);
    simulator.stop();
    expect(eventIds(live, from)).toEqual(expected);
  });

  it('catches up after downtime in small batches, letting the event loop turn between them', async () => {
    let now = T;
    const core = coreAt(() => now);
    seedDemoNetwork(core, { seed: SEED, days: 1, scale: 0.2, now: T, log: () => {} });
    const ingest = core.ingestService.ingest;
    let turns = 0;
    const batches: { size: number; turn: number }[] = [];
    core.ingestService.ingest = (events, source) => {
      batches.push({ size: events.length, turn: turns });
      return ingest(events, source);
    };
    const turning = setInterval(() => turns++, 0);
    now = T + 6 * HOUR_MS;
    const simulator = startSimulator(core, { clock: { now: () => now }, seed: SEED, scale: 0.2, tickMs: 20, log: () => {} });
    try {
      await expect.poll(() => core.eventSpan('sim')?.last ?? 0, { timeout: 20_000 }).toBeGreaterThan(T + 5 * HOUR_MS);
    } finally {
      simulator.stop();
      clearInterval(turning);
    }
    expect(batches.length).toBeGreaterThan(10);
    expect(Math.max(...batches.map((batch) => batch.size))).toBeLessThanOrEqual(50);
    for (let i = 1; i < batches.length; i++) expect(batches[i]!.turn).toBeGreaterThan(batches[i - 1]!.turn);
  });

  it('changes only the shift at a shift change, keeping what another system changed since the start', async () => {
    let now = T;
    const core = coreAt(() => now);
    seedDemoNetwork(core, { seed: SEED, days: 0, scale: 0.2, now: T, log: () => {} });
    const simulator = startSimulator(core, { clock: { now: () => now }, seed: SEED, scale: 0.2, tickMs: 60_000, log: () => {} });
    try {
      await simulator.tick();
      // Third in a team works 12–21: off at 10:20, on at 12:20 the same weekday.
      const center = core.referenceService.list('centers').find((row) => row.timeZone === 'Asia/Shanghai')!;
      const renamed = core.referenceService.list('engineers').filter((row) => row.centerId === center.id)[2]!;
      expect(renamed.onShift).toBe(false);
      const engineer = () => core.referenceService.list('engineers').find((row) => row.id === renamed.id)!;
      core.referenceService.upsert('engineers', [{ id: renamed.id, name: '改名后', nameEn: 'Renamed', skills: ['other-skill'] }]);
      now = T + 2 * HOUR_MS;
      await simulator.tick();
      expect(engineer()).toMatchObject({ onShift: true, name: '改名后', nameEn: 'Renamed', skills: ['other-skill'] });
    } finally {
      simulator.stop();
    }
  });

  it('follows the working day: busier at 10:00 than at 03:00 local, quieter on weekends', () => {
    const core = coreAt(() => T);
    seedDemoNetwork(core, { seed: SEED, days: 0, scale: 1, now: T, log: () => {} });
    const model = createTrafficModel(loadTrafficNetwork(core), SEED, 1);
    const byLocalHour = new Map<number, number>();
    let weekday = 0;
    let weekend = 0;
    const start = Date.parse('2026-11-02T00:00:00+08:00');
    for (let hour = start; hour < start + 14 * 24 * HOUR_MS; hour += HOUR_MS) {
      const n = model.ticketsOfHour(hour).length;
      const clock = localClock(hour, 'Asia/Shanghai');
      byLocalHour.set(clock.hour, (byLocalHour.get(clock.hour) ?? 0) + n);
      if (clock.weekday === 0 || clock.weekday === 6) weekend += n;
      else weekday += n;
    }
    expect(byLocalHour.get(10)!).toBeGreaterThan(5 * byLocalHour.get(3)!);
    expect(byLocalHour.get(12)!).toBeLessThan(byLocalHour.get(10)!);
    expect(weekend / 4).toBeLessThan((weekday / 10) * 0.7);
    expect(weekday / 10).toBeGreaterThan(1800);
  });
});
