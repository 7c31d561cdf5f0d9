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

function refolded(history: readonly StoredEvent[]): ClockSpanFold {
  const fold = new ClockSpanFold();
  for (const event of [...history].sort(compareEvents)) fold.apply(event);
  return fold;
}

/** Each of `toRefold` folded from its whole history; a ticket whose every logged event is among `freshOf`'s (most often one just created) from those alone. */
function refoldAll(eventLog: EventLog, toRefold: readonly string[], freshOf: ReadonlyMap<string, StoredEvent[]>, folds: Map<string, ClockSpanFold>): string[] {
  const logged = eventLog.countsOf(toRefold);
  const readBack: string[] = [];
  for (const ticketId of toRefold) {
    const fresh = freshOf.get(ticketId)!;
    if (logged.get(ticketId) === fresh.length) folds.set(ticketId, refolded(fresh));
    else readBack.push(ticketId);
  }
  for (const [ticketId, history] of eventLog.forTickets(readBack)) folds.set(ticketId, refolded(history));
  return readBack;
}

/**
 * Folds the changed tickets and stores their state. A ticket whose fresh events all come after its
 * latest one carries its kept fold on, and only what moved since it was stored is written; one not
 * kept, or with an event that lands earlier, is refolded and written whole. The folds are kept again,
 * with the state just stored, once the transaction commits.
 */
export function foldStage(eventLog: EventLog, ticketStore: TicketStore, cache: FoldCache): CommitStage {
  return {
    name: 'keeping the ticket folds',
    run(batch) {
      const freshOf = byTicket([...batch.fresh, ...batch.derived]);
      const folds = new Map<string, ClockSpanFold>();
      const carriedFrom: { before: FoldedTicket; ticketId: string }[] = [];
      const toRefold: string[] = [];
      for (const ticketId of batch.ticketIds) {
        const events = freshOf.get(ticketId)!.sort(compareEvents);
        const carried = cache.take(ticketId);
        if (carried && carried.spans.fold.follows(events[0]!)) {
          // The center it was filed under before these events: its figures move too if they refile it.
          if (carried.stored.ticket) batch.centerIds.add(carried.stored.ticket.centerId);
          for (const event of events) carried.spans.apply(event);
          folds.set(ticketId, carried.spans);
          carriedFrom.push({ before: carried.stored, ticketId });
        } else toRefold.push(ticketId);
      }
      // Only a ticket with earlier events is read back: its stored row names its source and its center before.
      const sourceOf = new Map<string, string>();
      for (const row of ticketStore.byIds(refoldAll(eventLog, toRefold, freshOf, folds)).values()) {
        sourceOf.set(row.id, row.source);
        batch.centerIds.add(row.centerId);
      }

      for (const ticketId of batch.ticketIds) batch.folded.set(ticketId, folds.get(ticketId)!.fold.result());
      const source = (ticket: TicketState) => sourceOf.get(ticket.id) ?? batch.source;
      ticketStore.save(toRefold.map((ticketId) => batch.folded.get(ticketId)!), source);
      ticketStore.saveChanged(carriedFrom.map(({ before, ticketId }) => ({ before, after: batch.folded.get(ticketId)! })), source);
      for (const { ticket } of batch.folded.values()) if (ticket) batch.centerIds.add(ticket.centerId);
      for (const [ticketId, fold] of folds) batch.clockSpans.set(ticketId, fold.spans());
      return () => {
        for (const [ticketId, spans] of folds) cache.put(ticketId, { spans, stored: batch.folded.get(ticketId)! });
      };
    },
  };
}
