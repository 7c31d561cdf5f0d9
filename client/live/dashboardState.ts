import type { MetricValues } from '../../shared/metrics/metricCatalog';
import { type DashboardDelta, type DashboardSnapshot, type DashboardView, type FlowBucket, type Scope, subscriptionRoom } from '../../shared/live/socketContract';

/** What the dashboard shows: one consistent message's worth of state, replaced as a whole. */
export interface LiveView {
  /** The board shown: the network, a region, a center or an engineer, over a window. */
  scope: Scope;
  view: DashboardView;
  seq: number;
  values: MetricValues;
  /** Hourly buckets, oldest first. */
  trend: FlowBucket[];
}

export type DeltaOutcome =
  | { kind: 'apply'; view: LiveView }
  /** Already reflected, e.g. a delta replayed after a reconnect that the snapshot covers, or another scope's. */
  | { kind: 'ignore' }
  /** A delta went missing: only a fresh snapshot can make the view whole again. */
  | { kind: 'resync' };

export function viewFromSnapshot(snapshot: DashboardSnapshot): LiveView {
  return { scope: snapshot.scope, view: snapshot.view, seq: snapshot.seq, values: snapshot.values, trend: sortedByHour(snapshot.trend) };
}

/** Each subscription has its own sequence, so a message of another scope or view says nothing about this one. */
export function sameSubscription(a: { scope: Scope; view: DashboardView }, b: { scope: Scope; view: DashboardView }): boolean {
  return subscriptionRoom(a) === subscriptionRoom(b);
}

export function applyDelta(view: LiveView | null, delta: DashboardDelta): DeltaOutcome {
  if (view === null || !sameSubscription(view, delta) || delta.seq <= view.seq) return { kind: 'ignore' };
  if (delta.seq !== view.seq + 1) return { kind: 'resync' };
  return {
    kind: 'apply',
    view: { ...view, seq: delta.seq, values: { ...view.values, ...delta.values }, trend: mergeTrend(view.trend, delta.trend, delta.trendFrom) },
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
