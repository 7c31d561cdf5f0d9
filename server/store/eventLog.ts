import { eq, max, min } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { ticketEvents } from '../../db/schema';
import type { StoredEvent } from '../../shared/domain/ticketFold';
import type { IngestEvent } from '../../shared/ingest/eventSchema';
import { createIdListQuery } from './rowCodec';

/**
 * An event as the log holds it. Built field by field in one order, appended or read back alike: a
 * spread was slower than the insert's own JS, and one shape keeps the fold's property reads monomorphic.
 */
function storedEvent(id: string, type: string, at: number, ticketId: string, data: unknown, seq: number): StoredEvent {
  return { id, type, at, ticketId, data, seq } as StoredEvent;
}

/** The append-only log of accepted events. The unique event id is what makes ingest idempotent. */
export function createEventLog(db: Db) {
  // Plain statements: building SQL per event would cost more than SQLite's own work.
  const appendOne = db.$client.prepare(
    'insert into ticket_events (id, ticket_id, type, at, received_at, source, data) values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing',
  );
  const ofTickets = createIdListQuery(db.$client, 'select seq, id, type, at, ticket_id, data from ticket_events where ticket_id in (?)');
  const countsOf = createIdListQuery(db.$client, 'select ticket_id, count(*) from ticket_events where ticket_id in (?) group by ticket_id');

  return {
    /** Appends events not seen before and returns those that were new, in arrival order, with their place in the log. */
    append(events: readonly IngestEvent[], source: string, receivedAt: number): StoredEvent[] {
      const fresh: StoredEvent[] = [];
      for (const event of events) {
        const result = appendOne.run(event.id, event.ticketId, event.type, event.at, receivedAt, source, JSON.stringify(event.data));
        if (result.changes === 1) fresh.push(storedEvent(event.id, event.type, event.at, event.ticketId, event.data, Number(result.lastInsertRowid)));
      }
      return fresh;
    },

    /** The first and latest instants a source has reported, so a restarted simulator resumes where it stopped. */
    span(source: string): { first: number; last: number } | null {
      const row = db.select({ first: min(ticketEvents.at), last: max(ticketEvents.at) }).from(ticketEvents).where(eq(ticketEvents.source, source)).get();
      return row?.first != null && row.last != null ? { first: row.first, last: row.last } : null;
    },

    /** How many events each ticket has in the log, counted from the index alone; a ticket with none is left out. */
    countsOf(ticketIds: readonly string[]): Map<string, number> {
      return new Map(countsOf.all(ticketIds) as [string, number][]);
    },

    forTickets(ticketIds: readonly string[]): Map<string, StoredEvent[]> {
      const byTicket = new Map<string, StoredEvent[]>();
      for (const [seq, id, type, at, ticketId, data] of ofTickets.all(ticketIds) as [number, string, string, number, string, string][]) {
        const event = storedEvent(id, type, at, ticketId, JSON.parse(data), seq);
        const list = byTicket.get(ticketId);
        if (list) list.push(event);
        else byTicket.set(ticketId, [event]);
      }
      return byTicket;
    },
  };
}

export type EventLog = ReturnType<typeof createEventLog>;
