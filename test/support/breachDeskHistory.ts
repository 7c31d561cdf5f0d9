import type { IngestEventInput } from '../../shared/ingest/eventSchema';
import { postEvents } from './api';
import { createdEvent } from './smallNetwork';
import type { TestServer } from './testServer';

/**
 * The breach desk's hand-built history on the small network, at NOW (10:30 in Shanghai on a working Monday):
 * - 600 tickets at sh-01 resolved four weeks ago and never called back: 600 return-visit clocks breached for weeks;
 * - DUE-1..5 at sh-01 for the VIP c-001 (7×24×4): created 3 h 30 min ago and answered, on-site due in 30 minutes;
 * - BR-1 (sh-01, P1), BR-2 (sh-02, P1), BR-3 (urc-01, P3) for c-001: first response 20, 40 and 10 minutes
 *   past due, their on-site clocks due in 3 h 10 min, 2 h 50 min and 3 h 20 min.
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
  return events;
}

export async function seedBreachDesk(server: TestServer, now = BREACH_DESK_NOW): Promise<void> {
  const response = await postEvents(server, breachDeskEvents(now));
  if (response.status !== 200 || response.json.rejected.length > 0) throw new Error(`seeding the breach desk: ${response.status} ${response.text.slice(0, 500)}`);
}
