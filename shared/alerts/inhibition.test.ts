import { describe, expect, it } from 'vitest';
import { inhibitedBy } from './inhibition';
import { DEFAULT_SLA_ALERT_POLICY, slaSeverityRuleFor } from './slaAlertPolicy';

const compliance = (scope: string) => ({
  fingerprint: `src-${scope}`, labels: { rule: 'center-sla-compliance', scope },
  inhibits: [{ targets: [{ name: 'rule', op: '=' as const, value: 'sla.breach' }], equal: ['scope'] }],
});
const group = (scope: string, metric: string) => ({ fingerprint: `${scope}-${metric}`, labels: { rule: 'sla.breach', scope, metric } });

describe('inhibition', () => {
  it('mutes the targets its matchers pick out that share the equal labels, and nothing else', () => {
    const muted = inhibitedBy([compliance('center:a')], [group('center:a', 'on_site'), group('center:a', 'resolution'), group('center:b', 'on_site'), { fingerprint: 'other', labels: { rule: 'vip-complaint', scope: 'center:a' } }]);
    expect(Object.fromEntries(muted)).toEqual({ 'center:a-on_site': 'src-center:a', 'center:a-resolution': 'src-center:a' });
  });

  it('never lets an alert mute itself, and mutes nothing without a source', () => {
    const self = { ...compliance('center:a'), inhibits: [{ targets: [{ name: 'rule', op: '=' as const, value: 'center-sla-compliance' }], equal: ['scope'] }] };
    expect(inhibitedBy([self], [self]).size).toBe(0);
    expect(inhibitedBy([], [group('center:a', 'on_site')]).size).toBe(0);
  });
});

describe('the default SLA alert policy', () => {
  it('makes VIP and 7×24×4 open-work breaches critical, other breaches warnings, and return visits info that never escalate', () => {
    const of = (metric: 'on_site' | 'resolution' | 'return_visit' | 'complaint_response', tier: 'vip' | 'standard', contract: 'standard' | '7x24x4') => {
      const rule = slaSeverityRuleFor(DEFAULT_SLA_ALERT_POLICY, { metric, tier, contract });
      return `${rule.severity}${rule.escalates ? '' : ' (no escalation)'}`;
    };
    expect(of('on_site', 'vip', 'standard')).toBe('critical');
    expect(of('resolution', 'standard', '7x24x4')).toBe('critical');
    expect(of('on_site', 'standard', 'standard')).toBe('warning');
    expect(of('complaint_response', 'vip', '7x24x4')).toBe('warning');
    expect(of('return_visit', 'vip', '7x24x4')).toBe('info (no escalation)');
  });
});
