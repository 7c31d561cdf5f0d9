import { METRIC_CATALOG, type MetricId } from '../../shared/metrics/metricCatalog';
import type { ThresholdOverride } from '../../shared/wall/wallQuery';
import type { SlaTone } from '../sla/slaTone';

/** How a figure stands against its thresholds; neutral where none is set or there is no figure. */
export type ThresholdTone = 'good' | 'warning' | 'alert' | 'neutral';

/**
 * Where a figure turns amber and where red, in its own unit; which side is bad comes from the catalog.
 * A count of open tickets may instead be judged as its share of the scope's open backlog (`of`), so a
 * network of 1,500 open tickets and a center of 30 read alike; red then also needs `minCount` tickets,
 * so one ticket at a small desk is amber, not an emergency.
 */
export interface MetricThreshold {
  warning: number;
  alert: number;
  of?: 'backlog';
  minCount?: number;
}

export type ThresholdTable = Partial<Record<MetricId, MetricThreshold>>;

/**
 * Defaults for the figures walls show. Shares of SLA clocks met follow the usual 90 / 80 % service
 * targets. Breached, at-risk and unassigned tickets are judged as shares of the open backlog: a
 * well-run network has 2–7 % of its open tickets past a promise (those that breach stay open longest)
 * and about a tenth in the last quarter of one (past the first warning, 75 % by default), so those
 * are no cause for a tone, neither a verdict nor a tick; a desk with about twice that is amber, and with about three times red.
 */
export const DEFAULT_THRESHOLDS: ThresholdTable = {
  breached_open: { warning: 0.08, alert: 0.12, of: 'backlog', minCount: 3 },
  at_risk_open: { warning: 0.2, alert: 0.3, of: 'backlog', minCount: 5 },
  unassigned_open: { warning: 0.1, alert: 0.25, of: 'backlog', minCount: 5 },
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
  engineer_load: { warning: 10, alert: 15 },
};

/**
 * Figures that are no achievement when low: a workload under its warning level is the normal run of a
 * center and reads neutral, so only a real overload draws the eye. Open tickets per engineer on shift
 * sit at 3–8 at the demo's well-staffed centers through the day (a center staffed to its demand at
 * about 60 % of what its team gets through), and at 10–28 at its two short-handed ones.
 */
const NEUTRAL_WHEN_NORMAL: ReadonlySet<MetricId> = new Set(['engineer_load']);

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

/**
 * Higher-is-better figures are bad below a level; lower-is-better ones from reaching it. A threshold
 * on the share of the backlog needs the scope's open backlog; without it the figure is not judged.
 */
export function thresholdTone(metric: MetricId, value: number | null, table: ThresholdTable, backlog?: number | null): ThresholdTone {
  const threshold = table[metric];
  if (value === null || threshold === undefined) return 'neutral';
  if (threshold.of === 'backlog') return shareTone(value, backlog ?? null, threshold);
  if (higherIsBetter(metric, threshold)) {
    if (value < threshold.alert) return 'alert';
    return value < threshold.warning ? 'warning' : 'good';
  }
  if (value >= threshold.alert) return 'alert';
  if (value >= threshold.warning) return 'warning';
  return NEUTRAL_WHEN_NORMAL.has(metric) ? 'neutral' : 'good';
}

/**
 * A share of the backlog is a level to raise amber or red at, not a target: below it the count of breached
 * or at-risk tickets has no verdict, so the wall never shows a tick beside breaches it alerts on.
 */
function shareTone(count: number, backlog: number | null, threshold: MetricThreshold): ThresholdTone {
  if (count === 0 || backlog === null || backlog <= 0) return 'neutral';
  const share = count / backlog;
  if (share >= threshold.alert && count >= (threshold.minCount ?? 1)) return 'alert';
  return share >= threshold.warning ? 'warning' : 'neutral';
}

/** The same three shapes as SLA states (circle, triangle, octagon), so a tone never rests on colour alone. */
export const TONE_SHAPE: Record<Exclude<ThresholdTone, 'neutral'>, SlaTone> = { good: 'ok', warning: 'warning', alert: 'breached' };
