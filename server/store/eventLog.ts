import { eq, inArray, max, min, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { ticketEvents } from '../../db/schema';
import type { StoredEvent } from '../../shared/domain/ticketFold';
import type { IngestEvent } from '../../shared/ingest/eventSchema';
import { chunked } from './chunks';

/** The append-only log of accepted events. The unique event id is what makes ingest idempotent. */
export function createEventLog(db: Db) {
  // Prepared once: building SQL per event would cost more than SQLite's own work.
  const appendOne = db
    .insert(ticketEvents)
    .values({
      id: sql.placeholder('id'),
      ticketId: sql.placeholder('ticketId'),
      type: sql.placeholder('type'),
      at: sql.placeholder('at'),
      receivedAt: sql.placeholder('receivedAt'),
      source: sql.placeholder('source'),
      data: sql.placeholder('data'),
    })
    .onConflictDoNothing()
    .prepare();

  return {
    /** Appends events not seen before and returns those that were new, in arrival order. */
    append(events: readonly IngestEvent[], source: string, receivedAt: number): IngestEvent[] {
      return events.filter((event) => appendOne.run({ ...event, receivedAt, source }).changes === 1);
    },

    /** The first and latest instants a source has reported, so a restarted simulator resumes where it stopped. */
    span(source: string): { first: number; last: number } | null {
      const row = db.select({ first: min(ticketEvents.at), last: max(ticketEvents.at) }).from(ticketEvents).where(eq(ticketEvents.source, source)).get();
      return row?.first != null && row.last != null ? { first: row.first, last: row.last } : null;
    },

    forTickets(ticketIds: readonly string[]): Map<string, StoredEvent[]> {
      const byTicket = new Map<string, StoredEvent[]>();
      for (const slice of chunked(ticketIds)) {
        const rows = db.select().from(ticketEvents).where(inArray(ticketEvents.ticketId, slice)).all();
        for (const row of rows) {
          const event = { seq: row.seq, id: row.id, type: row.type, at: row.at, ticketId: row.ticketId, data: row.data } as StoredEvent;
          const list = byTicket.get(row.ticketId);
          if (list) list.push(event);
          else byTicket.set(row.ticketId, [event]);
        }
      }
      return byTicket;
    },
  };
}

export type EventLog = ReturnType<typeof createEventLog>;
