import { type Bilingual, METRIC_CATALOG, type MetricUnit } from '../metrics/metricCatalog';
import type { MetricWindow } from '../metrics/metricQuery';
import { ALERT_SIGNALS } from './alertSignals';
import type { AlertRuleDefinition, Comparison, ScopeSelector } from './ruleSchema';

/**
 * A rule's name and summary in both languages, rendered from what it reads and when it fires, so
 * they can never disagree with the rule: moving a threshold from 0.90 to 0.85 changes the words.
 * Thresholds are shown and typed in the metric's own unit (a fraction as a percentage, a duration
 * in hours), and stored as the catalog defines the figure.
 */

export type RuleLanguage = keyof Bilingual;
export type RuleShape = Pick<AlertRuleDefinition, 'metric' | 'window' | 'scopes' | 'condition'>;

/** A metric's unit; the alert signals are all counts. */
export function ruleMetricUnit(metric: string): MetricUnit {
  return METRIC_CATALOG.find((entry) => entry.id === metric)?.unit ?? 'count';
}

const HOUR_MS = 3_600_000;
/** How many stored units one typed unit is: 85 (%) is 0.85, 2 (h) is 7,200,000 ms. */
const TYPED_UNIT: Record<MetricUnit, number> = { count: 1, fraction: 0.01, per100: 1, ms: HOUR_MS, score: 1 };

/** A stored threshold as the editor shows it, rounded so 0.85 reads 85 and not 85.00000000000001. */
export function thresholdToTyped(metric: string, stored: number): number {
  return Number((stored / TYPED_UNIT[ruleMetricUnit(metric)]).toPrecision(12));
}

export function thresholdFromTyped(metric: string, typed: number): number {
  return Number((typed * TYPED_UNIT[ruleMetricUnit(metric)]).toPrecision(12));
}

/** The unit a threshold is typed in, for the editor's label; empty for plain numbers. */
export const TYPED_UNIT_LABEL: Record<MetricUnit, Bilingual> = {
  count: { 'zh-CN': '', en: '' },
  fraction: { 'zh-CN': '%', en: '%' },
  per100: { 'zh-CN': '每百单', en: 'per 100 tickets' },
  ms: { 'zh-CN': '小时', en: 'hours' },
  score: { 'zh-CN': '分', en: 'points' },
};

function number(value: number, language: RuleLanguage): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(value);
}

/** A threshold in words in its unit: "85%" (in both languages), "2 h", "每百单 1.5". */
export function thresholdText(metric: string, stored: number, language: RuleLanguage): string {
  const unit = ruleMetricUnit(metric);
  const typed = number(thresholdToTyped(metric, stored), language);
  const zh = language === 'zh-CN';
  switch (unit) {
    case 'fraction':
      return `${typed}%`;
    case 'ms':
      return zh ? `${typed} 小时` : `${typed} h`;
    case 'per100':
      return zh ? `每百单 ${typed}` : `${typed} per 100 tickets`;
    default:
      return typed;
  }
}

const OP_WORDS: Record<Comparison, Bilingual> = {
  '<': { 'zh-CN': '低于', en: 'below' },
  '<=': { 'zh-CN': '不高于', en: 'at or below' },
  '>': { 'zh-CN': '高于', en: 'above' },
  '>=': { 'zh-CN': '不低于', en: 'at or above' },
};

type ScopeKind = 'network' | 'region' | 'center' | 'engineer' | 'list';
const scopeKind = (scopes: ScopeSelector): ScopeKind => (scopes.kind === 'each' ? scopes.level : scopes.kind);
/** The scope a name starts with ("Center …") and the one a summary places the figure in ("… at the center"). */
const SCOPE_NAME: Record<ScopeKind, Bilingual> = {
  network: { 'zh-CN': '全网', en: 'Network' },
  region: { 'zh-CN': '区域', en: 'Region' },
  center: { 'zh-CN': '服务中心', en: 'Center' },
  engineer: { 'zh-CN': '工程师', en: 'Engineer' },
  list: { 'zh-CN': '', en: '' },
};
const SCOPE_PLACE: Record<ScopeKind, string> = {
  network: 'in the network', region: 'in the region', center: 'at the center', engineer: 'for the engineer', list: 'in the listed scopes',
};
const WINDOW_WORDS: Record<MetricWindow, Bilingual> = {
  today: { 'zh-CN': '今日', en: 'today' },
  '1h': { 'zh-CN': '近 1 小时', en: 'over the last hour' },
  '24h': { 'zh-CN': '近 24 小时', en: 'over the last 24 hours' },
  '7d': { 'zh-CN': '近 7 天', en: 'over the last 7 days' },
  '30d': { 'zh-CN': '近 30 天', en: 'over the last 30 days' },
};

