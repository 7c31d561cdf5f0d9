import type { AlertRuleView, SilenceView } from '../../shared/alerts/alertApi';
import { BUILTIN_RULE_NAMES, ruleTitle } from '../../shared/alerts/builtinRules';
import { ANY_SLA_METRIC, METRIC_JOINER } from '../../shared/alerts/slaAlertPolicy';
import { METRIC_CATALOG } from '../../shared/metrics/metricCatalog';
import { SLA_METRICS } from '../../shared/sla/slaPolicy';

type Translate = (key: string) => string;
type Matcher = SilenceView['matchers'][number];

/** An alert's metric label in words: a catalog metric, an SLA metric, several joined with +, or any SLA metric. */
export function metricLabelText(value: string, t: Translate, english: boolean): string {
  const parts = value.split(METRIC_JOINER);
  if (parts.every((part) => (SLA_METRICS as readonly string[]).includes(part))) return parts.map((part) => t(`vocabulary.slaMetric.${part}`)).join('/');
  if (value === ANY_SLA_METRIC) return 'SLA';
  return METRIC_CATALOG.find((entry) => entry.id === value)?.label[english ? 'en' : 'zh-CN'] ?? value;
}

/** A notification group (`rule|metric`) in words: the rule's name where it is known, and its metric. */
export function groupKeyText(key: string, rules: readonly AlertRuleView[], t: Translate, english: boolean): string {
  const [ruleId = '', metric = ''] = key.split('|');
  const rule = rules.find((item) => item.id === ruleId);
  const ruleName = ruleId === 'sla.breach' ? t('alerts.filter.slaBreaches') : rule ? ruleTitle(rule.id, rule.definition)[english ? 'en' : 'zh-CN'] : (BUILTIN_RULE_NAMES[ruleId]?.[english ? 'en' : 'zh-CN'] ?? ruleId);
  return `${ruleName} · ${metricLabelText(metric, t, english)}`;
}

/**
 * A silence's matcher as a person reads it: the label's name in words, and its value by name where
 * one is known (the scope's, the rule's, the SLA metric's, the severity's), never an id.
 */
export function matcherText(matcher: Matcher, silence: Pick<SilenceView, 'scopeName' | 'scopeNameEn'>, rules: readonly AlertRuleView[], t: Translate, english: boolean): string {
  const value = (() => {
    if (matcher.name === 'within' && matcher.value === 'network') return t('alerts.network');
    if (matcher.name === 'scope' || matcher.name === 'within') return matcher.op === '=' && silence.scopeName ? (english && silence.scopeNameEn) || silence.scopeName : matcher.value;
    if (matcher.name === 'rule') {
      if (matcher.value === 'sla.breach') return t('alerts.filter.slaBreaches');
      const rule = rules.find((item) => item.id === matcher.value);
      return rule ? ruleTitle(rule.id, rule.definition)[english ? 'en' : 'zh-CN'] : matcher.value;
    }
    if (matcher.name === 'metric') return metricLabelText(matcher.value, t, english);
    if (matcher.name === 'severity' && ['info', 'warning', 'critical'].includes(matcher.value)) return t(`alerts.severity.${matcher.value}`);
    return matcher.value;
  })();
  const known = ['scope', 'within', 'rule', 'metric', 'severity'].includes(matcher.name);
  return `${known ? t(`alerts.silences.label.${matcher.name}`) : matcher.name} ${matcher.op === '=' ? '=' : '≠'} ${value}`;
}
