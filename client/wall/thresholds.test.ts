import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, thresholdTone, withOverrides } from './thresholds';

describe('thresholdTone', () => {
  it('reads lower-is-better figures as bad from reaching each level', () => {
    expect(thresholdTone('complaint_rate', 1.3, DEFAULT_THRESHOLDS)).toBe('good');
    expect(thresholdTone('complaint_rate', 2, DEFAULT_THRESHOLDS)).toBe('warning');
    expect(thresholdTone('complaint_rate', 5, DEFAULT_THRESHOLDS)).toBe('alert');
  });

  it('judges breached, at-risk and unassigned tickets by their share of the backlog, whatever the size of the scope, and never calls them on target', () => {
    // A well-run network: 1,465 open, 45 breached (3 %), 160 at risk (11 %), 60 unassigned (4 %).
    expect(thresholdTone('breached_open', 45, DEFAULT_THRESHOLDS, 1465)).toBe('neutral');
    expect(thresholdTone('at_risk_open', 160, DEFAULT_THRESHOLDS, 1465)).toBe('neutral');
    // Half the network's tickets past half their promise was at risk before issue 19; past three quarters it is a desk behind.
    expect(thresholdTone('at_risk_open', 330, DEFAULT_THRESHOLDS, 1465)).toBe('warning');
    expect(thresholdTone('unassigned_open', 60, DEFAULT_THRESHOLDS, 1465)).toBe('neutral');
    // A center in trouble: 48 open, 9 breached (19 %), 24 at risk (50 %).
    expect(thresholdTone('breached_open', 9, DEFAULT_THRESHOLDS, 48)).toBe('alert');
    expect(thresholdTone('at_risk_open', 24, DEFAULT_THRESHOLDS, 48)).toBe('alert');
    // A center a little behind: 40 open, 4 breached (10 %); the network's 6 % is the normal run of things.
    expect(thresholdTone('breached_open', 4, DEFAULT_THRESHOLDS, 40)).toBe('warning');
    // The demo's center short of engineers: 71 open, 9 breached (12.7 %).
    expect(thresholdTone('breached_open', 9, DEFAULT_THRESHOLDS, 71)).toBe('alert');
    expect(thresholdTone('breached_open', 110, DEFAULT_THRESHOLDS, 1800)).toBe('neutral');
    // The same count that is a crisis at a small center is nothing on the network.
    expect(thresholdTone('breached_open', 12, DEFAULT_THRESHOLDS, 60)).toBe('alert');
    expect(thresholdTone('breached_open', 12, DEFAULT_THRESHOLDS, 1465)).toBe('neutral');
  });

  it('does not call one ticket at a small desk an emergency, and judges no share without the backlog', () => {
    expect(thresholdTone('breached_open', 1, DEFAULT_THRESHOLDS, 4)).toBe('warning');
    expect(thresholdTone('breached_open', 2, DEFAULT_THRESHOLDS, 4)).toBe('warning');
    expect(thresholdTone('breached_open', 0, DEFAULT_THRESHOLDS, 0)).toBe('neutral');
    expect(thresholdTone('breached_open', 0, DEFAULT_THRESHOLDS)).toBe('neutral');
    expect(thresholdTone('breached_open', 3, DEFAULT_THRESHOLDS)).toBe('neutral');
  });

  it('reads higher-is-better figures as bad below each level', () => {
    expect(thresholdTone('sla_compliance_resolution', 0.95, DEFAULT_THRESHOLDS)).toBe('good');
    expect(thresholdTone('sla_compliance_resolution', 0.9, DEFAULT_THRESHOLDS)).toBe('good');
    expect(thresholdTone('sla_compliance_resolution', 0.85, DEFAULT_THRESHOLDS)).toBe('warning');
    expect(thresholdTone('sla_compliance_resolution', 0.79, DEFAULT_THRESHOLDS)).toBe('alert');
  });

  it('is neutral without a figure or without thresholds for the metric', () => {
    expect(thresholdTone('sla_compliance_resolution', null, DEFAULT_THRESHOLDS)).toBe('neutral');
    expect(thresholdTone('created_today', 500, DEFAULT_THRESHOLDS)).toBe('neutral');
  });

  it('leaves a normal engineer load neutral and marks only an overload', () => {
    // Open tickets per engineer on shift at the demo's well-staffed centers through a day, and at its two short-handed ones.
    for (const normal of [0, 3.4, 5.7, 8.6]) expect(thresholdTone('engineer_load', normal, DEFAULT_THRESHOLDS)).toBe('neutral');
    expect(thresholdTone('engineer_load', 12.4, DEFAULT_THRESHOLDS)).toBe('warning');
    expect(thresholdTone('engineer_load', 19, DEFAULT_THRESHOLDS)).toBe('alert');
  });

  it('takes overrides over the defaults', () => {
    const table = withOverrides(DEFAULT_THRESHOLDS, [{ metric: 'breached_open', warning: 10, alert: 20 }]);
    // An override is a count for the screen it is set on, whatever the backlog.
    expect(thresholdTone('breached_open', 5, table, 10)).toBe('good');
    expect(thresholdTone('breached_open', 20, table, 10_000)).toBe('alert');
    expect(thresholdTone('breached_open', 5, DEFAULT_THRESHOLDS, 10)).toBe('alert');
  });

  it('takes the direction of a figure the catalog calls neither good nor bad from its thresholds', () => {
    const busy = withOverrides({}, [{ metric: 'created_today', warning: 100, alert: 200 }]);
    expect(thresholdTone('created_today', 50, busy)).toBe('good');
    expect(thresholdTone('created_today', 250, busy)).toBe('alert');
    const thin = withOverrides({}, [{ metric: 'engineers_on_shift', warning: 5, alert: 2 }]);
    expect(thresholdTone('engineers_on_shift', 8, thin)).toBe('good');
    expect(thresholdTone('engineers_on_shift', 3, thin)).toBe('warning');
    expect(thresholdTone('engineers_on_shift', 1, thin)).toBe('alert');
  });
});
