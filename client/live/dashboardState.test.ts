import { describe, expect, it } from 'vitest';
import { METRIC_IDS, type MetricValues } from '../../shared/metrics/metricCatalog';
import type { DashboardDelta, DashboardSnapshot, FlowBucket, Scope } from '../../shared/live/socketContract';
import { type LiveView, applyDelta, applyDeltaToViews, heartbeatOutcome, mergeTrend, viewFromSnapshot, withSnapshot } from './dashboardState';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-23T00:00:00Z');

function bucket(hour: number, created: number, resolved = 0): FlowBucket {
  return { hourStart: T0 + hour * HOUR, created, resolved };
}

const EAST: Scope = { kind: 'region', id: 'east' };
const VALUES = Object.fromEntries(METRIC_IDS.map((id) => [id, null])) as MetricValues;

const snapshot: DashboardSnapshot = {
  scope: EAST,
  view: 'today',
  seq: 7,
  at: T0 + 2 * HOUR,
  pushIntervalMs: 1000,
  values: { ...VALUES, backlog_open: 3, created_today: 5, resolved_today: 2 },
  samples: { first_time_fix_rate: 2 },
  minSample: 10,
  trend: [bucket(2, 1), bucket(0, 4, 2), bucket(1, 0)],
};

function delta(seq: number, overrides: Partial<DashboardDelta> = {}): DashboardDelta {
  return { scope: EAST, view: 'today', seq, at: T0 + 2 * HOUR, values: { backlog_open: 4, created_today: 6 }, trend: [bucket(2, 2)], trendFrom: T0, ...overrides };
}

function applied(view: LiveView, next: DashboardDelta): LiveView {
  const outcome = applyDelta(view, next);
  if (outcome.kind !== 'apply') throw new Error(`expected the delta to apply, got ${outcome.kind}`);
  return outcome.view;
}

describe('viewFromSnapshot', () => {
  it('takes seq and figures as sent and orders the trend oldest first', () => {
    const view = viewFromSnapshot(snapshot);
    expect(view.seq).toBe(7);
    expect(view.values).toEqual(snapshot.values);
    expect(view.trend.map((b) => b.hourStart)).toEqual([T0, T0 + HOUR, T0 + 2 * HOUR]);
  });
});

describe('applyDelta', () => {
  const view = viewFromSnapshot(snapshot);

  it('applies the next delta in sequence: changed figures merged over the rest, changed bucket merged by hour', () => {
    const next = applied(view, delta(8));
    expect(next.seq).toBe(8);
    expect(next.values).toEqual({ ...VALUES, backlog_open: 4, created_today: 6, resolved_today: 2 });
    expect(next.trend).toEqual([bucket(0, 4, 2), bucket(1, 0), bucket(2, 2)]);
    expect(next.samples).toEqual({ first_time_fix_rate: 2 });
    expect(applied(next, delta(9, { samples: { first_time_fix_rate: 3, csat_mean: 1 } })).samples).toEqual({ first_time_fix_rate: 3, csat_mean: 1 });
  });

  it('applies a run of deltas one after another', () => {
    const after = applied(applied(view, delta(8)), delta(9, { trend: [bucket(3, 1)] }));
    expect(after.seq).toBe(9);
    expect(after.trend.map((b) => b.hourStart)).toEqual([T0, T0 + HOUR, T0 + 2 * HOUR, T0 + 3 * HOUR]);
  });

  it('asks for a resync when a delta is missing (gap), leaving the view untouched', () => {
    expect(applyDelta(view, delta(9))).toEqual({ kind: 'resync' });
    expect(view.seq).toBe(7);
  });

  it('ignores deltas the view already reflects (replayed after reconnecting)', () => {
    expect(applyDelta(view, delta(7))).toEqual({ kind: 'ignore' });
    expect(applyDelta(view, delta(3))).toEqual({ kind: 'ignore' });
  });

  it("ignores another scope's deltas, even the next seq: each scope counts its own", () => {
    expect(applyDelta(view, delta(8, { scope: { kind: 'region', id: 'west' } }))).toEqual({ kind: 'ignore' });
    expect(applyDelta(view, delta(9, { scope: { kind: 'network' } }))).toEqual({ kind: 'ignore' });
    expect(applied(view, delta(8, { scope: { kind: 'region', id: 'east' } })).scope).toEqual(EAST);
  });

  it("ignores another view's deltas of the same scope", () => {
    expect(applyDelta(view, delta(8, { view: '24h' }))).toEqual({ kind: 'ignore' });
  });

  it('ignores deltas before the first snapshot', () => {
    expect(applyDelta(null, delta(1))).toEqual({ kind: 'ignore' });
  });

  it('does not mutate the view it was given', () => {
    const before = structuredClone(view);
    applied(view, delta(8, { trendFrom: T0 + HOUR }));
    expect(view).toEqual(before);
  });
});

