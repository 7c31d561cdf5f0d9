import { describe, expect, it } from 'vitest';
import type { AtRiskItem } from '../../shared/api/slaApi';
import { breachRows } from './breachRows';

const NOW = Date.parse('2026-11-23T10:00:00Z');
const MINUTE = 60_000;

function clock(ticketId: string, dueInMinutes: number, overrides: Partial<AtRiskItem> = {}): AtRiskItem {
  return {
    ticketId, centerId: 'sh-01', centerName: '上海浦东服务中心', engineerId: null, customerId: 'c-001', priority: 'P2', status: 'assigned',
    metric: 'resolution', cycle: 1, subjectId: null, state: 'active', breached: dueInMinutes <= 0,
    startedAt: new Date(NOW - 60 * MINUTE).toISOString(), stoppedAt: null,
    dueAt: new Date(NOW + dueInMinutes * MINUTE).toISOString(), originalDueAt: new Date(NOW + dueInMinutes * MINUTE).toISOString(),
    remainingMs: dueInMinutes * MINUTE, elapsedBusinessMs: 60 * MINUTE, elapsedCalendarMs: 60 * MINUTE,
    percent: (60 / (60 + dueInMinutes)) * 100, warningsPassed: [], policy: 'default', policyVersion: 1, calendar: '24x7', timeZone: 'Asia/Shanghai',
    ...overrides,
  };
}

describe('breachRows', () => {
  it('counts each active clock down from its dueAt, most overdue first', () => {
    const rows = breachRows([clock('T-soon', 30), clock('T-late', -10), clock('T-later', 90)], NOW + 5 * MINUTE);
    expect(rows.map((row) => [row.item.ticketId, row.remainingMs / MINUTE])).toEqual([
      ['T-late', -15],
      ['T-soon', 25],
      ['T-later', 85],
    ]);
    expect(rows[0]!.tone).toBe('breached');
  });

  it('turns a clock red the moment it passes due, before the server says so', () => {
    const [row] = breachRows([clock('T-1', 1)], NOW + 2 * MINUTE);
    expect(row!.remainingMs).toBe(-MINUTE);
    expect(row!.tone).toBe('breached');
  });

  it('keeps a paused clock at the time the server read', () => {
    const [row] = breachRows([clock('T-1', 20, { state: 'paused' })], NOW + 10 * MINUTE);
    expect(row!.remainingMs).toBe(20 * MINUTE);
  });
});
