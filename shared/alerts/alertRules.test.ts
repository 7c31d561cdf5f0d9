import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conditionHolds, percentChange } from './alertCondition';
import { canonicalLabels, fingerprintOf } from './alertLabels';
import { escalationLevelAt } from './escalation';
import { alertRuleDefinitionSchema, type AlertRuleInput } from './ruleSchema';
import { silenceActive, silenceMatches, silencedBy } from './silenceMatch';

const MINUTE = 60_000;

describe('conditions', () => {
  it('compares a figure with a threshold, each way', () => {
    expect(conditionHolds({ kind: 'threshold', op: '<', threshold: 0.9 }, 0.85, null)).toBe(true);
    expect(conditionHolds({ kind: 'threshold', op: '<', threshold: 0.9 }, 0.9, null)).toBe(false);
    expect(conditionHolds({ kind: 'threshold', op: '<=', threshold: 0.9 }, 0.9, null)).toBe(true);
    expect(conditionHolds({ kind: 'threshold', op: '>', threshold: 5 }, 5, null)).toBe(false);
    expect(conditionHolds({ kind: 'threshold', op: '>=', threshold: 5 }, 5, null)).toBe(true);
    expect(conditionHolds({ kind: 'threshold', op: '>', threshold: 5 }, null, null)).toBeNull();
  });

  it('measures a change in percent against the figure a window earlier', () => {
    const surge = { kind: 'change', op: '>=', percent: 30, overMs: 60 * MINUTE } as const;
    expect(conditionHolds(surge, 130, 100)).toBe(true);
    expect(conditionHolds(surge, 129, 100)).toBe(false);
    expect(conditionHolds(surge, 130, null)).toBeNull();
    expect(percentChange(0, 0)).toBe(0);
    expect(percentChange(0, 3)).toBeNull();
    expect(percentChange(-10, -5)).toBe(50);
  });
});

describe('fingerprints', () => {
  it('do not depend on label order and differ by rule and by any label', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 6 }), fc.string({ maxLength: 10 }), (labels, ruleId) => {
        const reversed = Object.fromEntries(Object.entries(labels).reverse());
        expect(fingerprintOf(ruleId, reversed)).toBe(fingerprintOf(ruleId, labels));
        expect(fingerprintOf(ruleId, labels)).toMatch(/^[0-9a-f]{16}$/);
        expect(canonicalLabels({ ...labels, zz_extra: 'x' })).not.toBe(canonicalLabels(labels));
      }),
    );
    expect(fingerprintOf('a', { scope: 'center:1' })).not.toBe(fingerprintOf('b', { scope: 'center:1' }));
    expect(fingerprintOf('a', { scope: 'center:1' })).not.toBe(fingerprintOf('a', { scope: 'center:2' }));
    // Label values holding separators cannot make two label sets read alike.
    expect(fingerprintOf('a', { x: 'y,z=w' })).not.toBe(fingerprintOf('a', { x: 'y', z: 'w' }));
  });
});

describe('silences', () => {
  const silence = { matchers: [{ name: 'scope', op: '=', value: 'center:sh-01' }, { name: 'severity', op: '!=', value: 'critical' }] as const, startsAt: 1000, endsAt: 2000 };

  it('match when every matcher agrees, a missing label reading as empty', () => {
    expect(silenceMatches(silence, { scope: 'center:sh-01', severity: 'warning' })).toBe(true);
    expect(silenceMatches(silence, { scope: 'center:sh-01', severity: 'critical' })).toBe(false);
    expect(silenceMatches(silence, { scope: 'center:sh-02', severity: 'warning' })).toBe(false);
    expect(silenceMatches(silence, { scope: 'center:sh-01' })).toBe(true);
    expect(silenceMatches({ ...silence, matchers: [{ name: 'team', op: '=', value: '' }] }, { scope: 'x' })).toBe(true);
  });

  it('are in force from their start to just before their end, and expire', () => {
    expect([999, 1000, 1999, 2000].map((now) => silenceActive(silence, now))).toEqual([false, true, true, false]);
    const labels = { scope: 'center:sh-01', severity: 'info' };
    expect(silencedBy([silence], labels, 1500)).toBe(silence);
    expect(silencedBy([silence], labels, 2500)).toBeNull();
  });
});

describe('escalation ladder', () => {
  const ladder = [{ level: 1, afterMs: 0 }, { level: 2, afterMs: 30 * MINUTE }, { level: 3, afterMs: 120 * MINUTE }] as const;
  it('climbs with time while unacknowledged and stops when acknowledged', () => {
    expect(escalationLevelAt(ladder, null, false, 0, 0)).toBe(0);
    expect(escalationLevelAt(ladder, 0, false, 0, 0)).toBe(1);
    expect(escalationLevelAt(ladder, 0, false, 1, 29 * MINUTE)).toBe(1);
    expect(escalationLevelAt(ladder, 0, false, 1, 30 * MINUTE)).toBe(2);
    expect(escalationLevelAt(ladder, 0, false, 2, 200 * MINUTE)).toBe(3);
    expect(escalationLevelAt(ladder, 0, true, 1, 200 * MINUTE)).toBe(1);
  });
});

describe('rule validation', () => {
  const valid: AlertRuleInput = {
    name: 'Region SLA compliance below 90%',
    metric: 'sla_compliance_resolution',
    scopes: { kind: 'each', level: 'region' },
    condition: { kind: 'threshold', op: '<', threshold: 0.9 },
    intervalMs: 60_000,
    severity: 'warning',
    summary: { 'zh-CN': '区域解决达成率低于 90%', en: 'Region resolution compliance below 90%' },
  };

  it('accepts a complete rule and fills the defaults', () => {
    const rule = alertRuleDefinitionSchema.parse(valid);
    expect(rule).toMatchObject({ window: '1h', forMs: 0, keepFiringForMs: 0, noData: 'normal', labels: {}, runbook: '', escalation: [{ level: 1, afterMs: 0 }] });
  });

  it('names each bad field with its reason', () => {
    const paths = (input: unknown) => alertRuleDefinitionSchema.safeParse(input).error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? [];
    expect(paths({ ...valid, metric: 'nope' })).toEqual(['metric: must be a metric of the catalog or an alert signal']);
    expect(paths({ ...valid, intervalMs: 5 })[0]).toMatch(/^intervalMs: the evaluation interval must be at least 10 s/);
    expect(paths({ ...valid, labels: { scope: 'x' } })).toEqual(["labels.scope: 'scope' is set by the engine and may not be a rule label"]);
    expect(paths({ ...valid, labels: { 'Bad Name': 'x' } })[0]).toMatch(/^labels.Bad Name: must be lower-case/);
    expect(paths({ ...valid, summary: { en: 'x' } })[0]).toMatch(/^summary.zh-CN/);
    expect(paths({ ...valid, scopes: { kind: 'list', scopes: ['planet:x'] } })[0]).toMatch(/^scopes.scopes.0: must be network/);
    expect(paths({ ...valid, escalation: [{ level: 2, afterMs: 0 }, { level: 1, afterMs: 60_000 }] })).toEqual(['escalation.1: levels must rise and delays must not fall from one step to the next']);
    expect(paths({ ...valid, extra: 1 })[0]).toMatch(/extra|Unrecognized/);
  });
});
