import type { Bilingual, MetricId } from '../metrics/metricCatalog';
import { wallTimeToEpoch } from '../time/zonedParse';
import { localDayKey } from '../time/zonedCalendar';

/**
 * An engineer's scorecard: catalog figures read over a calendar period for the engineer scope, process
 * beside outcome and never folded into one rank. Each figure's definition is the catalog's with "the
 * window" read as the period; its formula is written here once for the page and the wall alike.
 */

export const SCORECARD_PERIODS = ['week', 'month'] as const;
export type ScorecardPeriod = (typeof SCORECARD_PERIODS)[number];

export type ScorecardSide = 'process' | 'outcome';

export interface ScorecardFigure {
  metric: MetricId;
  side: ScorecardSide;
  formula: Bilingual;
}

export const SCORECARD_FIGURES = [
  { metric: 'resolved_in_window', side: 'process', formula: { 'zh-CN': '期内解决的工单数', en: 'count of tickets resolved in the period' } },
  { metric: 'sla_compliance_on_site', side: 'process', formula: { 'zh-CN': '达成 ÷（达成 + 超时），上门时钟', en: 'met ÷ (met + breached), on-site clocks' } },
  { metric: 'sla_compliance_resolution', side: 'process', formula: { 'zh-CN': '达成 ÷（达成 + 超时），解决时钟', en: 'met ÷ (met + breached), resolution clocks' } },
  { metric: 'return_visit_rate', side: 'process', formula: { 'zh-CN': '按时回访 ÷ 到期回访', en: 'visited in time ÷ return visits due' } },
  { metric: 'first_time_fix_rate', side: 'outcome', formula: { 'zh-CN': '仅上门一次 ÷ 上门解决的工单', en: 'one visit ÷ resolved tickets with a visit' } },
  { metric: 'repeat_visit_rate', side: 'outcome', formula: { 'zh-CN': '上门两次及以上 ÷ 上门解决的工单', en: 'two or more visits ÷ resolved tickets with a visit' } },
  { metric: 'complaint_rate', side: 'outcome', formula: { 'zh-CN': '期内投诉 ÷ 期内新建工单 × 100', en: 'complaints opened ÷ tickets created × 100' } },
  { metric: 'csat_mean', side: 'outcome', formula: { 'zh-CN': '回访评分（1–5）之和 ÷ 评分次数', en: 'sum of return-visit scores (1–5) ÷ number of scores' } },
] as const satisfies readonly ScorecardFigure[];

export type ScorecardMetricId = (typeof SCORECARD_FIGURES)[number]['metric'];

/** Below this many units a rate is shown with its n, in a neutral tone, and a star is not awarded on it. */
export const SMALL_SAMPLE = 10;

/**
 * 服务之星: a month's composite per engineer, with every part a share from 0 to 1 so the weights read
 * as points out of 100. Complaints and repeat visits already pull first-time fix and satisfaction down,
 * so they are not counted twice.
 */
export const STAR_WEIGHTS = [
  { metric: 'sla_compliance_resolution', weight: 30 },
  { metric: 'first_time_fix_rate', weight: 30 },
  { metric: 'csat_mean', weight: 25 },
  { metric: 'return_visit_rate', weight: 15 },
] as const satisfies readonly { metric: ScorecardMetricId; weight: number }[];

export const STAR_FORMULA: Bilingual = {
  'zh-CN': `综合分 = 30 × 解决时效达成率 + 30 × 一次修复率 + 25 × 满意度均分 ÷ 5 + 15 × 回访及时率；当月解决不少于 ${SMALL_SAMPLE} 单且各项均有数据者参评，每个服务中心取最高分`,
  en: `Score = 30 × resolution SLA compliance + 30 × first-time fix rate + 25 × CSAT mean ÷ 5 + 15 × return-visit rate; engineers with at least ${SMALL_SAMPLE} tickets resolved in the month and every part known take part; the highest score in each center wins`,
};

/** A star part as a share: CSAT is a 1–5 mean, read as a share of 5. */
function starShare(metric: (typeof STAR_WEIGHTS)[number]['metric'], value: number): number {
  return metric === 'csat_mean' ? value / 5 : value;
}

/** The composite out of 100; null when a part is unknown or the month's volume is below the small-sample floor. */
export function starScore(values: Partial<Record<MetricId, number | null>>): number | null {
  if ((values.resolved_in_window ?? 0) < SMALL_SAMPLE) return null;
  let score = 0;
  for (const { metric, weight } of STAR_WEIGHTS) {
    const value = values[metric];
    if (value === null || value === undefined) return null;
    score += weight * starShare(metric, value);
  }
  return Math.round(score * 10) / 10;
}

/** The middle value, or the mean of the two middle ones; null without values. */
export function medianOf(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Where the period that contains `now` starts in a zone: local Monday 00:00 for a week, the 1st for a month. */
export function periodStart(period: ScorecardPeriod, now: number, timeZone: string): number {
  const [year, month, day] = localDayKey(now, timeZone).split('-').map(Number) as [number, number, number];
  if (period === 'month') return wallTimeToEpoch({ year, month, day: 1, hour: 0, minute: 0 }, timeZone);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  const monday = new Date(Date.UTC(year, month - 1, day - ((weekday + 6) % 7)));
  return wallTimeToEpoch({ year: monday.getUTCFullYear(), month: monday.getUTCMonth() + 1, day: monday.getUTCDate(), hour: 0, minute: 0 }, timeZone);
}
