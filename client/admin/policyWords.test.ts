import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import type { SlaPolicy } from '../../shared/sla/slaPolicy';
import en from '../i18n/en';
import { policyIssues, policyLine } from './policyWords';

const { t, te } = createI18n({ legacy: false, locale: 'en', messages: { en } }).global;
const translate = (key: string, values?: Record<string, unknown>) => (te(key) ? t(key, values ?? {}) : key);
const calendarName = (id: string) => (id === '5x9' ? 'Mainland 5×9' : id);
const rule = (minutes: number, calendarId: string) => ({ target: { kind: 'business' as const, minutes }, calendarId, zone: 'center' as const, warnAt: [50, 75, 90] });

describe('a policy in words', () => {
  it('names a calendar every target shares once, at the end, and each one where they differ', () => {
    const policy: SlaPolicy = { id: 'p', name: '5×9', match: { contracts: ['5x9'], ticketTypes: ['repair'] }, metrics: { first_response: rule(120, '5x9'), on_site: rule(540, '5x9') }, pauseOnWaitingParts: true };
    expect(policyLine(policy, translate, String, calendarName)).toBe('5×9 · Repair · first response 2 business h · on site 9 business h · on the calendar Mainland 5×9 · paused while waiting for parts');
    const mixed = { ...policy, metrics: { first_response: rule(120, '5x9'), on_site: rule(60, '24x7') }, pauseOnWaitingParts: false };
    expect(policyLine(mixed, translate, String, calendarName)).toBe('5×9 · Repair · first response 2 business h (Mainland 5×9) · on site 1 business h');
  });

  it('says in the page language what the shared schema refuses', () => {
    const policy: SlaPolicy = { id: 'p', name: ' ', match: {}, metrics: { on_site: { ...rule(0, '5x9'), warnAt: [90, 50] } }, pauseOnWaitingParts: false };
    expect(policyIssues(policy, translate)).toEqual([
      'The name must be 1 to 200 characters.',
      'A target must be a whole number above 0 (minutes at most a year, business days 0 to 60).',
      'Warning levels must be whole percentages from 1 to 99, rising, at most five.',
    ]);
  });
});
