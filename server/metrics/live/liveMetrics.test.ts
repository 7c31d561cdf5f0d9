import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../../db/connection';
import type { MetricValues } from '../../../shared/metrics/metricCatalog';
import { METRIC_WINDOWS, type MetricWindow, metricScopeSchema } from '../../../shared/metrics/metricQuery';
import { NOW, ago, event, handWorkedHistory } from '../../../test/support/handWorkedHistory';
import { createdEvent, smallNetwork } from '../../../test/support/smallNetwork';
import { HISTORY_START, permutationOf, ticketHistoryArbitrary } from '../../../test/support/ticketHistoryArbitrary';
import { type Core, createCore } from '../../core';
import { runInSlices } from '../../eventLoopSlices';
import { computeMetrics } from '../metricReference';

const SCOPES = ['network', 'region:east', 'region:sh', 'region:west', 'center:sh-01', 'center:sh-02', 'center:urc-01', 'engineer:e-001', 'engineer:e-002', 'engineer:e-003'];
const HOUR = 3_600_000;

let dir: string;
let db: Db;
let now = NOW;

/** Stored clocks that differ from a fresh recompute of their ticket's whole history under the rules in force. */
function clocksOffRecompute(core: Core, ticketIds: string[]): string[] {
  const key = (clock: { metric: string; cycle: number }) => `${clock.metric}|${clock.cycle}`;
  const off: string[] = [];
  for (const [ticketId, { before, after }] of core.slaEngine.evaluate(ticketIds, core.slaRulebook.rules())) {
    const stored = new Map(before.map((clock) => [key(clock), clock as unknown as Record<string, unknown>]));
    if (stored.size !== after.length) off.push(`${ticketId}: ${stored.size} stored, ${after.length} recomputed`);
    for (const clock of after) {
      const kept = stored.get(key(clock));
      const differing = Object.entries(clock).filter(([field, value]) => JSON.stringify(kept?.[field]) !== JSON.stringify(value));
      if (differing.length > 0) off.push(`${ticketId} ${key(clock)}: ${differing.map(([field]) => field).join(', ')}`);
    }
  }
  return off;
}

function openCore(): Core {
  return createCore(db, { now: () => now });
}

function seedReference(core: Core): void {
  for (const kind of ['regions', 'centers', 'engineers', 'customers', 'products'] as const) core.referenceService.upsert(kind, smallNetwork[kind] as never);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'live-metrics-'));
  db = openDatabase(join(dir, 'ops.db'));
  now = NOW;
});

