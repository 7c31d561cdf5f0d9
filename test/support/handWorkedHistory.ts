import { createdEvent } from './smallNetwork';

/**
 * The hand-worked history the metric tests share (over test/support/smallNetwork.ts): the figures it
 * must give are reasoned out in metricReference.test.ts, and the drill-down tests list the tickets behind them.
 */

export const MINUTE = 60_000;
/** 01:30 on 24 November in Shanghai (midnight was 90 minutes ago), 23:30 on the 23rd in Urumqi (midnight 1,410 minutes ago). */
export const NOW = Date.parse('2026-11-23T17:30:00Z');
export const ago = (minutes: number) => new Date(NOW - minutes * MINUTE).toISOString();

export function event(ticketId: string, type: string, minutesAgo: number, data: Record<string, unknown> = {}) {
  return { id: `${ticketId}-${type}-${minutesAgo}`, type, at: ago(minutesAgo), ticketId, data };
}

/**
 * Seven tickets, whose every figure metricReference.test.ts works out by hand. sh-01 and sh-02 (Shanghai, UTC+8) make
 * up region sh; urc-01 (Urumqi, UTC+6) is the whole of region west. Policies are the seeded defaults:
 * c-001 is 7×24×4 (first response 30 min, on site 4 h, resolution 24 h), c-003 standard (2 h, 24 h
 * city or 48 h county, 72 h); complaints 24 h to respond and 48 h to resolve; return visits 7 days.
 */
export function handWorkedHistory() {
  return [
    // T1, sh-01: created before Shanghai's midnight; responded, visited once and resolved today, scored 5.
    createdEvent('T1', ago(100), { engineerId: 'e-001' }),
    event('T1', 'ticket.first_response', 80),
    event('T1', 'ticket.engineer_arrived', 60),
    event('T1', 'ticket.resolved', 30),
    event('T1', 'survey.completed', 10, { score: 5 }),
    // T2, sh-01: open and unassigned; its first response was due 20 minutes ago (breached). Complaint CP-2 resolved in 15 minutes, closed when the customer confirmed 5 minutes later.
    createdEvent('T2', ago(50)),
    event('T2', 'complaint.opened', 40, { complaintId: 'CP-2', category: 'timeliness', severity: 'high' }),
    event('T2', 'complaint.resolved', 25, { complaintId: 'CP-2' }),
    event('T2', 'complaint.confirmed', 20, { complaintId: 'CP-2', satisfied: true }),
    // T3, sh-02: the engineer arrived 10 minutes after first response was due (breached, stopped today), now waiting for a part.
    createdEvent('T3', ago(200), { centerId: 'sh-02', customerId: 'c-003', engineerId: 'e-002' }),
    event('T3', 'ticket.engineer_arrived', 70),
    event('T3', 'ticket.status_changed', 65, { status: 'waiting_parts' }),
    event('T3', 'parts.requested', 65, { requestId: 'PR-1', partNo: 'P-100', quantity: 1 }),
    // T4, urc-01: created 10 minutes after Urumqi's midnight (still the 23rd there, the 24th has begun in Shanghai),
    // resolved, scored 3, reopened, visited again and resolved again; the return visit after that failed.
    createdEvent('T4', ago(1400), { centerId: 'urc-01', customerId: 'c-003', engineerId: 'e-003' }),
    event('T4', 'ticket.first_response', 1300),
    event('T4', 'ticket.engineer_arrived', 1200),
    event('T4', 'ticket.resolved', 1100),
    event('T4', 'survey.completed', 1050, { score: 3 }),
    event('T4', 'ticket.reopened', 1000),
    event('T4', 'ticket.engineer_arrived', 900),
    event('T4', 'ticket.resolved', 800),
    event('T4', 'survey.failed', 700, { reason: 'unreachable' }),
    // T5, urc-01: created 10 minutes before Urumqi's midnight; first response breached, on site past 90 % and not yet due.
    // Complaint CP-5 escalated to level 2 within 10 minutes and still open.
    createdEvent('T5', ago(1420), { centerId: 'urc-01', customerId: 'c-003' }),
    event('T5', 'complaint.opened', 1350, { complaintId: 'CP-5', category: 'attitude', severity: 'medium' }),
    event('T5', 'complaint.escalated', 1340, { complaintId: 'CP-5', level: 2 }),
    // T6, urc-01: cancelled; its clocks are cancelled and count nowhere.
    createdEvent('T6', ago(60), { centerId: 'urc-01', engineerId: 'e-003' }),
    event('T6', 'ticket.cancelled', 55),
    // T7, sh-01: first response past its first warning, 75 % (at risk), due in 5 minutes; complaint CP-7 open at level 1.
    createdEvent('T7', ago(25), { engineerId: 'e-001' }),
    event('T7', 'complaint.opened', 15, { complaintId: 'CP-7', category: 'price', severity: 'low' }),
  ];
}
