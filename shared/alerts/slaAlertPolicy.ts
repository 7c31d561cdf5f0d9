import { z } from 'zod';
import { CONTRACTS, CUSTOMER_TIERS, type Contract, type CustomerTier } from '../domain/vocabulary';
import { SLA_METRICS, type SlaMetric } from '../sla/slaPolicy';
import { ALERT_SEVERITIES, type AlertSeverity } from './alertVocabulary';

/**
 * How SLA breaches become alerts: which severity a breached clock's group has, from its metric and
 * the customer's tier and contract, and how its breaches are gathered. The first rule that matches
 * wins; a field left out matches anything. A breach no rule matches is a warning of its own center
 * and metric.
 */

const anyOf = <T extends z.ZodType>(item: T) => z.array(item).min(1, 'must list at least one value; leave the field out to match any').max(10).optional();

/**
 * Where a rule's breaches are gathered into one alert: one per center and SLA metric, one per center
 * for all the rule's metrics together, or one per top-level region (follow-up work a region works
 * through as one list).
 */
export const SLA_GROUPINGS = ['center_metric', 'center', 'region'] as const;
export type SlaGrouping = (typeof SLA_GROUPINGS)[number];

export const slaSeverityRuleSchema = z.strictObject({
  metrics: anyOf(z.enum(SLA_METRICS)),
  tiers: anyOf(z.enum(CUSTOMER_TIERS)),
  contracts: anyOf(z.enum(CONTRACTS)),
  severity: z.enum(ALERT_SEVERITIES),
  /** Whether the group climbs the escalation ladder while unacknowledged; follow-up work does not. */
  escalates: z.boolean().default(true),
  groupBy: z.enum(SLA_GROUPINGS).default('center_metric'),
  /**
   * How many clocks must be breached and open in a group before it fires. Once firing it stays until
   * none is left, so a group does not flap around the threshold. Every breach stays on the breach desk.
   */
  minCount: z.number().int().min(1, 'must be at least 1').max(1000, 'must be at most 1000').default(1),
});
export type SlaSeverityRule = z.output<typeof slaSeverityRuleSchema>;

export const slaAlertPolicySchema = z.strictObject({
  rules: z.array(slaSeverityRuleSchema).max(50),
});
export type SlaAlertPolicy = z.output<typeof slaAlertPolicySchema>;

const OPEN_WORK: SlaMetric[] = ['first_response', 'on_site', 'resolution'];

/**
 * The policy: a VIP or 7×24×4 breach of open work is critical at once, one alert per center;
 * other open-work breaches are one warning per top-level region from the second on, naming its
 * centers and their counts (a center with two late tickets of seventy is the breach desk's work, not
 * an alert of its own; a center failing as a whole has its compliance alert); overdue return visits
 * are one info alert per region that never escalates; complaint clocks warn per center and metric.
 */
export const DEFAULT_SLA_ALERT_POLICY: SlaAlertPolicy = slaAlertPolicySchema.parse({
  rules: [
    { metrics: ['return_visit'], severity: 'info', escalates: false, groupBy: 'region' },
    { metrics: OPEN_WORK, tiers: ['vip'], severity: 'critical', groupBy: 'center' },
    { metrics: OPEN_WORK, contracts: ['7x24x4'], severity: 'critical', groupBy: 'center' },
    { metrics: OPEN_WORK, severity: 'warning', groupBy: 'region', minCount: 2 },
    { severity: 'warning' },
  ],
});

export interface BreachedClockKind {
  metric: SlaMetric;
  tier: CustomerTier;
  contract: Contract;
}

const FALLBACK: SlaSeverityRule = { severity: 'warning', escalates: true, groupBy: 'center_metric', minCount: 1 };

export function slaSeverityRuleFor(policy: SlaAlertPolicy, clock: BreachedClockKind): SlaSeverityRule {
  const allows = <T>(allowed: readonly T[] | undefined, value: T) => allowed === undefined || allowed.includes(value);
  return policy.rules.find((rule) => allows(rule.metrics, clock.metric) && allows(rule.tiers, clock.tier) && allows(rule.contracts, clock.contract)) ?? FALLBACK;
}

/** The `metric` label of a group gathering several SLA metrics: the rule's metrics joined with `+`, or `any`. */
export const METRIC_JOINER = '+';
export const ANY_SLA_METRIC = 'any';

/** One breached open clock, where it is and what kind of customer waits. */
export interface BreachedClock extends BreachedClockKind {
  centerId: string;
}

/** One SLA alert group as it stands now: a scope text, a metric label and a severity, with how many clocks are breached and open in it. */
export interface SlaBreachGroup {
  scope: string;
  metric: string;
  severity: AlertSeverity;
  escalates: boolean;
  count: number;
  /** The group's clocks by center id, so a region's group can name where they are. */
  byCenter: Record<string, number>;
  /** Below this a group that is not firing yet does not start. */
  minCount: number;
}

function metricLabelOf(rule: SlaSeverityRule, clock: BreachedClock): string {
  if (rule.groupBy === 'center_metric') return clock.metric;
  return rule.metrics ? SLA_METRICS.filter((metric) => rule.metrics!.includes(metric)).join(METRIC_JOINER) : ANY_SLA_METRIC;
}

/**
 * Gathers breached open clocks into the policy's groups. `topRegionOf` names a center's top-level
 * region; a center without one is grouped on its own. Pure, so the engine and the tests agree.
 */
export function groupBreaches(policy: SlaAlertPolicy, clocks: Iterable<BreachedClock>, topRegionOf: (centerId: string) => string | null): SlaBreachGroup[] {
  const groups = new Map<string, SlaBreachGroup>();
  for (const clock of clocks) {
    const rule = slaSeverityRuleFor(policy, clock);
    const region = rule.groupBy === 'region' ? topRegionOf(clock.centerId) : null;
    const scope = region === null ? `center:${clock.centerId}` : `region:${region}`;
    const metric = metricLabelOf(rule, clock);
    const key = `${scope}|${metric}|${rule.severity}`;
    const group = groups.get(key);
    if (group) {
      group.count++;
      group.byCenter[clock.centerId] = (group.byCenter[clock.centerId] ?? 0) + 1;
      group.escalates ||= rule.escalates;
      group.minCount = Math.min(group.minCount, rule.minCount);
    } else groups.set(key, { scope, metric, severity: rule.severity, escalates: rule.escalates, count: 1, byCenter: { [clock.centerId]: 1 }, minCount: rule.minCount });
  }
  return [...groups.values()];
}

/**
 * Whose breaches a group of `metricLabel` and `severity` gathers, as the policy says: the tiers and
 * contracts its rules name, or null when a rule of that group takes every customer.
 */
export function customersOfGroup(policy: SlaAlertPolicy, metricLabel: string, severity: AlertSeverity): { tiers: CustomerTier[]; contracts: Contract[] } | null {
  const labels = (rule: SlaSeverityRule): readonly string[] =>
    rule.groupBy === 'center_metric' ? (rule.metrics ?? SLA_METRICS) : [metricLabelOf(rule, { metric: SLA_METRICS[0], centerId: '', tier: 'standard', contract: 'standard' })];
  const rules = policy.rules.filter((rule) => rule.severity === severity && labels(rule).includes(metricLabel));
  if (rules.length === 0 || rules.some((rule) => !rule.tiers && !rule.contracts)) return null;
  return { tiers: [...new Set(rules.flatMap((rule) => rule.tiers ?? []))], contracts: [...new Set(rules.flatMap((rule) => rule.contracts ?? []))] };
}
