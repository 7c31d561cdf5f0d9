import { eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/connection';
import { complaints, partsRequests, surveys, tickets } from '../../db/schema';
import type { FoldedTicket, TicketState } from '../../shared/domain/ticketFold';
import { chunked } from './chunks';

export type TicketRow = typeof tickets.$inferSelect;

function placeholdersFor(table: SQLiteTable) {
  return Object.fromEntries(Object.keys(getTableColumns(table)).map((key) => [key, sql.placeholder(key)]));
}

const overwriteFromExcluded = Object.fromEntries(
  Object.entries(getTableColumns(tickets))
    .filter(([key]) => key !== 'id' && key !== 'source')
    .map(([key, column]) => [key, sql.raw(`excluded.${column.name}`)]),
);

/**
 * Materialised ticket state and its children (complaints, return visits, parts), rewritten per fold.
 * Statements are prepared once: the ingest path runs them per ticket inside one transaction.
 */
export function createTicketStore(db: Db) {
  const upsertTicket = db.insert(tickets).values(placeholdersFor(tickets) as never).onConflictDoUpdate({ target: tickets.id, set: overwriteFromExcluded }).prepare();
  const insertComplaint = db.insert(complaints).values(placeholdersFor(complaints) as never).prepare();
  const insertSurvey = db.insert(surveys).values(placeholdersFor(surveys) as never).prepare();
  const insertParts = db.insert(partsRequests).values(placeholdersFor(partsRequests) as never).prepare();
  const deleteChildren = [
    db.delete(complaints).where(eq(complaints.ticketId, sql.placeholder('ticketId'))).prepare(),
    db.delete(surveys).where(eq(surveys.ticketId, sql.placeholder('ticketId'))).prepare(),
    db.delete(partsRequests).where(eq(partsRequests.ticketId, sql.placeholder('ticketId'))).prepare(),
  ];

  function saveOne(fold: FoldedTicket, ticket: TicketState, source: string): void {
    upsertTicket.run({ ...ticket, source });
    for (const statement of deleteChildren) statement.run({ ticketId: ticket.id });
    for (const complaint of fold.complaints) insertComplaint.run({ ...complaint, customerId: ticket.customerId });
    for (const survey of fold.surveys) insertSurvey.run({ ...survey });
    for (const request of fold.parts) insertParts.run({ ...request });
  }

  return {
    byIds(ids: readonly string[]): Map<string, TicketRow> {
      const found = new Map<string, TicketRow>();
      for (const slice of chunked(ids)) {
        for (const row of db.select().from(tickets).where(inArray(tickets.id, slice)).all()) found.set(row.id, row);
      }
      return found;
    },

    /** Writes folded tickets; `sourceOf` names the system that created each ticket. */
    save(folded: readonly FoldedTicket[], sourceOf: (ticket: TicketState) => string): void {
      for (const fold of folded) if (fold.ticket) saveOne(fold, fold.ticket, sourceOf(fold.ticket));
    },
  };
}

export type TicketStore = ReturnType<typeof createTicketStore>;
