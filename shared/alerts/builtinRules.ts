import type { Bilingual } from '../metrics/metricCatalog';
import { type RuleShape, renderBoth, renderRuleName, renderRuleSummary } from './ruleText';
import { type AlertRuleDefinition, type AlertRuleInput, type EscalationStep, alertRuleDefinitionSchema } from './ruleSchema';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The built-in rules, seeded once and editable like any other; an edited one is never overwritten. */
const BUILTIN_INPUTS: Record<string, AlertRuleInput> = {
  'region-sla-compliance': {
    name: 'Region SLA compliance below 90%',
    metric: 'sla_compliance_resolution', window: '1h', scopes: { kind: 'each', level: 'region' },
    condition: { kind: 'threshold', op: '<', threshold: 0.9 }, intervalMs: MINUTE, forMs: 10 * MINUTE, keepFiringForMs: 10 * MINUTE,
    severity: 'warning', labels: { category: 'sla' },
    summary: { 'zh-CN': '区域近 1 小时解决时效达成率低于 90%', en: 'Resolution SLA compliance in the region below 90% over the last hour' },
    runbook: 'Open the breach board for the region, find the centers with the most breaches, and move engineers or re-dispatch.',
    escalation: [{ level: 1, afterMs: 0 }, { level: 2, afterMs: 30 * MINUTE }, { level: 3, afterMs: 2 * HOUR }],
  },
  'center-sla-compliance': {
    name: 'Center SLA compliance below 85%',
    metric: 'sla_compliance_resolution', window: '24h', scopes: { kind: 'each', level: 'center' },
    condition: { kind: 'threshold', op: '<', threshold: 0.85 }, intervalMs: MINUTE, forMs: 10 * MINUTE, keepFiringForMs: 30 * MINUTE,
    severity: 'critical', labels: { category: 'sla' },
    summary: { 'zh-CN': '服务中心近 24 小时解决时效达成率低于 85%', en: 'Resolution SLA compliance at the center below 85% over the last 24 hours' },
    runbook: 'The center is failing its SLA as a whole: its breach groups are inhibited while this fires. Open the breach desk for the center, work the oldest breaches first, and ask the region for engineers.',
    escalation: [{ level: 1, afterMs: 0 }, { level: 2, afterMs: HOUR }, { level: 3, afterMs: 4 * HOUR }],
    // One problem, not one per metric: while the center as a whole is failing, its breach groups notify no one.
    inhibits: [{ targets: [{ name: 'rule', op: '=', value: 'sla.breach' }], equal: ['scope'] }],
  },
  'backlog-surge': {
    name: 'Backlog surge',
    metric: 'backlog_open', scopes: { kind: 'each', level: 'region' },
    condition: { kind: 'change', op: '>=', percent: 30, overMs: HOUR }, intervalMs: MINUTE, forMs: 5 * MINUTE,
    severity: 'warning', labels: { category: 'volume' },
    summary: { 'zh-CN': '区域未结工单 1 小时内增长 30% 以上', en: 'Open backlog in the region up 30% or more within an hour' },
    runbook: 'Check for a product or weather event behind the surge; call in standby engineers.',
  },
  'vip-complaint': {
    name: 'Complaint on a VIP customer',
    metric: 'vip_complaints_open', scopes: { kind: 'each', level: 'center' },
    condition: { kind: 'threshold', op: '>', threshold: 0 }, intervalMs: MINUTE,
    severity: 'critical', labels: { category: 'complaint' },
    summary: { 'zh-CN': 'VIP 客户有未结投诉', en: 'A VIP customer has an open complaint' },
    runbook: 'The center manager calls the customer within the hour and owns the complaint until it is closed.',
    escalation: [{ level: 1, afterMs: 0 }, { level: 2, afterMs: 15 * MINUTE }],
  },
  'complaint-unresolved-2d': {
    name: 'Complaint not resolved within 2 days',
    metric: 'complaints_open_over_2d', scopes: { kind: 'each', level: 'center' },
    condition: { kind: 'threshold', op: '>', threshold: 0 }, intervalMs: 5 * MINUTE,
    severity: 'critical', labels: { category: 'complaint' },
    summary: { 'zh-CN': '投诉超过 2 天未解决', en: 'A complaint has been open for more than 2 days' },
    runbook: 'Escalates: center team lead first, the regional manager after an hour, headquarters after four.',
    escalation: [{ level: 1, afterMs: 0 }, { level: 2, afterMs: HOUR }, { level: 3, afterMs: 4 * HOUR }],
  },
  'parts-wait-3d': {
    name: 'Waiting for parts over 3 days',
    metric: 'waiting_parts_over_3d', scopes: { kind: 'each', level: 'center' },
    condition: { kind: 'threshold', op: '>', threshold: 0 }, intervalMs: 5 * MINUTE,
    severity: 'warning', labels: { category: 'parts' },
    summary: { 'zh-CN': '有工单等待备件超过 3 天', en: 'Tickets have waited for parts for more than 3 days' },
    runbook: 'Chase the warehouse for the requests listed on the ticket; offer the customer a loan unit.',
  },
  'engineer-load': {
    name: 'Engineer load above 8',
    metric: 'engineer_load', scopes: { kind: 'each', level: 'center' },
    condition: { kind: 'threshold', op: '>', threshold: 8 }, intervalMs: MINUTE, forMs: 15 * MINUTE, keepFiringForMs: 15 * MINUTE,
    severity: 'warning', labels: { category: 'staffing' },
    summary: { 'zh-CN': '在岗工程师人均未结工单超过 8 单', en: 'More than 8 open tickets per engineer on shift' },
    runbook: 'Move engineers from a neighbouring center or extend the shift.',
  },
};

