import { describe, expect, it } from 'vitest';
import { BUILTIN_RULES } from '../../shared/alerts/builtinRules';
import { alertRuleDefinitionSchema } from '../../shared/alerts/ruleSchema';
import { emptyRuleForm, formOfRule, ruleOfForm } from './ruleForm';

describe('rule editor form', () => {
  it('gives back every built-in rule unchanged after a round trip through the form', () => {
    for (const { id, definition } of BUILTIN_RULES) {
      const view = { id, builtin: true, enabled: true, version: 1, updatedBy: 'system', updatedAt: '', definition };
      expect(alertRuleDefinitionSchema.parse(ruleOfForm(formOfRule(view)))).toEqual(definition);
    }
  });

  it('reads labels as name=value lines and a scope list as words', () => {
    const form = { ...emptyRuleForm(), scopeKind: 'list' as const, scopeList: 'center:sh-01, region:east\nnetwork', labels: 'team=east\n\n owner = 张伟 ' };
    expect(ruleOfForm(form)).toMatchObject({ scopes: { kind: 'list', scopes: ['center:sh-01', 'region:east', 'network'] }, labels: { team: 'east', owner: '张伟' } });
  });
});
