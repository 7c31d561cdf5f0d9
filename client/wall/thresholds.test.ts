import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, thresholdTone, withOverrides } from './thresholds';

describe('thresholdTone', () => {
  it('reads lower-is-better figures as bad from reaching each level', () => {
    expect(thresholdTone('breached_open', 0, DEFAULT_THRESHOLDS)).toBe('good');
    expect(thresholdTone('breached_open', 1, DEFAULT_THRESHOLDS)).toBe('warning');
    expect(thresholdTone('breached_open', 4, DEFAULT_THRESHOLDS)).toBe('warning');
    expect(thresholdTone('breached_open', 5, DEFAULT_THRESHOLDS)).toBe('alert');
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

  it('takes overrides over the defaults', () => {
    const table = withOverrides(DEFAULT_THRESHOLDS, [{ metric: 'breached_open', warning: 10, alert: 20 }]);
    expect(thresholdTone('breached_open', 5, table)).toBe('good');
    expect(thresholdTone('breached_open', 5, DEFAULT_THRESHOLDS)).toBe('alert');
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
