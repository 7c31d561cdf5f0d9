import type { MetricValues } from '../../shared/metrics/metricCatalog';
import type { DashboardDelta, DashboardSnapshot } from '../../shared/live/socketContract';

/** The three headline figures of a board, named as the tests reason about them. */
export function headline(values: Partial<MetricValues>) {
  return { open: values.backlog_open, createdToday: values.created_today, resolvedToday: values.resolved_today };
}

/** A board's figures after its snapshot and the deltas received since, in order. */
export function latestValues(snapshot: DashboardSnapshot, deltas: readonly DashboardDelta[]): MetricValues {
  return deltas.reduce((values, delta) => ({ ...values, ...delta.values }), snapshot.values);
}
