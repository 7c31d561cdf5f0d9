import { eq, inArray, max } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { ticketEvents } from '../../db/schema';
import type { StoredEvent } from '../../shared/domain/ticketFold';
import type { IngestEvent } from '../../shared/ingest/eventSchema';
import { chunked } from './chunks';

/** The append-only log of accepted events. The unique event id is what makes ingest idempotent. */
export function createEventLog(db: Db) {
  return {
    /** Appends events not seen before and returns those that were new, in arrival order. */
    append(events: readonly IngestEvent[], source: string, receivedAt: number): IngestEvent[] {
      const fresh = new Set<string>();
      for (const slice of chunked(events, 200)) {
        const rows = slice.map((event) => ({
          id: event.id,
          ticketId: event.ticketId,
          type: event.type,
          at: event.at,
          receivedAt,
          source,
          data: event.data,
        }));
        const inserted = db.insert(ticketEvents).values(rows).onConflictDoNothing().returning({ id: ticketEvents.id }).all();
        for (const row of inserted) fresh.add(row.id);
      }
      const seen = new Set<string>();
      return events.filter((event) => fresh.has(event.id) && !seen.has(event.id) && seen.add(event.id));
    },

    /** The latest instant a source has reported, so a restarted simulator resumes where it stopped. */
    latestAt(source: string): number | null {
      return db.select({ at: max(ticketEvents.at) }).from(ticketEvents).where(eq(ticketEvents.source, source)).get()?.at ?? null;
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
