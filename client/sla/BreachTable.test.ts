// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { AtRiskItem } from '../../shared/api/slaApi';
import { TWENTY_FOUR_SEVEN } from '../../shared/calendar/builtinCalendars';
import { createAppI18n } from '../i18n';
import BreachTable from './BreachTable.vue';
import { buildRows } from './breachBoardRows';

const NOW = Date.parse('2026-11-23T10:30:00+08:00');
const MINUTE = 60_000;

function item(ticketId: string, dueInMinutes: number, priority: AtRiskItem['priority']): AtRiskItem {
  const used = 60 - dueInMinutes;
  return {
    metric: 'first_response', cycle: 1, subjectId: null, state: 'active', breached: dueInMinutes <= 0,
    startedAt: new Date(NOW - used * MINUTE).toISOString(), stoppedAt: null,
    dueAt: new Date(NOW + dueInMinutes * MINUTE).toISOString(), originalDueAt: new Date(NOW + dueInMinutes * MINUTE).toISOString(),
    remainingMs: dueInMinutes * MINUTE, elapsedBusinessMs: used * MINUTE, elapsedCalendarMs: used * MINUTE, percent: (used / 60) * 100,
    warningsPassed: [], policy: 'default', policyVersion: 1, calendar: '24x7', timeZone: 'Asia/Shanghai',
    ticketId, centerId: 'sh-01', centerName: '上海浦东服务中心', engineerId: null, customerId: 'c-001', priority, status: 'new',
  };
}

function mountTable(locale: 'zh-CN' | 'en') {
  const i18n = createAppI18n();
  i18n.global.locale.value = locale;
  const rows = buildRows([item('T-calm', 45, 'P3'), item('T-late', -65, 'P1')], { calendarFor: () => TWENTY_FOUR_SEVEN, regionsOfCenter: () => ['sh', 'east'], tierOf: () => 'vip' }, NOW);
  return mount(BreachTable, { props: { rows, org: null }, global: { plugins: [i18n] } });
}

describe('BreachTable', () => {
  it('shows the most overdue first, with a negative countdown, its state in words and a shape', () => {
    const table = mountTable('en');
    const rendered = table.findAll('tbody tr');
    expect(rendered.map((row) => row.attributes('data-testid'))).toEqual(['breach-row-T-late', 'breach-row-T-calm']);
    expect(table.get('[data-testid="countdown-T-late"]').text()).toBe('-1h 05m');
    expect(table.get('[data-testid="countdown-T-calm"]').text()).toBe('45m 00s');
    expect(rendered[0]!.attributes('data-tone')).toBe('breached');
    expect(rendered[0]!.text()).toContain('Breached');
    expect(rendered[0]!.find('svg.sla-tone-icon--breached').exists()).toBe(true);
    expect(rendered[1]!.find('svg.sla-tone-icon--ok').exists()).toBe(true);
  });

  it('filters by priority and breached only, and says how many are shown', async () => {
    const table = mountTable('zh-CN');
    await table.get('[data-testid="filter-priority"]').setValue('P3');
    expect(table.findAll('tbody tr').map((row) => row.attributes('data-testid'))).toEqual(['breach-row-T-calm']);
    expect(table.get('[data-testid="breach-count"]').text()).toBe('共 1 项，其中已超时 0 项');
    const priority = table.get<HTMLSelectElement>('[data-testid="filter-priority"]');
    priority.element.selectedIndex = 0;
    await priority.trigger('change');
    await table.get('[data-testid="filter-breached"]').setValue(true);
    expect(table.findAll('tbody tr').map((row) => row.attributes('data-testid'))).toEqual(['breach-row-T-late']);
  });

  it('sorts by priority on request and opens a ticket from its row', async () => {
    const table = mountTable('en');
    await table.get('[data-testid="sort"]').setValue('priority');
    expect(table.findAll('tbody tr')[0]!.attributes('data-testid')).toBe('breach-row-T-late');
    await table.get('[data-testid="open-T-calm"]').trigger('click');
    expect(table.emitted('open')).toEqual([['T-calm']]);
  });
});
