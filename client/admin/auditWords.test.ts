import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import en from '../i18n/en';
import { auditDiff } from './auditDiff';
import { type AuditNaming, actionText, fieldText, readableRecord, targetText, valueText } from './auditWords';

const i18n = createI18n({ legacy: false, locale: 'en', messages: { en } });
const { t, te } = i18n.global;
const CENTERS: Record<string, string> = { 'sh-01': 'Shanghai Pudong', 'bj-01': 'Beijing Chaoyang' };
const naming: AuditNaming = {
  t: (key, values) => t(key, values ?? {}),
  te: (key) => te(key),
  org: { grantName: (grant) => (grant.kind === 'region' ? 'East China' : (CENTERS[grant.id] ?? grant.id)), engineerName: (id) => (id === 'e-7' ? 'Wang Wei · Shanghai Pudong' : id) },
  calendarName: (id) => (id === 'cn-5x9' ? 'Mainland 5×9' : id),
  format: { dateTime: (at: number) => new Date(at).toISOString() } as AuditNaming['format'],
  locale: 'en',
};

describe('audit entries in words', () => {
  it('names grants, centers, event types, metrics and calendars instead of their ids', () => {
    const rows = auditDiff(readableRecord({ grants: [] }), readableRecord({ grants: [{ kind: 'region', id: 'east' }, { kind: 'center', id: 'sh-01' }] }));
    expect(rows.map((row) => valueText(naming, row.path, row.after))).toEqual(['East China', 'Shanghai Pudong', '—']);

    expect(valueText(naming, 'centerIds.1', 'bj-01')).toBe('Beijing Chaoyang');
    expect(['null', '[]', '{}'].map((stored) => valueText(naming, 'rotatedAt', stored))).toEqual(['—', '—', '—']);
    expect(valueText(naming, 'eventTypes.0', 'ticket.created')).toBe('Ticket created');
    expect(valueText(naming, 'scope', 'center:sh-01')).toBe('Shanghai Pudong');
    expect(valueText(naming, 'scope', 'network')).toBe('Whole network');
    expect(valueText(naming, 'engineerId', 'e-7')).toBe('Wang Wei · Shanghai Pudong');
    expect(valueText(naming, 'policies.0.metrics.on_site.calendarId', 'cn-5x9')).toBe('Mainland 5×9');
    expect(valueText(naming, 'policies.0.metrics.on_site.target.kind', 'business')).toBe('Business time');
    expect(valueText(naming, 'policies.0.match.ticketTypes.0', 'repair')).toBe('Repair');
    expect(valueText(naming, 'usedBy.0.metric', 'on_site')).toBe('on site');
    expect(valueText(naming, 'board', 'network:30,breach:20')).toBe('Network overview for 30 s → Breach board for 20 s');
  });

  it('reads a field path by its labels, a policy by its name', () => {
    const record = { policies: [{ name: 'VIP 7×24' }] };
    expect(fieldText(naming, 'policies.0.metrics.on_site.target.minutes', record)).toBe('Policies · VIP 7×24 · Targets · on site · Target · Minutes');
    expect(fieldText(naming, 'grants.1', {})).toBe('Sees · #2');
  });

  it('names the SLA admin actions and their targets', () => {
    expect(actionText(naming, 'sla.calendar.holidays_ics')).toBe('Imported holidays from ICS');
    expect(actionText(naming, 'sla.policies.save')).toBe('Saved the SLA policies');
    expect(targetText(naming, { target: 'calendar:cn-5x9', before: null, after: { id: 'cn-5x9' } })).toBe('Calendar · Mainland 5×9');
    const fiveByNine = { id: '5x9', name: '5×9 工作日 09:00–18:00' };
    expect(targetText(naming, { target: 'calendar:5x9', before: null, after: fiveByNine })).toBe('Calendar · 5×9 working days 09:00–18:00');
    expect(targetText({ ...naming, locale: 'zh-CN' }, { target: 'calendar:5x9', before: null, after: fiveByNine })).toBe('Calendar · 5×9 工作日 09:00–18:00');
    const defaults = { policies: [{ id: 'standard-city', name: '标准服务 · 城区' }, { id: 'mine', name: '我的策略', nameEn: 'Mine' }] };
    expect(fieldText(naming, 'policies.0.name', defaults)).toBe('Policies · Standard service · city · Name');
    expect(fieldText(naming, 'policies.1.name', defaults)).toBe('Policies · Mine · Name');
    expect(targetText(naming, { target: 'policy-version:3', before: null, after: { version: 3 } })).toBe('SLA policies · Version 3');
    expect(targetText(naming, { target: 'ingest-token:it-1', before: null, after: { source: 'crm' } })).toBe('Ingest token · crm');
  });
});
