import { describe, expect, it } from 'vitest';
import { SMALL_SAMPLE, medianOf, periodStart, starScore } from './scorecardCatalog';

describe('scorecard periods', () => {
  it('start at local Monday 00:00 and the local 1st, in the zone given', () => {
    // Tuesday 24 November 01:30 in Shanghai, still Monday 23:30 in Urumqi.
    const now = Date.parse('2026-11-23T17:30:00Z');
    expect(new Date(periodStart('week', now, 'Asia/Shanghai')).toISOString()).toBe('2026-11-22T16:00:00.000Z');
    expect(new Date(periodStart('week', now, 'Asia/Urumqi')).toISOString()).toBe('2026-11-22T18:00:00.000Z');
    expect(new Date(periodStart('month', now, 'Asia/Shanghai')).toISOString()).toBe('2026-10-31T16:00:00.000Z');
    // A Sunday belongs to the week that began six days before it.
    expect(new Date(periodStart('week', Date.parse('2026-11-29T12:00:00Z'), 'UTC')).toISOString()).toBe('2026-11-23T00:00:00.000Z');
  });
});

describe('the service star score', () => {
  const parts = { resolved_in_window: SMALL_SAMPLE, sla_compliance_resolution: 1, first_time_fix_rate: 0.5, csat_mean: 4, return_visit_rate: 1 };

  it('weighs its parts as points out of 100, CSAT as a share of 5', () => {
    expect(starScore(parts)).toBe(30 + 15 + 20 + 15);
  });

  it('is null below the small-sample floor or with a part unknown', () => {
    expect(starScore({ ...parts, resolved_in_window: SMALL_SAMPLE - 1 })).toBeNull();
    expect(starScore({ ...parts, csat_mean: null })).toBeNull();
  });

  it('takes the median as the middle value or the mean of the two middle ones', () => {
    expect(medianOf([])).toBeNull();
    expect(medianOf([3, 1, 2])).toBe(2);
    expect(medianOf([4, 1, 2, 3])).toBe(2.5);
  });
});
