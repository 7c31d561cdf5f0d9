import type { DashboardDelta, DashboardSnapshot, FlowBucket, NetworkCounters } from '../../shared/live/socketContract';

/** What the dashboard shows: one consistent message's worth of state, replaced as a whole. */
export interface LiveView {
  seq: number;
  counters: NetworkCounters;
  /** Hourly buckets, oldest first. */
  trend: FlowBucket[];
}

export type DeltaOutcome =
  | { kind: 'apply'; view: LiveView }
  /** Already reflected, e.g. a delta replayed after a reconnect that the snapshot covers. */
  | { kind: 'ignore' }
  /** A delta went missing: only a fresh snapshot can make the view whole again. */
  | { kind: 'resync' };

export function viewFromSnapshot(snapshot: DashboardSnapshot): LiveView {
  return { seq: snapshot.seq, counters: snapshot.counters, trend: sortedByHour(snapshot.trend) };
}

export function applyDelta(view: LiveView | null, delta: DashboardDelta): DeltaOutcome {
  if (view === null || delta.seq <= view.seq) return { kind: 'ignore' };
  if (delta.seq !== view.seq + 1) return { kind: 'resync' };
  return {
    kind: 'apply',
    view: { seq: delta.seq, counters: delta.counters, trend: mergeTrend(view.trend, delta.trend, delta.trendFrom) },
  };
}

/** Deltas carry only the buckets that changed; the rest of the window is kept unless it slid past trendFrom. */
export function mergeTrend(trend: FlowBucket[], changed: FlowBucket[], trendFrom: number): FlowBucket[] {
  const byHour = new Map(trend.map((bucket) => [bucket.hourStart, bucket]));
  for (const bucket of changed) byHour.set(bucket.hourStart, bucket);
  return sortedByHour([...byHour.values()].filter((bucket) => bucket.hourStart >= trendFrom));
}

function sortedByHour(trend: FlowBucket[]): FlowBucket[] {
  return [...trend].sort((a, b) => a.hourStart - b.hourStart);
}
