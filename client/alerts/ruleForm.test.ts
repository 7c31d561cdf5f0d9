import { describe, expect, it } from 'vitest';
import { BUILTIN_RULES, ruleSummary, ruleTitle } from '../../shared/alerts/builtinRules';
import { alertRuleDefinitionSchema } from '../../shared/alerts/ruleSchema';
import { emptyRuleForm, formOfRule, ruleOfForm } from './ruleForm';

describe('rule editor form', () => {
  it('gives back every built-in rule after a round trip through the form, its name and summary still rendered from it', () => {
    for (const { id, definition } of BUILTIN_RULES) {
      const view = { id, builtin: true, enabled: true, version: 1, updatedBy: 'system', updatedAt: '', definition };
      const again = alertRuleDefinitionSchema.parse(ruleOfForm(formOfRule(view)));
      expect({ ...again, name: definition.name, summary: definition.summary }).toEqual(definition);
      expect(ruleTitle(id, again)).toEqual(ruleTitle(id, definition));
      expect(ruleSummary(id, again)).toEqual(ruleSummary(id, definition));
    }
  });

  it('shows a fraction threshold in percent and stores what is typed as a fraction, renaming the rule to match', () => {
    const { definition } = BUILTIN_RULES.find((rule) => rule.id === 'center-sla-compliance')!;
    const form = formOfRule({ id: 'center-sla-compliance', builtin: true, enabled: true, version: 1, updatedBy: 'system', updatedAt: '', definition });
    expect(form.threshold).toBe(85);
    expect(form.name).toBe('');
    const saved = alertRuleDefinitionSchema.parse(ruleOfForm({ ...form, threshold: 90 }));
    expect(saved.condition).toEqual({ kind: 'threshold', op: '<', threshold: 0.9 });
    expect(ruleTitle('center-sla-compliance', saved).en).toBe('Center resolution SLA compliance below 90%');
  });

  it('keeps a name and summary the author typed', () => {
    const saved = ruleOfForm({ ...emptyRuleForm(), name: 'Night shift watch', summaryZh: '夜班关注', summaryEn: 'Night shift watch' });
    expect(saved.name).toBe('Night shift watch');
    expect(saved.summary).toEqual({ 'zh-CN': '夜班关注', en: 'Night shift watch' });
  });

  it('reads labels as name=value lines and a scope list as words', () => {
    const form = { ...emptyRuleForm(), scopeKind: 'list' as const, scopeList: 'center:sh-01, region:east\nnetwork', labels: 'team=east\n\n owner = 张伟 ' };
    expect(ruleOfForm(form)).toMatchObject({ scopes: { kind: 'list', scopes: ['center:sh-01', 'region:east', 'network'] }, labels: { team: 'east', owner: '张伟' } });
  });
});