/** The built-in rules' names in both languages, shown while an admin has not renamed the rule. */
export const BUILTIN_RULE_NAMES: Record<string, Bilingual> = {
  'region-sla-compliance': { 'zh-CN': '区域 SLA 达成率低于 90%', en: 'Region SLA compliance below 90%' },
  'center-sla-compliance': { 'zh-CN': '服务中心 SLA 达成率低于 85%', en: 'Center SLA compliance below 85%' },
  'backlog-surge': { 'zh-CN': '未结工单激增', en: 'Backlog surge' },
  'vip-complaint': { 'zh-CN': 'VIP 客户投诉', en: 'Complaint on a VIP customer' },
  'complaint-unresolved-2d': { 'zh-CN': '投诉超过 2 天未解决', en: 'Complaint not resolved within 2 days' },
  'parts-wait-3d': { 'zh-CN': '等待备件超过 3 天', en: 'Waiting for parts over 3 days' },
  'engineer-load': { 'zh-CN': '工程师负荷超过 8 单', en: 'Engineer load above 8' },
};

type NamedRule = RuleShape & Pick<AlertRuleDefinition, 'name' | 'summary'>;

/** Names seeded or rendered before English percentages lost their space ("85 %") are still the generated ones. */
const unspaced = (text: string) => text.replace(/(\d) %/g, '$1%');

/**
 * A rule's name in both languages. Rendered from the rule while its name is the seeded one or one
 * rendered before (an edited threshold renames it); a name its author typed is kept, in both. Given
 * only a name, a built-in one's own while unchanged.
 */
export function ruleTitle(id: string, rule: string | NamedRule): Bilingual {
  if (typeof rule === 'string') {
    const builtin = BUILTIN_RULE_NAMES[id];
    return builtin && builtin.en === rule ? builtin : { 'zh-CN': rule, en: rule };
  }
  const rendered = renderBoth(renderRuleName, rule);
  const name = unspaced(rule.name);
  const generated = name === BUILTIN_INPUTS[id]?.name || name === rendered.en || name === rendered['zh-CN'];
  return generated ? rendered : { 'zh-CN': rule.name, en: rule.name };
}

/** A rule's summary: rendered while it is the seeded or a rendered one, else the author's own words. */
export function ruleSummary(id: string, rule: NamedRule): Bilingual {
  const rendered = renderBoth(renderRuleSummary, rule);
  const seeded = BUILTIN_INPUTS[id]?.summary;
  const same = (a: Bilingual | undefined) => a !== undefined && a.en === unspaced(rule.summary.en) && a['zh-CN'] === rule.summary['zh-CN'];
  return same(seeded) || same(rendered) ? rendered : rule.summary;
}

/**
 * Built-in rules retired since: `return-visits-overdue` counted exactly what the SLA breach groups of
 * return visits count, so every center with an overdue call had two alerts for one problem. A start
 * disables one still as seeded; one an admin has edited is theirs and stays.
 */
export const RETIRED_BUILTIN_RULES: readonly string[] = ['return-visits-overdue'];

export const BUILTIN_RULES: readonly { id: string; definition: AlertRuleDefinition }[] = Object.entries(BUILTIN_INPUTS).map(([id, input]) => ({
  id,
  definition: alertRuleDefinitionSchema.parse(input),
}));

/**
 * SLA breaches become alerts of this pseudo-rule, one instance per center, SLA metric and severity,
 * counting the clocks breached and still open there now. `sla.warning` groups are no longer made
 * (a clock nearing its due time is the breach desk's business, not a problem yet); the name stays
 * for the ones in the history.
 */
export const SLA_ALERT_RULES = {
  'sla.breach': { name: { 'zh-CN': 'SLA 超时', en: 'SLA breaches' } },
  'sla.warning': { name: { 'zh-CN': 'SLA 预警', en: 'SLA warnings' } },
} as const;
export type SlaAlertRuleId = keyof typeof SLA_ALERT_RULES;

export const SLA_LADDER: readonly EscalationStep[] = [{ level: 1, afterMs: 0 }, { level: 2, afterMs: HOUR }, { level: 3, afterMs: 4 * HOUR }];
/** Follow-up work (return visits, by the default policy) notifies once and never climbs. */
export const SLA_NO_ESCALATION: readonly EscalationStep[] = [{ level: 1, afterMs: 0 }];
