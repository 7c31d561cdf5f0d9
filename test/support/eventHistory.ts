import type { IngestEvent } from '../../shared/ingest/eventSchema';
import { type StoredEvent, foldTicket } from '../../shared/domain/ticketFold';

export type DataOf<T extends IngestEvent['type']> = Extract<IngestEvent, { type: T }>['data'];

/** Builds one ticket's stored events at minutes after base; each gets the next arrival seq. */
export function eventHistory(base: number) {
  let seq = 0;
  const events: StoredEvent[] = [];
  const add = <T extends IngestEvent['type']>(type: T, minute: number, data: DataOf<T>, ticketId = 'T-1'): StoredEvent => {
    const event = { id: `ev-${seq + 1}`, type, at: base + minute * 60_000, ticketId, data, seq: ++seq } as StoredEvent;
    events.push(event);
    return event;
  };
  const created = (minute = 0, data: Partial<DataOf<'ticket.created'>> = {}) =>
    add('ticket.created', minute, { centerId: 'sh-01', customerId: 'c-001', priority: 'P2', type: 'repair', channel: 'hotline', ...data });
  return { events, add, created, fold: () => foldTicket(events) };
}
