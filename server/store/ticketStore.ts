import { getTableColumns, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { complaints, partsRequests, surveys, tickets } from '../../db/schema';
import type { FoldedTicket, TicketState } from '../../shared/domain/ticketFold';
import { SQL_CHUNK, chunked } from './chunks';

export type TicketRow = typeof tickets.$inferSelect;

const upsertSet = Object.fromEntries(
  Object.entries(getTableColumns(tickets))
    .filter(([key]) => key !== 'id' && key !== 'source')
    .map(([key, column]) => [key, sql.raw(`excluded.${column.name}`)]),
);

/** Materialised ticket state and its children (complaints, return visits, parts), rewritten per fold. */
export function createTicketStore(db: Db) {
  function deleteChildren(ticketIds: string[]): void {
    for (const slice of chunked(ticketIds)) {
      db.delete(complaints).where(inArray(complaints.ticketId, slice)).run();
      db.delete(surveys).where(inArray(surveys.ticketId, slice)).run();
      db.delete(partsRequests).where(inArray(partsRequests.ticketId, slice)).run();
    }
  }

  function insertAll<T extends object>(table: typeof complaints | typeof surveys | typeof partsRequests, rows: T[]): void {
    for (const slice of chunked(rows, 100)) db.insert(table).values(slice as never).run();
  }

  return {
    byIds(ids: readonly string[]): Map<string, TicketRow> {
      const found = new Map<string, TicketRow>();
      for (const slice of chunked(ids, SQL_CHUNK)) {
        for (const row of db.select().from(tickets).where(inArray(tickets.id, slice)).all()) found.set(row.id, row);
      }
      return found;
    },

    /** Writes folded tickets; `sources` names the system that created each new ticket. */
    save(folded: readonly FoldedTicket[], sourceOf: (ticket: TicketState) => string): void {
      const states = folded.flatMap((fold) => (fold.ticket ? [{ ...fold.ticket, source: sourceOf(fold.ticket) }] : []));
      for (const slice of chunked(states, 100)) {
        db.insert(tickets).values(slice).onConflictDoUpdate({ target: tickets.id, set: upsertSet }).run();
      }
      const written = folded.filter((fold) => fold.ticket !== null);
      deleteChildren(written.map((fold) => fold.ticket!.id));
      insertAll(
        complaints,
        written.flatMap((fold) => fold.complaints.map((complaint) => ({ ...complaint, customerId: fold.ticket!.customerId }))),
      );
      insertAll(surveys, written.flatMap((fold) => fold.surveys));
      insertAll(partsRequests, written.flatMap((fold) => fold.parts));
    },
  };
}

export type TicketStore = ReturnType<typeof createTicketStore>;
