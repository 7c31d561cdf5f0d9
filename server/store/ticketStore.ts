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

  /** Writes folded tickets whole; `replacing`: their rows and children may be stored already, and are replaced. */
  function writeWhole(folded: readonly FoldedTicket[], sourceOf: (ticket: TicketState) => string, replacing: boolean): void {
    const saved = folded.filter((fold): fold is FoldedTicket & { ticket: TicketState } => fold.ticket !== null);
    if (saved.length === 0) return;
    ticketRows.insertMany(saved.map((fold) => fold.ticket), upsertConflict, (ticket) => ({ source: sourceOf(ticket) }));
    if (replacing) {
      const ids = saved.map((fold) => fold.ticket.id);
      for (const statement of deleteChildren) statement.run(ids);
    }
    const customerOf = new Map(saved.map((fold) => [fold.ticket.id, fold.ticket.customerId]));
    complaintRows.insertMany(saved.flatMap((fold) => fold.complaints), '', (complaint) => ({ customerId: customerOf.get(complaint.ticketId)! }));
    surveyRows.insertMany(saved.flatMap((fold) => fold.surveys));
    partsRows.insertMany(saved.flatMap((fold) => fold.parts));
  }

  /** Writes folded tickets whole, replacing what is stored of them; `sourceOf` names the system that created each ticket. */
  const save = (folded: readonly FoldedTicket[], sourceOf: (ticket: TicketState) => string): void => writeWhole(folded, sourceOf, true);

  return {
    byIds(ids: readonly string[]): Map<string, TicketRow> {
      const found = new Map<string, TicketRow>();
      for (const values of byIdList.all(ids)) {
        const row = ticketRows.decode(values);
        found.set(row.id, row);
      }
      return found;
    },

    /**
     * Writes what moved between each ticket as stored (`before`, as an earlier `save` or `saveChanged`
     * wrote it) and as folded now: the changed columns of its row, and its new or changed complaints,
     * surveys and parts. A ticket not stored before is written whole; `sourceOf` names its source.
     */
    saveChanged(changes: readonly { before: FoldedTicket; after: FoldedTicket }[], sourceOf: (ticket: TicketState) => string): void {
      const whole: FoldedTicket[] = [];
      for (const { before, after } of changes) {
        if (!after.ticket) continue;
        if (!before.ticket || !keepsChildren(before, after)) {
          whole.push(after);
          continue;
        }
        ticketRows.updateChanged(before.ticket, after.ticket, ['id']);
        if (after.complaints.length > 0) {
          const customer = { before: { customerId: before.ticket.customerId }, after: { customerId: after.ticket.customerId } };
          writeChildren(complaintRows, before.complaints, after.complaints, ['ticketId', 'id'], customer);
        }
        writeChildren(surveyRows, before.surveys, after.surveys, ['id']);
        writeChildren(partsRows, before.parts, after.parts, ['ticketId', 'id']);
      }
      save(whole, sourceOf);
    },

    save,

    /**
     * Writes tickets none of whose rows is stored yet (every event of theirs is new in the batch): the
     * same rows as `save`, without first deleting children that cannot be there.
     */
    insertNew(folded: readonly FoldedTicket[], sourceOf: (ticket: TicketState) => string): void {
      writeWhole(folded, sourceOf, false);
    },
  };
}

/** Whether every child stored before is still there after: a fold carried on only adds children or changes them. */
function keepsChildren(before: FoldedTicket, after: FoldedTicket): boolean {
  return keeps(before.complaints, after.complaints) && keeps(before.surveys, after.surveys) && keeps(before.parts, after.parts);
}

/** Whether `now` starts with the children of `was`, in order. A loop: it runs for every changed ticket. */
function keeps(was: readonly { id: string }[], now: readonly { id: string }[]): boolean {
  if (was.length > now.length) return false;
  for (let index = 0; index < was.length; index++) if (now[index]!.id !== was[index]!.id) return false;
  return true;
}

/** Inserts the children new since `before` and updates the changed columns of those already stored (same order, see keepsChildren). */
function writeChildren<Child extends { id: string }, Extra extends object>(
  rows: {
    insertMany(rows: readonly Child[], conflict?: string, extraOf?: (row: Child) => Extra): void;
    updateChanged(before: Child, after: Child, keys: readonly string[], extraBefore?: Extra, extraAfter?: Extra): void;
  },
  before: readonly Child[],
  after: readonly Child[],
  keys: readonly string[],
  extra?: { before: Extra; after: Extra },
): void {
  for (let index = 0; index < before.length; index++) rows.updateChanged(before[index]!, after[index]!, keys, extra?.before, extra?.after);
  if (after.length > before.length) rows.insertMany(after.slice(before.length), '', extra && (() => extra.after));
}

export type TicketStore = ReturnType<typeof createTicketStore>;
