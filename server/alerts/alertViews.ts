import type { AlertHistoryEntry, AlertRuleView, AlertView, DeliveryView, SlaAlertPolicyView } from '../../shared/alerts/alertApi';
import { ANY_SLA_METRIC, METRIC_JOINER, type SlaAlertPolicy, customersOfGroup } from '../../shared/alerts/slaAlertPolicy';
import { SLA_ALERT_RULES, ruleSummary, ruleTitle } from '../../shared/alerts/builtinRules';
import type { Bilingual } from '../../shared/metrics/metricCatalog';
import { toIso } from '../../shared/time/isoInstant';
import type { StoredInstance } from './alertRepository';
import type { StoredDelivery } from './notificationRepository';
import type { StoredRule } from './ruleRepository';
import type { StoredSilence } from './silenceRepository';

const isoOrNull = (at: number | null) => (at === null ? null : toIso(at));

const SLA_METRIC_NAMES: Record<string, Bilingual> = {
  first_response: { 'zh-CN': '首次响应', en: 'first response' },
  on_site: { 'zh-CN': '上门', en: 'on site' },
  resolution: { 'zh-CN': '解决', en: 'resolution' },
  complaint_response: { 'zh-CN': '投诉响应', en: 'complaint response' },
  complaint_resolution: { 'zh-CN': '投诉解决', en: 'complaint resolution' },
  complaint_escalation: { 'zh-CN': '投诉升级', en: 'complaint escalation' },
  return_visit: { 'zh-CN': '回访', en: 'return visit' },
};

/** A group's metric label in words: one SLA metric, several joined with `+`, or any. */
function slaMetricNames(label: string): Bilingual {
  if (label === ANY_SLA_METRIC) return { 'zh-CN': 'SLA', en: 'SLA' };
  const parts = label.split(METRIC_JOINER).map((metric) => SLA_METRIC_NAMES[metric] ?? { 'zh-CN': metric, en: metric });
  // Words, not a slash list, read across a room: "first response, on site or resolution".
  const listed = (words: string[], comma: string, or: string) => (words.length < 2 ? words.join('') : `${words.slice(0, -1).join(comma)}${or}${words.at(-1)}`);
  return { 'zh-CN': listed(parts.map((part) => part['zh-CN']), '、', '或'), en: listed(parts.map((part) => part.en), ', ', ' or ') };
}

export interface AlertNames {
  scope: (scope: string) => string | null;
  /** A scope's English name, where the organisation gave one. */
  scopeEn?: (scope: string) => string | null;
  rule: (id: string) => StoredRule | undefined;
  /** An open SLA group's breached open clocks by center id; null for other alerts. */
  slaByCenter?: (fingerprint: string) => Readonly<Record<string, number>> | null;
  /** The SLA alert policy in force, to say whose breaches a group gathers. */
  slaPolicy?: () => SlaAlertPolicy;
}

const TIER_NAMES: Record<string, Bilingual> = { vip: { 'zh-CN': 'VIP', en: 'VIP' }, key: { 'zh-CN': '重点', en: 'key' }, standard: { 'zh-CN': '标准', en: 'standard' } };
const CONTRACT_NAMES: Record<string, string> = { standard: 'standard', '5x9': '5×9', '7x24x8': '7×24×8', '7x24x4': '7×24×4' };

/** `VIP 或 7×24×4 客户` / `VIP or 7×24×4 customers`: whose breaches a group gathers, when the policy limits it; null for everyone's. */
function customersText(instance: StoredInstance, names: AlertNames): Bilingual | null {
  const customers = names.slaPolicy && customersOfGroup(names.slaPolicy(), instance.labels.metric ?? '', instance.severity);
  if (!customers) return null;
  const parts = [...customers.tiers.map((tier) => TIER_NAMES[tier]!), ...customers.contracts.map((contract) => ({ 'zh-CN': CONTRACT_NAMES[contract]!, en: CONTRACT_NAMES[contract]! }))];
  return { 'zh-CN': `${parts.map((part) => part['zh-CN']).join(' 或 ')} 客户`, en: `${parts.map((part) => part.en).join(' or ')} customers` };
}

/** A scope's English name goes with its name only where the organisation gave one. */
function englishName(names: AlertNames, scope: string): { scopeNameEn?: string } {
  const nameEn = names.scopeEn?.(scope) ?? null;
  return nameEn === null ? {} : { scopeNameEn: nameEn };
}

type BreachCenters = NonNullable<AlertView['breachCenters']> | null;