afterEach(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every scope and window where the incremental figure differs from the SQL recount, as readable lines. */
function mismatches(core: Core, at: number): string[] {
  const found: string[] = [];
  for (const text of SCOPES) {
    const scope = metricScopeSchema.parse(text);
    for (const window of METRIC_WINDOWS) {
      const live = core.liveMetrics.valuesOf(scope, window, at) as MetricValues;
      const counted = computeMetrics(db, core.org, { scope, window, now: at }).values;
      for (const [id, value] of Object.entries(counted)) {
        const mine = live[id as keyof MetricValues];
        const same = value === null || mine === null ? value === mine : Math.abs(mine - value) <= 1e-9 * Math.max(1, Math.abs(value));
        if (!same) found.push(`${text} ${window} ${id}: live ${mine}, counted ${value}`);
      }
    }
  }
  return found;
}

describe('live metrics', () => {
  it('equal the SQL recount for every scope and window on the hand-worked history', () => {
    const core = openCore();
    seedReference(core);
    expect(core.ingestService.ingest(handWorkedHistory(), 'test').rejected).toEqual([]);
    expect(core.liveMetrics.valuesOf(metricScopeSchema.parse('network'), 'today', NOW)?.backlog_open).toBe(4);
    expect(mismatches(core, NOW)).toEqual([]);
  });

  it('rebuild from the store at start to the same figures', () => {
    const first = openCore();
    seedReference(first);
    first.ingestService.ingest(handWorkedHistory(), 'test');
    const before = first.liveMetrics.valuesOf({ kind: 'network' }, '24h', NOW);
    const restarted = openCore();
    expect(restarted.liveMetrics.valuesOf({ kind: 'network' }, '24h', NOW)).toEqual(before);
    expect(mismatches(restarted, NOW)).toEqual([]);
  });

  it('rebuild a slice at a time after the server listens to the same figures, refusing any change until whole', async () => {
    const first = openCore();
    seedReference(first);
    first.ingestService.ingest(handWorkedHistory(), 'test');
    const before = first.liveMetrics.valuesOf({ kind: 'network' }, '24h', NOW);
    const restarted = createCore(db, { now: () => now }, () => {}, { liveStateInBackground: true });
    expect(restarted.rebuild).toBeNull();
    expect(restarted.liveMetrics.isReady()).toBe(false);
    // A ticket not yet read would be counted twice, in the figures and the rollups: the batch is refused whole.
    const late = createdEvent('T-LATE', new Date(NOW - HOUR).toISOString());
    expect(() => restarted.ingestService.ingest([late], 'test')).toThrow(/being rebuilt/);
    await runInSlices(restarted.liveMetrics.rebuildSteps(NOW));
    expect(restarted.liveMetrics.isReady()).toBe(true);
    expect(restarted.liveMetrics.valuesOf({ kind: 'network' }, '24h', NOW)).toEqual(before);
    expect(mismatches(restarted, NOW)).toEqual([]);
    expect(restarted.ingestService.ingest([late], 'test').rejected).toEqual([]);
    expect(mismatches(restarted, NOW)).toEqual([]);
  });

  it('answer null for a scope that names nothing', () => {
    const core = openCore();
    seedReference(core);
    expect(core.liveMetrics.valuesOf({ kind: 'region', id: 'nowhere' }, 'today', NOW)).toBeNull();
    expect(core.liveMetrics.valuesOf({ kind: 'engineer', id: 'nobody' }, 'today', NOW)).toBeNull();
  });

  it('forget what no window can reach when pruned, and nothing else', async () => {
    const core = openCore();
    seedReference(core);
    core.ingestService.ingest(handWorkedHistory(), 'test');
    const tracked = core.liveMetrics.size();
    const later = NOW + 40 * 24 * HOUR;
    await runInSlices(core.liveMetrics.pruneSteps(later));
    expect(core.liveMetrics.size()).toBeGreaterThan(0);
    expect(core.liveMetrics.size()).toBeLessThan(tracked);
    expect(mismatches(core, later)).toEqual([]);
  });

  it('stay equal to the recount when events are staged between the steps of a prune', () => {
    const later = NOW + 40 * 24 * HOUR;
    const beforeLater = (minutes: number) => minutes - 40 * 24 * 60;
    const arriving = [
      createdEvent('T8', ago(beforeLater(30)), { engineerId: 'e-001' }),
      event('T1', 'ticket.reopened', beforeLater(20)),
      event('T8', 'ticket.first_response', beforeLater(10)),
      event('T4', 'complaint.opened', beforeLater(5), { complaintId: 'CP-9', category: 'repair_quality', severity: 'low' }),
    ];
    // Each event arrives after some step of the prune: among the desks, among the tickets, or after.
    const arrivalSteps = fc.tuple(...arriving.map(() => fc.nat({ max: 16 })));
    fc.assert(
      fc.property(arrivalSteps, (arrivalStep) => {
        db.$client.close();
        rmSync(dir, { recursive: true, force: true });
        dir = mkdtempSync(join(tmpdir(), 'live-metrics-'));
        db = openDatabase(join(dir, 'ops.db'));
        now = NOW;
        const core = openCore();
        seedReference(core);
        core.ingestService.ingest(handWorkedHistory(), 'test');
        now = later;
        const deliver = (step: number) => arriving.forEach((item, index) => {
          if (arrivalStep[index] === step) expect(core.ingestService.ingest([item], 'test').rejected).toEqual([]);
        });
        const steps = core.liveMetrics.pruneSteps(later);
        let taken = 0;
        for (deliver(0); !steps.next().done; deliver(++taken));
        for (let step = taken + 1; step <= 16; step++) deliver(step);
        // A ticket the prune lost track of would be counted twice at its next event.
        const afterwards = [
          event('T1', 'ticket.resolved', beforeLater(2)),
          event('T8', 'ticket.resolved', beforeLater(1)),
          event('T4', 'complaint.resolved', beforeLater(1), { complaintId: 'CP-9' }),
        ];
        expect(core.ingestService.ingest(afterwards, 'test').rejected).toEqual([]);
        expect(mismatches(core, later)).toEqual([]);
      }),
      { numRuns: 20, seed: 20261123 },
    );
  }, 120_000);

  it('equal the SQL recount on random histories ingested in any order, across midnights in two zones, with SLA clocks equal to a fresh recompute', () => {
    const ticketIds = ['T-1', 'T-2', 'T-3', 'T-4', 'T-5'];
    // During the three days of history, or a week on, when the return visits of its resolutions come due.
    const readMinute = fc.oneof(fc.integer({ min: 0, max: 80 * 60 }), fc.integer({ min: 7 * 24 * 60, max: 11 * 24 * 60 }));
    const scenario = fc
      .tuple(...ticketIds.map((id) => ticketHistoryArbitrary(id, undefined, 8)))
      .map((histories) => histories.flat())
      .chain((events) => fc.tuple(permutationOf(events), fc.integer({ min: 1, max: 6 }), fc.array(readMinute, { minLength: 1, maxLength: 3 })));
    fc.assert(
      fc.property(scenario, ([events, batches, readMinutes]) => {
        db.$client.close();
        rmSync(dir, { recursive: true, force: true });
        dir = mkdtempSync(join(tmpdir(), 'live-metrics-'));
        db = openDatabase(join(dir, 'ops.db'));
        now = HISTORY_START + 3 * 24 * HOUR;
        const core = openCore();
        seedReference(core);
        const size = Math.ceil(events.length / batches);
        for (let start = 0; start < events.length; start += size) core.ingestService.ingest(events.slice(start, start + size), 'test');
        expect(clocksOffRecompute(core, ticketIds)).toEqual([]);
        for (const minutes of [...readMinutes].sort((a, b) => a - b)) {
          const at = HISTORY_START + minutes * 60_000;
          expect(mismatches(core, at)).toEqual([]);
        }
      }),
      { numRuns: 20 },
    );
    // Each run recounts 45 figures × 10 scopes × 5 windows in SQL at up to three instants.
  }, 180_000);
});
