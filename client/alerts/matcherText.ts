import type { AlertRuleView, SilenceView } from '../../shared/alerts/alertApi';
import { ruleTitle } from '../../shared/alerts/builtinRules';

type Translate = (key: string) => string;
type Matcher = SilenceView['matchers'][number];

/**
 * A silence's matcher as a person reads it: the label's name in words, and its value by name where
 * one is known (the scope's, the rule's, the SLA metric's, the severity's), never an id.
 */
export function matcherText(matcher: Matcher, silence: Pick<SilenceView, 'scopeName'>, rules: readonly AlertRuleView[], t: Translate, english: boolean): string {
  const value = (() => {
    if (matcher.name === 'scope') return matcher.op === '=' && silence.scopeName ? silence.scopeName : matcher.value;
    if (matcher.name === 'rule') {
      if (matcher.value === 'sla.breach') return t('alerts.filter.slaBreaches');
      const rule = rules.find((item) => item.id === matcher.value);
      return rule ? ruleTitle(rule.id, rule.definition.name)[english ? 'en' : 'zh-CN'] : matcher.value;
    }
    if (matcher.name === 'metric' && ['first_response', 'on_site', 'resolution', 'complaint_response', 'complaint_resolution', 'return_visit'].includes(matcher.value)) return t(`vocabulary.slaMetric.${matcher.value}`);
    if (matcher.name === 'severity' && ['info', 'warning', 'critical'].includes(matcher.value)) return t(`alerts.severity.${matcher.value}`);
    return matcher.value;
  })();
  const known = ['scope', 'rule', 'metric', 'severity'].includes(matcher.name);
  return `${known ? t(`alerts.silences.label.${matcher.name}`) : matcher.name} ${matcher.op === '=' ? '=' : '≠'} ${value}`;
}