function metricLabel(metric: string, language: RuleLanguage): string {
  return [...METRIC_CATALOG, ...ALERT_SIGNALS].find((entry) => entry.id === metric)?.label[language] ?? metric;
}

/** "Open backlog" after a scope word reads "Region open backlog"; "SLA …" keeps its capitals. */
const midSentence = (label: string) => (/^[A-Z][a-z]/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label);

function spanText(ms: number, language: RuleLanguage): string {
  const hours = ms / HOUR_MS;
  if (hours >= 1 && Number.isInteger(hours)) return language === 'zh-CN' ? `${hours} 小时` : hours === 1 ? 'an hour' : `${hours} hours`;
  const minutes = Math.round(ms / 60_000);
  return language === 'zh-CN' ? `${minutes} 分钟` : `${minutes} minutes`;
}

/** The condition in words, after the metric: "below 85%", "up 30% or more within an hour". */
function conditionText(rule: RuleShape, language: RuleLanguage): string {
  const condition = rule.condition;
  const zh = language === 'zh-CN';
  if (condition.kind === 'threshold') {
    return `${OP_WORDS[condition.op][language]} ${thresholdText(rule.metric, condition.threshold, language)}`;
  }
  const rising = condition.op === '>' || condition.op === '>=';
  const inclusive = condition.op === '>=' || condition.op === '<=';
  const size = number(Math.abs(condition.percent), language);
  const span = spanText(condition.overMs, language);
  if (rising === condition.percent >= 0) {
    if (zh) return ` ${span}内${rising ? '增长' : '下降'}${inclusive ? ' ' : '超过 '}${size}%${inclusive ? ' 以上' : ''}`;
    return `${rising ? 'up' : 'down'} ${inclusive ? '' : 'more than '}${size}%${inclusive ? ' or more' : ''} within ${span}`;
  }
  const signed = number(condition.percent, language);
  return zh ? ` ${span}内变化${OP_WORDS[condition.op][language]} ${signed}%` : `changing ${OP_WORDS[condition.op].en} ${signed}% within ${span}`;
}

/** Whether the figure depends on the rule's window (a current state or today's count does not). */
const readsWindow = (metric: string) => (METRIC_CATALOG.find((entry) => entry.id === metric)?.period ?? 'now') === 'window';

/** "Above 0" of a count is any at all, said as such: "有VIP 客户未结投诉", not "VIP 客户未结投诉至少 1". */
function anyAtAll(rule: RuleShape): boolean {
  const condition = rule.condition;
  return condition.kind === 'threshold' && condition.op === '>' && condition.threshold === 0 && ruleMetricUnit(rule.metric) === 'count';
}

/** The rule's name: scope, metric, condition ("Center resolution SLA compliance below 85 %"). */
export function renderRuleName(rule: RuleShape, language: RuleLanguage): string {
  const scope = SCOPE_NAME[scopeKind(rule.scopes)][language];
  const label = metricLabel(rule.metric, language);
  if (anyAtAll(rule)) return language === 'zh-CN' ? `${scope}有${label}` : `${label} ${SCOPE_PLACE[scopeKind(rule.scopes)]}`;
  if (language === 'zh-CN') return `${scope}${label}${conditionText(rule, language)}`;
  return `${scope ? `${scope} ${midSentence(label)}` : label} ${conditionText(rule, language)}`;
}

/** The rule's summary: the name's facts with where and over which window ("… at the center below 85% over the last 24 hours"). */
export function renderRuleSummary(rule: RuleShape, language: RuleLanguage): string {
  const kind = scopeKind(rule.scopes);
  const label = metricLabel(rule.metric, language);
  const window = readsWindow(rule.metric) ? WINDOW_WORDS[rule.window][language] : '';
  const condition = anyAtAll(rule) ? '' : conditionText(rule, language);
  if (language === 'zh-CN') return `${SCOPE_NAME[kind]['zh-CN'] || '所列范围'}${window}${anyAtAll(rule) ? '有' : ''}${label}${condition}`;
  return [label, SCOPE_PLACE[kind], condition, window].filter((part) => part !== '').join(' ');
}

export function renderBoth(render: (rule: RuleShape, language: RuleLanguage) => string, rule: RuleShape): Bilingual {
  return { 'zh-CN': render(rule, 'zh-CN'), en: render(rule, 'en') };
}
