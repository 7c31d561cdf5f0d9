import { describe, expect, it } from 'vitest';
import { BUILTIN_RULES, ruleSummary, ruleTitle } from './builtinRules';
import { renderRuleName, renderRuleSummary, thresholdFromTyped, thresholdText, thresholdToTyped } from './ruleText';

const centerCompliance = BUILTIN_RULES.find((rule) => rule.id === 'center-sla-compliance')!.definition;
const withThreshold = (threshold: number) => ({ ...centerCompliance, condition: { kind: 'threshold' as const, op: '<' as const, threshold } });

describe('a rule rendered from its definition', () => {
  it('names and summarises a built-in rule in both languages from its catalog label, scope, window and threshold', () => {
    expect(ruleTitle('center-sla-compliance', centerCompliance)).toEqual({ 'zh-CN': '服务中心解决时效达成率低于 85%', en: 'Center resolution SLA compliance below 85%' });
    expect(ruleSummary('center-sla-compliance', centerCompliance)).toEqual({
      'zh-CN': '服务中心近 24 小时解决时效达成率低于 85%',
      en: 'Resolution SLA compliance at the center below 85% over the last 24 hours',
    });
  });

  it('changes the words when the threshold changes, in both languages', () => {
    const edited = withThreshold(0.9);
    expect(ruleTitle('center-sla-compliance', edited)).toEqual({ 'zh-CN': '服务中心解决时效达成率低于 90%', en: 'Center resolution SLA compliance below 90%' });
    expect(ruleSummary('center-sla-compliance', edited).en).toBe('Resolution SLA compliance at the center below 90% over the last 24 hours');
    expect(ruleSummary('center-sla-compliance', edited)['zh-CN']).toBe('服务中心近 24 小时解决时效达成率低于 90%');
  });

  it('keeps a name and summary the author typed, and re-renders one saved as rendered', () => {
    const named = { ...withThreshold(0.8), name: 'Shanghai watch', summary: { 'zh-CN': '上海重点关注', en: 'Shanghai watch' } };
    expect(ruleTitle('my-rule', named)).toEqual({ 'zh-CN': 'Shanghai watch', en: 'Shanghai watch' });
    expect(ruleSummary('my-rule', named)).toEqual(named.summary);
    const rendered = { ...withThreshold(0.8), name: renderRuleName(withThreshold(0.8), 'en'), summary: { 'zh-CN': renderRuleSummary(withThreshold(0.8), 'zh-CN'), en: renderRuleSummary(withThreshold(0.8), 'en') } };
    expect(ruleTitle('my-rule', rendered)['zh-CN']).toBe('服务中心解决时效达成率低于 80%');
  });

  it('renders afresh a name and summary stored in the old spelling with a space before %, in English as 85%', () => {
    const stored = { ...centerCompliance, name: 'Center SLA compliance below 85 %', summary: { ...centerCompliance.summary, en: 'Resolution SLA compliance at the center below 85 % over the last 24 hours' } };
    expect(ruleTitle('center-sla-compliance', stored).en).toBe('Center resolution SLA compliance below 85%');
    expect(ruleSummary('center-sla-compliance', stored).en).toBe('Resolution SLA compliance at the center below 85% over the last 24 hours');
    expect(thresholdText('sla_compliance_resolution', 0.85, 'en')).toBe('85%');
  });

  it('words a change, a count above zero, a duration and a window-free figure', () => {
    const surge = BUILTIN_RULES.find((rule) => rule.id === 'backlog-surge')!.definition;
    expect(renderRuleName(surge, 'en')).toBe('Region open backlog up 30% or more within an hour');
    expect(renderRuleName(surge, 'zh-CN')).toBe('区域未结工单 1 小时内增长 30% 以上');
    const vip = BUILTIN_RULES.find((rule) => rule.id === 'vip-complaint')!.definition;
    expect(renderRuleSummary(vip, 'en')).toBe('Open complaints of VIP customers at the center');
    expect(renderRuleSummary(vip, 'zh-CN')).toBe('服务中心有VIP 客户未结投诉');
    expect(renderRuleName(vip, 'en')).toBe('Open complaints of VIP customers at the center');
    expect(renderRuleName(vip, 'zh-CN')).toBe('服务中心有VIP 客户未结投诉');
    expect(thresholdText('time_to_resolution_median', 2 * 3_600_000, 'en')).toBe('2 h');
    expect(thresholdText('time_to_resolution_median', 2 * 3_600_000, 'zh-CN')).toBe('2 小时');
  });

  it('types a fraction as a percentage and stores it as a fraction', () => {
    expect(thresholdToTyped('sla_compliance_resolution', 0.85)).toBe(85);
    expect(thresholdFromTyped('sla_compliance_resolution', 85)).toBe(0.85);
    expect(thresholdFromTyped('backlog_open', 12)).toBe(12);
    expect(thresholdFromTyped('time_to_resolution_median', 1.5)).toBe(5_400_000);
  });
});
