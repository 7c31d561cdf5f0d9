import { z } from 'zod';
import { CONTRACTS, CUSTOMER_TIERS, type Contract, type CustomerTier } from '../domain/vocabulary';
import { SLA_METRICS, type SlaMetric } from '../sla/slaPolicy';
import { ALERT_SEVERITIES } from './alertVocabulary';

/**
 * How SLA breaches become alerts: which severity a breached clock's group has, from its metric and
 * the customer's tier and contract. The first rule that matches wins; a field left out matches
 * anything. A breach no rule matches is a warning.
 */

const anyOf = <T extends z.ZodType>(item: T) => z.array(item).min(1, 'must list at least one value; leave the field out to match any').max(10).optional();

export const slaSeverityRuleSchema = z.strictObject({
  metrics: anyOf(z.enum(SLA_METRICS)),
  tiers: anyOf(z.enum(CUSTOMER_TIERS)),
  contracts: anyOf(z.enum(CONTRACTS)),
  severity: z.enum(ALERT_SEVERITIES),
  /** Whether the group climbs the escalation ladder while unacknowledged; follow-up work does not. */
  escalates: z.boolean().default(true),
});
export type SlaSeverityRule = z.output<typeof slaSeverityRuleSchema>;

export const slaAlertPolicySchema = z.strictObject({
  rules: z.array(slaSeverityRuleSchema).max(50),
});
export type SlaAlertPolicy = z.output<typeof slaAlertPolicySchema>;

const OPEN_WORK: SlaMetric[] = ['first_response', 'on_site', 'resolution'];

/** The policy: a VIP or 7×24×4 breach of open work is critical, other breaches warnings, return visits info that never escalate. */
export const DEFAULT_SLA_ALERT_POLICY: SlaAlertPolicy = slaAlertPolicySchema.parse({
  rules: [
    { metrics: ['return_visit'], severity: 'info', escalates: false },
    { metrics: OPEN_WORK, tiers: ['vip'], severity: 'critical' },
    { metrics: OPEN_WORK, contracts: ['7x24x4'], severity: 'critical' },
    { severity: 'warning' },
  ],
});

export interface BreachedClockKind {
  metric: SlaMetric;
  tier: CustomerTier;
  contract: Contract;
}

const FALLBACK: SlaSeverityRule = { severity: 'warning', escalates: true };

export function slaSeverityRuleFor(policy: SlaAlertPolicy, clock: BreachedClockKind): SlaSeverityRule {
  const allows = <T>(allowed: readonly T[] | undefined, value: T) => allowed === undefined || allowed.includes(value);
  return policy.rules.find((rule) => allows(rule.metrics, clock.metric) && allows(rule.tiers, clock.tier) && allows(rule.contracts, clock.contract)) ?? FALLBACK;
}