/** How many centers a region group's summary names before it says how many more there are. */
const CENTERS_NAMED = 3;

/** A region's SLA group: its centers by name, most breaches first, every one of them. */
function breachCenters(instance: StoredInstance, names: AlertNames): BreachCenters {
  const byCenter = instance.scope.startsWith('region:') ? names.slaByCenter?.(instance.fingerprint) : null;
  if (!byCenter) return null;
  return Object.entries(byCenter)
    .map(([centerId, count]) => ({ scope: `center:${centerId}`, scopeName: names.scope(`center:${centerId}`) ?? centerId, ...englishName(names, `center:${centerId}`), count }))
    .sort((a, b) => b.count - a.count || a.scopeName.localeCompare(b.scopeName, 'zh-CN'));
}

/**
 * `，分布于 5 个服务中心：上海浦东（12）、杭州（8）、南京（3）等` / ` at 5 centers: Shanghai Pudong Center (12), …, and 2 more`:
 * where a region group's clocks are; the count in brackets, since a bare number after a name read as part of it.
 */
function centersText(centers: NonNullable<BreachCenters>): Bilingual {
  const named = centers.slice(0, CENTERS_NAMED);
  const more = centers.length - named.length;
  const zhList = named.map((center) => `${center.scopeName}（${center.count}）`).join('、');
  const enList = named.map((center) => `${center.scopeNameEn ?? center.scopeName} (${center.count})`).join(', ');
  return {
    'zh-CN': `，分布于 ${centers.length} 个服务中心：${zhList}${more > 0 ? ` 等` : ''}`,
    en: ` at ${centers.length} ${centers.length === 1 ? 'center' : 'centers'}: ${enList}${more > 0 ? `, and ${more} more` : ''}`,
  };
}

/** A rule's name as it reads now, in both languages: its own or an SLA group's; none once it is deleted. */
function ruleNameIfKept(ruleId: string, rule: StoredRule | undefined): Bilingual | undefined {
  return rule ? ruleTitle(rule.id, rule.definition) : SLA_ALERT_RULES[ruleId as keyof typeof SLA_ALERT_RULES]?.name;
}

function ruleNameNow(ruleId: string, rule: StoredRule | undefined): Bilingual {
  return ruleNameIfKept(ruleId, rule) ?? { 'zh-CN': ruleId, en: ruleId };
}

const isBilingual = (value: unknown): value is Bilingual =>
  typeof value === 'object' && value !== null && typeof (value as Bilingual)['zh-CN'] === 'string' && typeof (value as Bilingual).en === 'string';

function ruleText(instance: StoredInstance, rule: StoredRule | undefined, centers: BreachCenters = null, whose: Bilingual | null = null): Pick<AlertView, 'ruleName' | 'summary' | 'runbook'> {
  const ruleName = ruleNameNow(instance.ruleId, rule);
  if (rule) return { ruleName, summary: ruleSummary(rule.id, rule.definition), runbook: rule.definition.runbook };
  const sla = SLA_ALERT_RULES[instance.ruleId as keyof typeof SLA_ALERT_RULES];
  if (!sla) return { ruleName, summary: { 'zh-CN': `规则 ${instance.ruleId} 已删除`, en: `Rule ${instance.ruleId} was deleted` }, runbook: '' };
  const metric = slaMetricNames(instance.labels.metric ?? '');
  const breach = instance.ruleId === 'sla.breach';
  return {
    ruleName,
    summary: breach
      ? withCenters({
          // The severity is the alert's badge beside the text everywhere it is shown; the sentence does not say it again.
          'zh-CN': `${whose ? `${whose['zh-CN']}的` : ''}${metric['zh-CN']}超时未完成：当前 ${instance.count} 个`,
          en: `${instance.count} ${metric.en} ${instance.count === 1 ? 'clock' : 'clocks'}${whose ? ` of ${whose.en}` : ''} breached and still open`,
        }, centers)
      : { 'zh-CN': `SLA 预警（${metric['zh-CN']}）：${instance.count} 次`, en: `SLA warnings (${metric.en}): ${instance.count}` },
    runbook: `Open the breach desk (/sla) for this ${instance.scope.startsWith('region:') ? 'region' : 'center'} and work the list from the oldest breach. The count is what is breached and open now; the alert resolves when it reaches zero.`,
  };
}

function withCenters(summary: Bilingual, centers: BreachCenters): Bilingual {
  if (!centers || centers.length === 0) return summary;
  const where = centersText(centers);
  return { 'zh-CN': summary['zh-CN'] + where['zh-CN'], en: summary.en + where.en };
}

