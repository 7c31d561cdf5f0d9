import { type FoldedTicket, type StoredEvent, type TicketState, compareEvents } from '../../../shared/domain/ticketFold';
import { ClockSpanFold } from '../../../shared/sla/clockSpans';
import type { EventLog } from '../../store/eventLog';
import type { TicketStore } from '../../store/ticketStore';
import type { CommitStage } from '../commitPipeline';
import type { FoldCache } from '../foldCache';

function byTicket(events: readonly StoredEvent[]): Map<string, StoredEvent[]> {
  const grouped = new Map<string, StoredEvent[]>();
  for (const event of events) {
    const list = grouped.get(event.ticketId);
    if (list) list.push(event);
    else grouped.set(event.ticketId, [event]);
  }
  return grouped;
}

/** A ticket's fold from its whole history, given in fold order. */
function folded(history: readonly StoredEvent[]): ClockSpanFold {
  const fold = new ClockSpanFold();
  for (const event of history) fold.apply(event);
  return fold;
}

/** A ticket folded in this batch, from its kept fold or afresh, with every event of it in the log. */
interface Folding {
  spans: ClockSpanFold;
  history: StoredEvent[];
}

/** The tickets neither kept nor seen in the batch before, by what is stored of them already. */
interface NotKept {
  /** Every logged event is new in the batch (most often the ticket was just created): nothing of it is stored. */
  unstored: string[];
  /** Stored before: its row is read back for its source and center, its history from the log. */
  readBack: string[];
}

/** Folds the tickets not kept, from their fresh events when those are all the log holds of them, else from the log. */
function foldNotKept(eventLog: EventLog, ticketIds: readonly string[], freshOf: ReadonlyMap<string, StoredEvent[]>, foldings: Map<string, Folding>): NotKept {
  const notKept: NotKept = { unstored: [], readBack: [] };
  const logged = eventLog.countsOf(ticketIds);
  for (const ticketId of ticketIds) {
    const fresh = freshOf.get(ticketId)!;
    if (logged.get(ticketId) === fresh.length) {
      foldings.set(ticketId, { spans: folded(fresh), history: fresh });
      notKept.unstored.push(ticketId);
    } else notKept.readBack.push(ticketId);
  }
  for (const [ticketId, history] of eventLog.forTickets(notKept.readBack)) {
    history.sort(compareEvents);
    foldings.set(ticketId, { spans: folded(history), history });
  }
  return notKept;
}

/**
 * Folds the changed tickets and stores their state. A ticket whose fresh events all come after its
 * latest one carries its kept fold on; one with an event that lands earlier is refolded from its kept
 * history. Either way a kept ticket writes only what moved since the state kept with its fold. A ticket
 * not kept is folded from the log and written whole. The folds are kept again, with the state just
 * stored and the history, once the transaction commits.
 */
export function foldStage(eventLog: EventLog, ticketStore: TicketStore, cache: FoldCache): CommitStage {
  return {
    name: 'keeping the ticket folds',
    run(batch) {
      const freshOf = byTicket([...batch.fresh, ...batch.derived]);
      const foldings = new Map<string, Folding>();
      const storedBefore: { before: FoldedTicket; ticketId: string }[] = [];
      const notKeptIds: string[] = [];
      for (const ticketId of batch.ticketIds) {
        const events = freshOf.get(ticketId)!.sort(compareEvents);
        const kept = cache.take(ticketId);
        if (!kept) {
          notKeptIds.push(ticketId);
          continue;
        }
        // The center it was filed under before these events: its figures move too if they refile it.
        if (kept.stored.ticket) batch.centerIds.add(kept.stored.ticket.centerId);
        storedBefore.push({ before: kept.stored, ticketId });
        if (kept.spans.fold.follows(events[0]!)) {
          for (const event of events) kept.spans.apply(event);
          for (const event of events) kept.history.push(event);
          foldings.set(ticketId, kept);
        } else {
          const history = [...kept.history, ...events].sort(compareEvents);
          foldings.set(ticketId, { spans: folded(history), history });
        }
      }
      const notKept = foldNotKept(eventLog, notKeptIds, freshOf, foldings);
      // Only a ticket neither kept nor new is read back: its stored row names its source and its center before.
      const sourceOf = new Map<string, string>();
      for (const row of ticketStore.byIds(notKept.readBack).values()) {
        sourceOf.set(row.id, row.source);
        batch.centerIds.add(row.centerId);
      }

      for (const ticketId of batch.ticketIds) batch.folded.set(ticketId, foldings.get(ticketId)!.spans.fold.result());
      // A stored row keeps its source on a rewrite; only a ticket new to the store takes the batch's.
      const source = (ticket: TicketState) => sourceOf.get(ticket.id) ?? batch.source;
      const foldedOf = (ids: readonly string[]) => ids.map((ticketId) => batch.folded.get(ticketId)!);
      ticketStore.save(foldedOf(notKept.readBack), source);
      ticketStore.insertNew(foldedOf(notKept.unstored), source);
      ticketStore.saveChanged(storedBefore.map(({ before, ticketId }) => ({ before, after: batch.folded.get(ticketId)! })), source);
      for (const { ticket } of batch.folded.values()) if (ticket) batch.centerIds.add(ticket.centerId);
      for (const [ticketId, { spans }] of foldings) batch.clockSpans.set(ticketId, spans.spans());
      return () => {
        for (const [ticketId, { spans, history }] of foldings) cache.put(ticketId, { spans, stored: batch.folded.get(ticketId)!, history });
      };
    },
  };
}
