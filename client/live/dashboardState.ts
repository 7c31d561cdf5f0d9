import type { MetricValues } from '../../shared/metrics/metricCatalog';
import type { MetricSamples } from '../../shared/metrics/sampleSize';
import {
  type DashboardDelta,
  type DashboardHeartbeat,
  type DashboardSnapshot,
  type DashboardView,
  type FlowBucket,
  type Scope,
  type Subscription,
  subscriptionRoom,
} from '../../shared/live/socketContract';

/** What the dashboard shows: one consistent message's worth of state, replaced as a whole. */
export interface LiveView {
  /** The board shown: the network, a region, a center or an engineer, over a window. */
  scope: Scope;
  view: DashboardView;
  seq: number;
  values: MetricValues;
  /** The n behind each rate and average, and the n below which one is shown with it rather than judged. */
  samples: MetricSamples;
  minSample: number;
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
  return { scope: snapshot.scope, view: snapshot.view, seq: snapshot.seq, values: snapshot.values, samples: snapshot.samples, minSample: snapshot.minSample, trend: sortedByHour(snapshot.trend) };
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
    view: { ...view, seq: delta.seq, values: { ...view.values, ...delta.values }, samples: { ...view.samples, ...delta.samples }, trend: mergeTrend(view.trend, delta.trend, delta.trendFrom) },
  };
}

/**
 * Deltas carry only the buckets that changed; the rest of the window is kept unless it slid past trendFrom.
 * A delta that changes no bucket keeps the very same array, so a chart of it has nothing to redraw.
 */
export function mergeTrend(trend: FlowBucket[], changed: FlowBucket[], trendFrom: number): FlowBucket[] {
  if (changed.length === 0 && (trend[0]?.hourStart ?? trendFrom) >= trendFrom) return trend;
  const byHour = new Map(trend.map((bucket) => [bucket.hourStart, bucket]));
  for (const bucket of changed) byHour.set(bucket.hourStart, bucket);
  return sortedByHour([...byHour.values()].filter((bucket) => bucket.hourStart >= trendFrom));
}

function sortedByHour(trend: FlowBucket[]): FlowBucket[] {
  return [...trend].sort((a, b) => a.hourStart - b.hourStart);
}

/** Every subscription's view on one page, by subscription room: a board may show its scope and its children. */
export type LiveViews = ReadonlyMap<string, LiveView>;

export type ViewsOutcome =
  | { kind: 'apply'; views: LiveViews }
  | { kind: 'ignore' }
  /** The subscription the message belongs to lost a delta and must take a fresh snapshot. */
  | { kind: 'resync'; subscription: Subscription };

/** A snapshot replaces its own subscription's view whole and leaves the others as they are. */
export function withSnapshot(views: LiveViews, snapshot: DashboardSnapshot): LiveViews {
  return new Map(views).set(subscriptionRoom(snapshot), viewFromSnapshot(snapshot));
}

/** A delta continues only its own subscription; one for a subscription the page no longer holds is ignored. */
export function applyDeltaToViews(views: LiveViews, delta: DashboardDelta): ViewsOutcome {
  const room = subscriptionRoom(delta);
  const outcome = applyDelta(views.get(room) ?? null, delta);
  switch (outcome.kind) {
    case 'apply':
      return { kind: 'apply', views: new Map(views).set(room, outcome.view) };
    case 'resync':
      return { kind: 'resync', subscription: { scope: delta.scope, view: delta.view } };
    case 'ignore':
      return outcome;
  }
}

/** A heartbeat proves its subscription's link alive; one ahead of that view's seq proves a delta was lost. */
export function heartbeatOutcome(views: LiveViews, beat: DashboardHeartbeat): 'alive' | 'resync' | 'ignore' {
  const view = views.get(subscriptionRoom(beat));
  if (view === undefined) return 'ignore';
  return beat.seq > view.seq ? 'resync' : 'alive';
}
