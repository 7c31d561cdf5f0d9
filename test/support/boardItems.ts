import type { BoardItem } from '../../shared/api/slaBoardApi';

export const BOARD_NOW = Date.parse('2026-11-23T10:30:00+08:00');
const NOW = BOARD_NOW;
const MINUTE = 60_000;

/** A running clock due `dueInMinutes` after NOW (negative: already breached), with a 60-minute target. */
export function boardItem(ticketId: string, dueInMinutes: number, overrides: Partial<BoardItem> = {}): BoardItem {
  const used = 60 - dueInMinutes;
  return {
    metric: 'first_response', cycle: 1, subjectId: null, state: 'active', breached: dueInMinutes <= 0,
    startedAt: new Date(NOW - used * MINUTE).toISOString(), stoppedAt: null,
    dueAt: new Date(NOW + dueInMinutes * MINUTE).toISOString(), originalDueAt: new Date(NOW + dueInMinutes * MINUTE).toISOString(),
    remainingMs: dueInMinutes * MINUTE, elapsedBusinessMs: used * MINUTE, elapsedCalendarMs: used * MINUTE, percent: Math.round((used / 60) * 1000) / 10,
    warningsPassed: [], atRiskFrom: 75, policy: 'default', policyVersion: 1, calendar: '24x7', timeZone: 'Asia/Shanghai',
    ticketId, centerId: 'sh-01', centerName: '上海浦东服务中心', engineerId: 'e-001', engineerName: '张伟', customerId: 'c-001', customerName: '上海某医院', customerNameEn: 'Shanghai Hospital', tier: 'vip', critical: false,
    priority: 'P2', status: 'new',
    ...overrides,
  };
}
