import type { AlertHistoryEntry, AlertRuleView, AlertView, DeliveryView, SilenceView } from '../../shared/alerts/alertApi';
import { SLA_ALERT_RULES } from '../../shared/alerts/builtinRules';
import { silenceActive } from '../../shared/alerts/silenceMatch';
import { toIso } from '../../shared/time/isoInstant';
import type { StoredInstance } from './alertRepository';
import type { StoredDelivery } from './notificationRepository';
import type { StoredRule } from './ruleRepository';
import type { StoredSilence } from './silenceRepository';

const isoOrNull = (at: number | null) => (at === null ? null : toIso(at));

function ruleText(instance: StoredInstance, rule: StoredRule | undefined): Pick<AlertView, 'ruleName' | 'summary' | 'runbook'> {
  if (rule) return { ruleName: rule.definition.name, summary: rule.definition.summary, runbook: rule.definition.runbook };
  const sla = SLA_ALERT_RULES[instance.ruleId as keyof typeof SLA_ALERT_RULES];
  if (!sla) return { ruleName: instance.ruleId, summary: { 'zh-CN': `规则 ${instance.ruleId} 已删除`, en: `Rule ${instance.ruleId} was deleted` }, runbook: '' };
  const metric = instance.labels.metric ?? '';
  const breach = instance.ruleId === 'sla.breach';
  return {
    ruleName: sla.name,
    summary: {
      'zh-CN': `${breach ? 'SLA 超时' : 'SLA 预警'}（${metric}）：${instance.count} 次`,
      en: `${breach ? 'SLA breaches' : 'SLA warnings'} (${metric}): ${instance.count}`,
    },
    runbook: 'Open the breach board for this center and work the list from the oldest breach.',
  };
}

export function alertView(instance: StoredInstance, rule: StoredRule | undefined, silence: StoredSilence | null): AlertView {
  return {
    fingerprint: instance.fingerprint,
    ruleId: instance.ruleId,
    ...ruleText(instance, rule),
    scope: instance.scope,
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
  };
}

export function historyView(row: { at: number; kind: string; fromState: AlertHistoryEntry['fromState']; toState: AlertHistoryEntry['toState']; actor: string; comment: string | null; value: number | null; detail: Record<string, unknown> | null }): AlertHistoryEntry {
  return { ...row, at: toIso(row.at) };
}

export function ruleView(rule: StoredRule): AlertRuleView {
  return { id: rule.id, builtin: rule.builtin, enabled: rule.enabled, version: rule.version, updatedBy: rule.updatedBy, updatedAt: toIso(rule.updatedAt), definition: rule.definition };
}

export function silenceView(silence: StoredSilence, now: number): SilenceView {
  return {
    id: silence.id,
    matchers: silence.matchers,
    startsAt: toIso(silence.startsAt),
    endsAt: toIso(silence.endsAt),
    createdBy: silence.createdBy,
    comment: silence.comment,
    active: silenceActive(silence, now),
  };
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
