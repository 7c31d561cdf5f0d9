import type { Db } from '../../db/connection';
import { complaints, partsRequests, surveys, tickets } from '../../db/schema';
import type { FoldedTicket, TicketState } from '../../shared/domain/ticketFold';
import { createIdListQuery, createRowCodec } from './rowCodec';

export type TicketRow = typeof tickets.$inferSelect;

/**
 * Materialised ticket state and its children (complaints, return visits, parts), rewritten per fold.
 * Plain statements prepared once, rows written many to a statement: the ingest path runs them for
 * every changed ticket inside one transaction.
 */
export function createTicketStore(db: Db) {
  const client = db.$client;
  const ticketRows = createRowCodec<TicketRow>(client, tickets, 'tickets');
  const complaintRows = createRowCodec<typeof complaints.$inferInsert>(client, complaints, 'complaints');
  const surveyRows = createRowCodec<typeof surveys.$inferInsert>(client, surveys, 'surveys');
  const partsRows = createRowCodec<typeof partsRequests.$inferInsert>(client, partsRequests, 'parts_requests');
  const upsertConflict = `on conflict (id) do update set ${ticketRows.overwriteExcept(['id', 'source'])}`;
  const byIdList = createIdListQuery(client, `select ${ticketRows.columnList} from tickets where id in (?)`);
  const deleteChildren = ['complaints', 'surveys', 'parts_requests'].map((table) => createIdListQuery(client, `delete from ${table} where ticket_id in (?)`));

  return {
    byIds(ids: readonly string[]): Map<string, TicketRow> {
      const found = new Map<string, TicketRow>();
      for (const values of byIdList.all(ids)) {
        const row = ticketRows.decode(values);
        found.set(row.id, row);
      }
      return found;
    },

    /** Writes folded tickets; `sourceOf` names the system that created each ticket. */
    save(folded: readonly FoldedTicket[], sourceOf: (ticket: TicketState) => string): void {
      const saved = folded.filter((fold): fold is FoldedTicket & { ticket: TicketState } => fold.ticket !== null);
      if (saved.length === 0) return;
      ticketRows.insertMany(saved.map((fold) => fold.ticket), upsertConflict, (ticket) => ({ source: sourceOf(ticket) }));
      const ids = saved.map((fold) => fold.ticket.id);
      for (const statement of deleteChildren) statement.run(ids);
      const customerOf = new Map(saved.map((fold) => [fold.ticket.id, fold.ticket.customerId]));
      complaintRows.insertMany(saved.flatMap((fold) => fold.complaints), '', (complaint) => ({ customerId: customerOf.get(complaint.ticketId)! }));
      surveyRows.insertMany(saved.flatMap((fold) => fold.surveys));
      partsRows.insertMany(saved.flatMap((fold) => fold.parts));
    },
  };
}

export type TicketStore = ReturnType<typeof createTicketStore>;
