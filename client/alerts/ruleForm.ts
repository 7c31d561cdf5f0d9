import type { AlertRuleView } from '../../shared/alerts/alertApi';
import type { AlertSeverity } from '../../shared/alerts/alertVocabulary';
import { type AlertRuleInput, type Comparison, DEFAULT_MIN_SAMPLE } from '../../shared/alerts/ruleSchema';
import { ruleSummary, ruleTitle } from '../../shared/alerts/builtinRules';
import { type RuleShape, renderBoth, renderRuleName, renderRuleSummary, thresholdFromTyped, thresholdToTyped } from '../../shared/alerts/ruleText';
import type { MetricWindow } from '../../shared/metrics/metricQuery';

const MINUTE = 60_000;

/**
 * The rule editor's fields: a threshold in the metric's unit (85 for 85 %), a name or summary left
 * empty to be rendered from the rule (and follow its threshold), durations in minutes, labels as `name=value` lines, a list of scopes as text. */
export interface RuleForm {
  id: string;
  name: string;
  metric: string;
  window: MetricWindow;
  scopeKind: 'network' | 'region' | 'center' | 'engineer' | 'list';
  scopeList: string;
  conditionKind: 'threshold' | 'change';
  op: Comparison;
  threshold: number;
  overMinutes: number;
  intervalMinutes: number;
  forMinutes: number;
  keepFiringMinutes: number;
  /** Units a rate must be taken over before the rule judges it. */
  minSample: number;
  noData: 'nodata' | 'normal';
  severity: AlertSeverity;
  labels: string;
  summaryZh: string;
  summaryEn: string;
  runbook: string;
  /** Minutes after firing for levels 2 and 3; empty for no such level. */
  level2Minutes: number | null;
  level3Minutes: number | null;
  /** One inhibition a line: `matchers | equal labels`, e.g. `rule=sla.breach | scope`. */
  inhibits: string;
  enabled: boolean;
}

export function emptyRuleForm(): RuleForm {
  return {
    id: '', name: '', metric: 'backlog_open', window: '1h', scopeKind: 'center', scopeList: '', conditionKind: 'threshold', op: '>', threshold: 0,
    overMinutes: 60, intervalMinutes: 1, forMinutes: 5, keepFiringMinutes: 0, minSample: DEFAULT_MIN_SAMPLE, noData: 'normal', severity: 'warning', labels: '',
    summaryZh: '', summaryEn: '', runbook: '', level2Minutes: null, level3Minutes: null, inhibits: '', enabled: true,
  };
}

export function formOfRule(rule: AlertRuleView): RuleForm {
  const d = rule.definition;
  const level = (n: number) => d.escalation.find((step) => step.level === n);
  const minutes = (ms: number | undefined) => (ms === undefined ? null : ms / MINUTE);
  // A text the rule renders itself is left empty, so it follows the rule's edits.
  const title = ruleTitle(rule.id, d);
  const ownSummary = ruleSummary(rule.id, d) === d.summary;
  return {
    id: rule.id, name: title.en === d.name && title['zh-CN'] === d.name ? d.name : '', metric: d.metric, window: d.window,
    scopeKind: d.scopes.kind === 'each' ? d.scopes.level : d.scopes.kind,
    scopeList: d.scopes.kind === 'list' ? d.scopes.scopes.map((scope) => (scope.kind === 'network' ? 'network' : `${scope.kind}:${scope.id}`)).join('\n') : '',
    conditionKind: d.condition.kind, op: d.condition.op,
    threshold: d.condition.kind === 'threshold' ? thresholdToTyped(d.metric, d.condition.threshold) : d.condition.percent,
    overMinutes: d.condition.kind === 'change' ? d.condition.overMs / MINUTE : 60,
    intervalMinutes: d.intervalMs / MINUTE, forMinutes: d.forMs / MINUTE, keepFiringMinutes: d.keepFiringForMs / MINUTE, minSample: d.minSample ?? DEFAULT_MIN_SAMPLE, noData: d.noData, severity: d.severity,
    labels: Object.entries(d.labels).map(([name, value]) => `${name}=${value}`).join('\n'),
    summaryZh: ownSummary ? d.summary['zh-CN'] : '', summaryEn: ownSummary ? d.summary.en : '', runbook: d.runbook,
    level2Minutes: minutes(level(2)?.afterMs), level3Minutes: minutes(level(3)?.afterMs),
    inhibits: (d.inhibits ?? []).map((inhibition) => `${inhibition.targets.map((m) => `${m.name}${m.op}${m.value}`).join(', ')} | ${inhibition.equal.join(', ')}`).join('\n'),
    enabled: rule.enabled,
  };
}

/** What the API is sent; the server validates it and answers with each bad field. */
export function ruleOfForm(form: RuleForm): AlertRuleInput {
  const scopes: AlertRuleInput['scopes'] =
    form.scopeKind === 'network' ? { kind: 'network' }
    : form.scopeKind === 'list' ? { kind: 'list', scopes: form.scopeList.split(/[\s,]+/).filter(Boolean) }
    : { kind: 'each', level: form.scopeKind };
  const condition: AlertRuleInput['condition'] =
    form.conditionKind === 'threshold'
      ? { kind: 'threshold', op: form.op, threshold: thresholdFromTyped(form.metric, Number(form.threshold)) }
      : { kind: 'change', op: form.op, percent: Number(form.threshold), overMs: Number(form.overMinutes) * MINUTE };
  const labels = Object.fromEntries(
    form.labels.split('\n').map((line) => line.trim()).filter(Boolean).map((line) => {
      const at = line.indexOf('=');
      return at < 0 ? [line, ''] : [line.slice(0, at).trim(), line.slice(at + 1).trim()];
    }),
  );
  const escalation = [
    { level: 1 as const, afterMs: 0 },
    ...(form.level2Minutes === null || String(form.level2Minutes) === '' ? [] : [{ level: 2 as const, afterMs: Number(form.level2Minutes) * MINUTE }]),
    ...(form.level3Minutes === null || String(form.level3Minutes) === '' ? [] : [{ level: 3 as const, afterMs: Number(form.level3Minutes) * MINUTE }]),
  ];
  const inhibits = form.inhibits.split('\n').map((line) => line.trim()).filter(Boolean).map((line) => {
    const [targets = '', equal = ''] = line.split('|');
    return {
      targets: targets.split(',').map((text) => text.trim()).filter(Boolean).map((text) => {
        const match = /^([^!=]*)(!=|=)(.*)$/.exec(text);
        return match ? { name: match[1]!.trim(), op: match[2] as '=' | '!=', value: match[3]!.trim() } : { name: text, op: '=' as const, value: '' };
      }),
      equal: equal.split(',').map((name) => name.trim()).filter(Boolean),
    };
  });
  const shape = { metric: form.metric, window: form.window, scopes, condition } as RuleShape;
  const name = renderBoth(renderRuleName, shape).en;
  const summary = renderBoth(renderRuleSummary, shape);
  return {
    name: form.name.trim() || name, metric: form.metric as AlertRuleInput['metric'], window: form.window, scopes, condition,
    intervalMs: Number(form.intervalMinutes) * MINUTE, forMs: Number(form.forMinutes) * MINUTE, keepFiringForMs: Number(form.keepFiringMinutes) * MINUTE,
    minSample: Number(form.minSample), noData: form.noData, severity: form.severity, labels, summary: { 'zh-CN': form.summaryZh.trim() || summary['zh-CN'], en: form.summaryEn.trim() || summary.en }, runbook: form.runbook, escalation, inhibits,
  };
}
