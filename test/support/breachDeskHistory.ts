import type { IngestEventInput } from '../../shared/ingest/eventSchema';
import { postEvents } from './api';
import { createdEvent } from './smallNetwork';
import type { TestServer } from './testServer';

/**
 * The breach desk's hand-built history on the small network, at NOW (10:30 in Shanghai on a working Monday):
 * - 600 tickets at sh-01 resolved four weeks ago and never called back: 600 return-visit clocks breached for weeks;
 * - DUE-1..5 at sh-01 for the VIP c-001 (7×24×4): created 3 h 30 min ago and answered, on-site due in 30 minutes;
 * - BR-1 (sh-01, P1), BR-2 (sh-02, P1), BR-3 (urc-01, P3) for c-001: first response 20, 40 and 10 minutes
 *   past due, their on-site clocks due in 3 h 10 min, 2 h 50 min and 3 h 20 min;
 * - four open complaints, one in each age band: CP-1 on BR-1 (30 min, level 1), CP-2 on DUE-1 (10 h, escalated to
 *   level 2), CP-3 on the resolved RV-000 (30 h, level 1: its response 6 h past due) and CP-4 on CX-1, a ticket
 *   cancelled at urc-01 for the key customer c-002 (3 days, escalated to level 3: its resolution 24 h past due).
 */
export const BREACH_DESK_NOW = Date.parse('2026-11-23T10:30:00+08:00');
export const RETURN_VISIT_BREACHES = 600;
export const DUE_SOON = ['DUE-1', 'DUE-2', 'DUE-3', 'DUE-4', 'DUE-5'];

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const iso = (epochMs: number) => new Date(epochMs).toISOString();

export function breachDeskEvents(now = BREACH_DESK_NOW): IngestEventInput[] {
  const events: IngestEventInput[] = [];
  for (let index = 0; index < RETURN_VISIT_BREACHES; index++) {
    const ticketId = `RV-${String(index).padStart(3, '0')}`;
    const created = now - 30 * DAY + index * MINUTE;
    events.push(createdEvent(ticketId, iso(created), { customerId: 'c-003', priority: 'P3' }));
    events.push({ id: `${ticketId}-resolved`, type: 'ticket.resolved', at: iso(created + 2 * DAY), ticketId, data: {} });
  }
  DUE_SOON.forEach((ticketId, index) => {
    const created = now - 210 * MINUTE + index * 1000;
    events.push(createdEvent(ticketId, iso(created), { priority: 'P2', engineerId: 'e-001' }));
    events.push({ id: `${ticketId}-answered`, type: 'ticket.first_response', at: iso(created + 5 * MINUTE), ticketId, data: {} });
  });
  events.push(createdEvent('BR-1', iso(now - 50 * MINUTE), { priority: 'P1' }));
  events.push(createdEvent('BR-2', iso(now - 70 * MINUTE), { centerId: 'sh-02', priority: 'P1' }));
  events.push(createdEvent('BR-3', iso(now - 40 * MINUTE), { centerId: 'urc-01', priority: 'P3' }));
  events.push(createdEvent('CX-1', iso(now - 4 * DAY), { centerId: 'urc-01', customerId: 'c-002' }));
  events.push({ id: 'CX-1-cancelled', type: 'ticket.cancelled', at: iso(now - 3.5 * DAY), ticketId: 'CX-1', data: {} });
  const complaint = (ticketId: string, complaintId: string, openedAgo: number, escalation?: { ago: number; level: 2 | 3 }): IngestEventInput[] => [
    { id: `${complaintId}-opened`, type: 'complaint.opened', at: iso(now - openedAgo), ticketId, data: { complaintId, category: 'timeliness', severity: 'high' } },
    ...(escalation
      ? [{ id: `${complaintId}-escalated`, type: 'complaint.escalated', at: iso(now - escalation.ago), ticketId, data: { complaintId, level: escalation.level, owner: 'district' } } as IngestEventInput]
      : []),
  ];
  events.push(...complaint('BR-1', 'CP-1', 30 * MINUTE));
  events.push(...complaint('DUE-1', 'CP-2', 10 * 60 * MINUTE, { ago: 9 * 60 * MINUTE, level: 2 }));
  events.push(...complaint('RV-000', 'CP-3', 30 * 60 * MINUTE));
  events.push(...complaint('CX-1', 'CP-4', 3 * DAY, { ago: 2 * DAY, level: 3 }));
  return events;
}

export async function seedBreachDesk(server: TestServer, now = BREACH_DESK_NOW): Promise<void> {
  const response = await postEvents(server, breachDeskEvents(now));
  if (response.status !== 200 || response.json.rejected.length > 0) throw new Error(`seeding the breach desk: ${response.status} ${response.text.slice(0, 500)}`);
}
