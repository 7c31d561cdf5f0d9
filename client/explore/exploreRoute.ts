import { LISTABLE_METRICS, type ListableMetricId } from '../../shared/metrics/metricDrill';
import { METRIC_WINDOWS, type MetricScope, type MetricWindow, metricScopeSchema } from '../../shared/metrics/metricQuery';

/** What the drill-down address says: /explore/<scope>?window=&metric=&ticket=, so every view can be linked to. */
export interface ExploreLocation {
  scope: MetricScope | null;
  /** The address named a scope, but not one that can be read. */
  badScope: boolean;
  window: MetricWindow;
  metric: ListableMetricId | null;
  ticket: string | null;
}

const first = (value: unknown): string | null => {
  const text = Array.isArray(value) ? value[0] : value;
  return typeof text === 'string' && text !== '' ? text : null;
};

export function readExploreLocation(params: Record<string, unknown>, query: Record<string, unknown>): ExploreLocation {
  const scopeParam = first(params.scope);
  const parsed = scopeParam === null ? null : metricScopeSchema.safeParse(scopeParam);
  const window = first(query.window);
  const metric = first(query.metric);
  return {
    scope: parsed?.success ? parsed.data : null,
    badScope: parsed !== null && !parsed.success,
    window: METRIC_WINDOWS.find((known) => known === window) ?? 'today',
    metric: LISTABLE_METRICS.find((known) => known === metric) ?? null,
    ticket: first(query.ticket),
  };
}
