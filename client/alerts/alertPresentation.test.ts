import { describe, expect, it } from 'vitest';
import type { AlertView } from '../../shared/alerts/alertApi';
import { ageFrom, isOpenAlert, splitAlerts } from './alertPresentation';

const alert = (fingerprint: string, fields: Partial<AlertView>): AlertView => ({
  fingerprint, ruleId: 'r', ruleName: { 'zh-CN': 'r', en: 'r' }, scope: 'network', scopeName: null, labels: {}, severity: 'warning', state: 'firing', value: 1, count: 0,
  stateSince: '2026-11-23T02:00:00.000Z', firingSince: '2026-11-23T02:00:00.000Z', resolvedAt: null, lastEvaluatedAt: '2026-11-23T02:00:00.000Z',
  error: null, summary: { 'zh-CN': 'x', en: 'x' }, runbook: '', acknowledgement: null, assignee: null, escalationLevel: 1, silence: null, inhibitedBy: null, ...fields,
});

describe('alert lists', () => {
  it('puts the most severe first, unacknowledged before acknowledged, then the oldest', () => {
    const acked = { by: 'm', at: '2026-11-23T02:10:00.000Z', comment: '' };
    const { firing, pending } = splitAlerts([
      alert('a', { severity: 'info' }),
      alert('b', { severity: 'critical', acknowledgement: acked }),
      alert('c', { severity: 'critical', firingSince: '2026-11-23T03:00:00.000Z' }),
      alert('d', { severity: 'critical' }),
      alert('e', { state: 'pending', firingSince: null }),
      alert('f', { state: 'nodata', severity: 'warning' }),
    ]);
    expect(firing.map((item) => item.fingerprint)).toEqual(['d', 'c', 'b', 'f', 'a']);
    expect(pending.map((item) => item.fingerprint)).toEqual(['e']);
  });

  it('counts age from the start of firing, or of the state for a pending alert', () => {
    expect(ageFrom(alert('a', { firingSince: null, stateSince: '2026-11-23T01:00:00.000Z' }))).toBe(Date.parse('2026-11-23T01:00:00.000Z'));
    expect(isOpenAlert(alert('a', { state: 'resolved' }))).toBe(false);
    expect(isOpenAlert(alert('a', { state: 'recovering' }))).toBe(true);
  });
});
