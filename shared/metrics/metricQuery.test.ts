import { describe, expect, it } from 'vitest';
import { metricScopeSchema, metricsQuerySchema, scopeText, windowStart } from './metricQuery';

const NOW = Date.parse('2026-11-23T17:30:00Z');

describe('metric query', () => {
  it('reads the four kinds of scope and writes them back the same way', () => {
    for (const text of ['network', 'region:east', 'center:sh-01', 'engineer:e-001']) expect(scopeText(metricScopeSchema.parse(text))).toBe(text);
    expect(metricScopeSchema.parse('engineer:e-001')).toEqual({ kind: 'engineer', id: 'e-001' });
    for (const text of ['', 'network:x', 'city:sh', 'center:', 'region:a:b', 'center:a b']) expect(metricScopeSchema.safeParse(text).success).toBe(false);
  });

  it('defaults to the network today and refuses other windows and fields', () => {
    expect(metricsQuerySchema.parse({})).toEqual({ scope: { kind: 'network' }, window: 'today' });
    expect(metricsQuerySchema.parse({ scope: 'center:sh-01', window: '7d' })).toEqual({ scope: { kind: 'center', id: 'sh-01' }, window: '7d' });
    expect(metricsQuerySchema.safeParse({ window: '2h' }).success).toBe(false);
    expect(metricsQuerySchema.safeParse({ by: 'priority' }).success).toBe(false);
  });

  it('starts today at local midnight in the zone given, and rolling windows back from now', () => {
    // 01:30 on the 24th in Shanghai, 23:30 on the 23rd in Urumqi.
    expect(new Date(windowStart('today', NOW, 'Asia/Shanghai')).toISOString()).toBe('2026-11-23T16:00:00.000Z');
    expect(new Date(windowStart('today', NOW, 'Asia/Urumqi')).toISOString()).toBe('2026-11-22T18:00:00.000Z');
    expect(windowStart('today', Date.parse('2026-11-23T16:00:00Z'), 'Asia/Shanghai')).toBe(Date.parse('2026-11-23T16:00:00Z'));
    expect(NOW - windowStart('1h', NOW, 'Asia/Urumqi')).toBe(3_600_000);
    expect(NOW - windowStart('30d', NOW, 'Asia/Shanghai')).toBe(30 * 86_400_000);
  });
});
