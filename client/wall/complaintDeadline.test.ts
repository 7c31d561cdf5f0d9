import { describe, expect, it } from 'vitest';
import type { SlaClockView } from '../../shared/api/slaApi';
import { complaintLabel, complaintTitle, ownerText } from '../complaints/complaintWords';
import { nextDeadline } from './complaintDeadline';

function clock(state: SlaClockView['state'], dueAt: string): SlaClockView {
  return { metric: 'complaint_resolution', cycle: 1, subjectId: 'cp-1', state, breached: false, startedAt: '2026-11-23T00:00:00Z', stoppedAt: null, dueAt, originalDueAt: dueAt, remainingMs: 0, elapsedBusinessMs: 0, elapsedCalendarMs: 0, percent: 0, warningsPassed: [], atRiskFrom: 75, policy: 'p', policyVersion: 1, calendar: '24x7', timeZone: 'Asia/Shanghai' };
}

describe('what a complaint must beat next, on the wall', () => {
  it('is the running deadline due first; a met or paused one is not', () => {
    const row = { clocks: { response: clock('stopped', '2026-11-23T01:00:00Z'), resolution: clock('active', '2026-11-25T00:00:00Z'), escalation: clock('active', '2026-11-24T12:00:00Z') } };
    expect(nextDeadline(row)?.kind).toBe('escalation');
    expect(nextDeadline({ clocks: { response: null, resolution: clock('paused', '2026-11-25T00:00:00Z'), escalation: null } })).toBeNull();
  });
});

describe('who answers for a complaint', () => {
  const t = (key: string, named?: Record<string, unknown>) => (named ? `${key}(${Object.values(named).join(',')})` : key);
  const center = { centerName: '武侯服务中心' };
  it('names the first receiver, and the handler beside them once someone else holds it', () => {
    expect(ownerText({ ...center, owner: 'ui:sup.east', handler: 'ui:sup.east', ownerName: null, handlerName: null }, t, 'zh-CN')).toBe('sup.east');
    expect(ownerText({ ...center, owner: 'sup.east', handler: 'e-001', ownerName: '华东主管', handlerName: '张伟' }, t, 'zh-CN')).toBe('华东主管 · 张伟');
    expect(ownerText({ ...center, owner: null, handler: null, ownerName: null, handlerName: null }, t, 'zh-CN')).toBe('complaints.desk.unowned');
  });
  it('names the center in the page language', () => {
    expect(ownerText({ ...center, centerNameEn: 'Wuhou Center', owner: 'x', handler: null, ownerName: null, handlerName: null }, t, 'en')).toBe('complaints.desk.centerDesk(Wuhou Center)');
  });
  it('reads an outside system\'s id it cannot name as the center\'s complaint desk, never the id', () => {
    expect(ownerText({ ...center, owner: 'cd-wh-manager', handler: 'cd-wh-manager', ownerName: null, handlerName: null }, t, 'zh-CN')).toBe('complaints.desk.centerDesk(武侯服务中心)');
  });
});

describe('what a complaint is called on screen', () => {
  const t = (key: string, named?: Record<string, unknown>) => `${key}(${Object.values(named ?? {}).join(',')})`;
  const returnVisit = { id: 'rv:CD-WH-26112913-01:survey.completed:1', source: 'return_visit', ticketId: 'CD-WH-26112913-01' } as const;
  const customer = { id: 'CD-WH-26112913-01-K1', source: 'customer', ticketId: 'CD-WH-26112913-01' } as const;
  it('calls a return visit\'s complaint what it is beside its ticket, never by its survey key, and a customer\'s by its number', () => {
    expect(complaintLabel(returnVisit, t)).toBe('complaints.label.returnVisit()');
    expect(complaintLabel(customer, t)).toBe('CD-WH-26112913-01-K1');
  });
  it('names the ticket once in a full title: a return visit\'s by its ticket, a customer\'s by its number', () => {
    expect(complaintTitle(returnVisit, t)).toBe('complaints.label.returnVisitOf(CD-WH-26112913-01)');
    expect(complaintTitle(customer, t)).toBe('complaints.page.title(CD-WH-26112913-01-K1)');
  });
});
