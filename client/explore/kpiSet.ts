import { METRIC_CATALOG, type MetricDefinition, type MetricId, type MetricValues } from '../../shared/metrics/metricCatalog';
import { LISTABLE_METRICS, type ListableMetricId } from '../../shared/metrics/metricDrill';
import type { LocaleFormat } from '../i18n/useLocaleFormat';

/** The figures every drill-down scope shows, in this order, so one scope reads like the next. */
export const KPI_SET = [
  'backlog_open',
  'created_today',
  'resolved_today',
  'breached_open',
  'at_risk_open',
  'sla_compliance_first_response',
  'sla_compliance_resolution',
  'first_time_fix_rate',
  'repeat_visit_rate',
  'complaints_open',
  'csat_mean',
  'return_visit_rate',
] as const satisfies readonly MetricId[];
export type KpiId = (typeof KPI_SET)[number];

/** An engineer's scorecard: volume, SLA, first-time fix, complaints, CSAT and return visits. */
export const SCORECARD = [
  'backlog_open',
  'resolved_today',
  'sla_compliance_on_site',
  'sla_compliance_resolution',
  'first_time_fix_rate',
  'repeat_visit_rate',
  'complaint_rate',
  'complaints_open',
  'csat_mean',
  'return_visit_rate',
] as const satisfies readonly MetricId[];

const DEFINITIONS = new Map<string, MetricDefinition>(METRIC_CATALOG.map((metric) => [metric.id, metric]));

export function metricDefinition(id: MetricId): MetricDefinition {
  return DEFINITIONS.get(id)!;
}

/**
 * What a REST read may show until the live feed's first snapshot: only what is the same in every window (a
 * count of now or of the local day). A rate waits for the feed, which brings the n it must be shown with.
 */
export function sameInEveryWindow(metrics: readonly MetricId[], values: Partial<MetricValues> | null | undefined): Partial<MetricValues> | null {
  if (!values) return null;
  return Object.fromEntries(metrics.filter((metric) => metricDefinition(metric).period !== 'window').map((metric) => [metric, values[metric]]));
}

/** Whether the figure is made of tickets, so it can open the list of them. */
export function isListable(id: MetricId): id is ListableMetricId {
  return (LISTABLE_METRICS as readonly string[]).includes(id);
}

/** A figure in its catalog unit; a dash where there is none (an empty denominator), never a zero. */
export function formatMetricValue(id: MetricId, value: number | null, format: LocaleFormat): string {
  if (value === null) return '—';
  switch (metricDefinition(id).unit) {
    case 'count':
      return format.count(value);
    case 'fraction':
      return format.percent(value);
    case 'per100':
    case 'score':
      return format.decimal(value);
    case 'ms':
      return format.duration(value);
  }
}

/**
 * Whether a value is good or bad news relative to a comparison (a sibling average, say), from the
 * catalog's direction; neutral for figures where a rise is neither.
 */
export function directionOf(id: MetricId): 'up-good' | 'down-good' | 'neutral' {
  const better = metricDefinition(id).higherIsBetter;
  return better === null ? 'neutral' : better ? 'up-good' : 'down-good';
}