describe('mergeTrend', () => {
  it('drops buckets that slid out of the window before trendFrom', () => {
    const merged = mergeTrend([bucket(0, 4), bucket(1, 1), bucket(2, 1)], [bucket(3, 0)], T0 + 2 * HOUR);
    expect(merged).toEqual([bucket(2, 1), bucket(3, 0)]);
  });

  it('replaces a changed bucket rather than adding to it', () => {
    expect(mergeTrend([bucket(1, 1, 1)], [bucket(1, 3, 2)], T0)).toEqual([bucket(1, 3, 2)]);
  });
});

describe('several subscriptions on one page', () => {
  const WEST: Scope = { kind: 'region', id: 'west' };
  const westSnapshot: DashboardSnapshot = { ...snapshot, scope: WEST, seq: 40, values: { ...VALUES, backlog_open: 9 } };
  const both = withSnapshot(withSnapshot(new Map(), snapshot), westSnapshot);

  it('keeps a view per subscription, each replaced only by its own snapshot', () => {
    expect([...both.values()].map((view) => [view.scope, view.seq])).toEqual([[EAST, 7], [WEST, 40]]);
    const again = withSnapshot(both, { ...snapshot, seq: 12 });
    expect(again.get('dashboard:region:east|today')!.seq).toBe(12);
    expect(again.get('dashboard:region:west|today')).toBe(both.get('dashboard:region:west|today'));
  });

  it('applies a delta to its own subscription only, by that subscription\'s sequence', () => {
    const outcome = applyDeltaToViews(both, delta(8));
    if (outcome.kind !== 'apply') throw new Error(`expected apply, got ${outcome.kind}`);
    expect(outcome.views.get('dashboard:region:east|today')!.values.backlog_open).toBe(4);
    expect(outcome.views.get('dashboard:region:west|today')).toBe(both.get('dashboard:region:west|today'));
    // West is at 40: its 41st delta continues it, although east's sequence is far behind.
    expect(applyDeltaToViews(both, delta(41, { scope: WEST })).kind).toBe('apply');
  });

  it('asks for a fresh snapshot of just the subscription with a gap', () => {
    expect(applyDeltaToViews(both, delta(9))).toEqual({ kind: 'resync', subscription: { scope: EAST, view: 'today' } });
    expect(applyDeltaToViews(both, delta(42, { scope: WEST }))).toEqual({ kind: 'resync', subscription: { scope: WEST, view: 'today' } });
  });

  it('ignores deltas of another view of the same scope and of subscriptions the page does not hold', () => {
    expect(applyDeltaToViews(both, delta(8, { view: '7d' })).kind).toBe('ignore');
    expect(applyDeltaToViews(both, delta(1, { scope: { kind: 'center', id: 'sh-01' } })).kind).toBe('ignore');
  });

  it('reads a heartbeat as proof of life, or of a lost delta when it is ahead', () => {
    expect(heartbeatOutcome(both, { scope: EAST, view: 'today', seq: 7, at: T0 })).toBe('alive');
    expect(heartbeatOutcome(both, { scope: EAST, view: 'today', seq: 8, at: T0 })).toBe('resync');
    expect(heartbeatOutcome(both, { scope: { kind: 'network' }, view: 'today', seq: 1, at: T0 })).toBe('ignore');
  });
});

describe('mergeTrend without changed buckets', () => {
  it('keeps the same array, so nothing downstream redraws', () => {
    const trend = [bucket(0, 1), bucket(1, 2)];
    expect(mergeTrend(trend, [], T0)).toBe(trend);
    expect(mergeTrend(trend, [], T0 + HOUR)).toEqual([bucket(1, 2)]);
  });
});