export function alertView(instance: StoredInstance, names: AlertNames, silence: StoredSilence | null, inhibitor: StoredInstance | null): AlertView {
  const rule = names.rule(instance.ruleId);
  const centers = breachCenters(instance, names);
  return {
    fingerprint: instance.fingerprint,
    ruleId: instance.ruleId,
    ...ruleText(instance, rule, centers, instance.ruleId === 'sla.breach' ? customersText(instance, names) : null),
    breachCenters: centers,
    scope: instance.scope,
    scopeName: names.scope(instance.scope),
    ...englishName(names, instance.scope),
    labels: instance.labels,
    severity: instance.severity,
    state: instance.state,
    value: instance.value,
    count: instance.count,
    stateSince: toIso(instance.stateSince),
    firingSince: isoOrNull(instance.firingSince),
    resolvedAt: isoOrNull(instance.resolvedAt),
    lastEvaluatedAt: toIso(instance.lastEvaluatedAt),
    error: instance.error,
    acknowledgement:
      instance.acknowledgedBy === null || instance.acknowledgedAt === null
        ? null
        : { by: instance.acknowledgedBy, at: toIso(instance.acknowledgedAt), comment: instance.acknowledgeComment ?? '' },
    assignee: instance.assignee,
    escalationLevel: instance.escalationLevel,
    silence: silence && { id: silence.id, createdBy: silence.createdBy, comment: silence.comment, endsAt: toIso(silence.endsAt) },
    inhibitedBy: inhibitor && { fingerprint: inhibitor.fingerprint, ruleName: ruleText(inhibitor, names.rule(inhibitor.ruleId)).ruleName, scopeName: names.scope(inhibitor.scope), ...englishName(names, inhibitor.scope) },
  };
}

type HistoryRow = { at: number; kind: string; fromState: AlertHistoryEntry['fromState']; toState: AlertHistoryEntry['toState']; actor: string; comment: string | null; value: number | null; detail: Record<string, unknown> | null };

/**
 * A history entry as the screen shows it. An inhibition names its inhibitor's rule as it reads now, from the
 * rule it records (or, in an entry written before it recorded one, the inhibiting alert's), so one renamed or
 * respelled since ('85 %' → '85%') reads as the alert list names it; once that rule is deleted, by the name
 * recorded with it. `inhibitorRule` finds the rule an inhibiting alert is of.
 */
export function historyView(row: HistoryRow, names: Pick<AlertNames, 'rule'>, inhibitorRule: (fingerprint: string) => string | undefined): AlertHistoryEntry {
  const entry = { ...row, at: toIso(row.at) };
  const detail = row.detail;
  if (row.kind !== 'inhibit' || !detail) return entry;
  const ruleId = typeof detail.ruleId === 'string' ? detail.ruleId : typeof detail.by === 'string' ? inhibitorRule(detail.by) : undefined;
  const now = ruleId === undefined ? undefined : ruleNameIfKept(ruleId, names.rule(ruleId));
  if (now) return { ...entry, detail: { ...detail, ruleName: now } };
  // Entries written between recording the id and recording the name have nothing else to name the rule by.
  return isBilingual(detail.ruleName) || ruleId === undefined ? entry : { ...entry, detail: { ...detail, ruleName: ruleNameNow(ruleId, undefined) } };
}

export function ruleView(rule: StoredRule): AlertRuleView {
  return { id: rule.id, builtin: rule.builtin, enabled: rule.enabled, version: rule.version, updatedBy: rule.updatedBy, updatedAt: toIso(rule.updatedAt), definition: rule.definition };
}

/** The SLA alert policy in force, and who last changed it (null while the default applies). */
export function slaPolicyView(alerting: { slaPolicy: { current(): { policy: SlaAlertPolicy; updatedBy: string | null; updatedAt: number | null } } }): SlaAlertPolicyView {
  const { policy, updatedBy, updatedAt } = alerting.slaPolicy.current();
  return { policy, updatedBy, updatedAt: isoOrNull(updatedAt) };
}

/** A delivery log row without its body: how many alerts it carried is what the log needs to show. */
export function deliveryView({ payload, createdAt, deliveredAt, nextAttemptAt, ...rest }: StoredDelivery): DeliveryView {
  return {
    ...rest,
    createdAt: toIso(createdAt),
    deliveredAt: isoOrNull(deliveredAt),
    nextAttemptAt: isoOrNull(nextAttemptAt),
    alertCount: (JSON.parse(payload) as { alerts: unknown[] }).alerts.length,
  };
}
