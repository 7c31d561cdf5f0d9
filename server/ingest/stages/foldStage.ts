import { type StoredEvent, compareEvents } from '../../../shared/domain/ticketFold';
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

/**
 * Folds the changed tickets and stores their state. A ticket whose fresh events all come after its
 * latest one carries its kept fold on; one not kept, or with an event that lands earlier, is refolded
 * from the log. The folds are kept again once the transaction commits.
 */
export function foldStage(eventLog: EventLog, ticketStore: TicketStore, cache: FoldCache): CommitStage {
  return {
    name: 'keeping the ticket folds',
    run(batch) {
      const freshOf = byTicket([...batch.fresh, ...batch.derived]);
      const folds = new Map<string, ClockSpanFold>();
      const sourceOf = new Map<string, string>();
      const toRefold: string[] = [];
      for (const ticketId of batch.ticketIds) {
        const events = freshOf.get(ticketId)!.sort(compareEvents);
        const carried = cache.take(ticketId);
        if (carried && carried.spans.fold.follows(events[0]!)) {
          // Stored already: the center it was filed under before these events (its figures move too if
          // they refile it), and the source that created it. Not yet created, the creating batch names it.
          const filedUnder = carried.spans.fold.centerId();
          if (filedUnder !== null) {
            batch.centerIds.add(filedUnder);
            sourceOf.set(ticketId, carried.source);
          }
          for (const event of events) carried.spans.apply(event);
          folds.set(ticketId, carried.spans);
        } else toRefold.push(ticketId);
      }
      for (const [ticketId, history] of eventLog.forTickets(toRefold)) folds.set(ticketId, refolded(history));
      // Only a ticket refolded from the log is read back: its stored row names its source and its center before.
      for (const row of ticketStore.byIds(toRefold).values()) {
        sourceOf.set(row.id, row.source);
        batch.centerIds.add(row.centerId);
      }

      const folded = batch.ticketIds.map((ticketId) => folds.get(ticketId)!.fold.result());
      const source = (ticketId: string) => sourceOf.get(ticketId) ?? batch.source;
      ticketStore.save(folded, (ticket) => source(ticket.id));
      for (const { ticket } of folded) if (ticket) batch.centerIds.add(ticket.centerId);
      for (const [ticketId, fold] of folds) batch.clockSpans.set(ticketId, fold.spans());
      return () => {
        for (const [ticketId, spans] of folds) cache.put(ticketId, { spans, source: source(ticketId) });
      };
    },
  };
}
