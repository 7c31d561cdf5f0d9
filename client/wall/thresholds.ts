import { METRIC_CATALOG, type MetricId } from '../../shared/metrics/metricCatalog';
import type { ThresholdOverride } from '../../shared/wall/wallQuery';
import type { SlaTone } from '../sla/slaTone';

/** How a figure stands against its thresholds; neutral where none is set or there is no figure. */
export type ThresholdTone = 'good' | 'warning' | 'alert' | 'neutral';

/** Where a figure turns amber and where red, in its own unit; which side is bad comes from the catalog. */
export interface MetricThreshold {
  warning: number;
  alert: number;
}

export type ThresholdTable = Partial<Record<MetricId, MetricThreshold>>;

/**
 * Defaults for the figures walls show. Shares of SLA clocks met follow the usual 90 / 80 % service
 * targets; counts of breached or at-risk tickets warn at the first one, since each is a customer waiting.
 */
export const DEFAULT_THRESHOLDS: ThresholdTable = {
  breached_open: { warning: 1, alert: 5 },
  at_risk_open: { warning: 5, alert: 15 },
  unassigned_open: { warning: 5, alert: 15 },
  sla_compliance_first_response: { warning: 0.9, alert: 0.8 },
  sla_compliance_on_site: { warning: 0.9, alert: 0.8 },
  sla_compliance_resolution: { warning: 0.9, alert: 0.8 },
  first_time_fix_rate: { warning: 0.8, alert: 0.7 },
  repeat_visit_rate: { warning: 0.15, alert: 0.25 },
  reopen_rate: { warning: 0.05, alert: 0.1 },
  complaint_rate: { warning: 2, alert: 5 },
  complaints_open_level_3: { warning: 1, alert: 3 },
  csat_mean: { warning: 4.2, alert: 3.8 },
  csat_satisfied_rate: { warning: 0.85, alert: 0.75 },
  engineer_load: { warning: 6, alert: 10 },
};

const HIGHER_IS_BETTER = new Map<string, boolean | null>(METRIC_CATALOG.map((metric) => [metric.id, metric.higherIsBetter]));

export function withOverrides(table: ThresholdTable, overrides: readonly ThresholdOverride[]): ThresholdTable {
  const merged = { ...table };
  for (const { metric, warning, alert } of overrides) merged[metric] = { warning, alert };
  return merged;
}

/**
 * The catalog says which way is good; a figure it calls neither (volume, staffing) reads its direction
 * from the thresholds themselves: an alert level above the warning level means higher is worse.
 */
function higherIsBetter(metric: MetricId, threshold: MetricThreshold): boolean {
  return HIGHER_IS_BETTER.get(metric) ?? threshold.alert < threshold.warning;
}

/** Higher-is-better figures are bad below a level; lower-is-better ones from reaching it. */
export function thresholdTone(metric: MetricId, value: number | null, table: ThresholdTable): ThresholdTone {
  const threshold = table[metric];
  if (value === null || threshold === undefined) return 'neutral';
  if (higherIsBetter(metric, threshold)) {
    if (value < threshold.alert) return 'alert';
    return value < threshold.warning ? 'warning' : 'good';
  }
  if (value >= threshold.alert) return 'alert';
  return value >= threshold.warning ? 'warning' : 'good';
}

/** The same three shapes as SLA states (circle, triangle, octagon), so a tone never rests on colour alone. */
export const TONE_SHAPE: Record<Exclude<ThresholdTone, 'neutral'>, SlaTone> = { good: 'ok', warning: 'warning', alert: 'breached' };
