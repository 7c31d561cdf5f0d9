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

/** The tickets refolded in a batch, by what is stored of them already. */
interface Refolds {
  /** Kept tickets with an event landing before their latest: their stored state is the kept one. */
  kept: string[];
  /** Tickets whose every logged event is new in the batch (most often just created): nothing of them is stored. */
  unstored: string[];
  /** Tickets neither kept nor new: their stored row is read back for its source and center. */
  readBack: string[];
}

/** Each refold folded from its whole history; a ticket whose every logged event is among `freshOf`'s from those alone. */
function refoldAll(eventLog: EventLog, refolds: Refolds, notKept: readonly string[], freshOf: ReadonlyMap<string, StoredEvent[]>, folds: Map<string, ClockSpanFold>): void {
  const logged = eventLog.countsOf(notKept);
  for (const ticketId of notKept) {
    const fresh = freshOf.get(ticketId)!;
    if (logged.get(ticketId) === fresh.length) {
      folds.set(ticketId, refolded(fresh));
      refolds.unstored.push(ticketId);
    } else refolds.readBack.push(ticketId);
  }
  for (const [ticketId, history] of eventLog.forTickets([...refolds.kept, ...refolds.readBack])) folds.set(ticketId, refolded(history));
}

/**
 * Folds the changed tickets and stores their state. A ticket whose fresh events all come after its
 * latest one carries its kept fold on; one with an event that lands earlier is refolded from the log.
 * Either way a kept ticket writes only what moved since the state kept with its fold; a ticket not
 * kept is written whole. The folds are kept again, with the state just stored, once the transaction commits.
 */
export function foldStage(eventLog: EventLog, ticketStore: TicketStore, cache: FoldCache): CommitStage {
  return {
    name: 'keeping the ticket folds',
    run(batch) {
      const freshOf = byTicket([...batch.fresh, ...batch.derived]);
      const folds = new Map<string, ClockSpanFold>();
      const storedBefore: { before: FoldedTicket; ticketId: string }[] = [];
      const refolds: Refolds = { kept: [], unstored: [], readBack: [] };
      const notKept: string[] = [];
      for (const ticketId of batch.ticketIds) {
        const events = freshOf.get(ticketId)!.sort(compareEvents);
        const carried = cache.take(ticketId);
        if (!carried) {
          notKept.push(ticketId);
          continue;
        }
        // The center it was filed under before these events: its figures move too if they refile it.
        if (carried.stored.ticket) batch.centerIds.add(carried.stored.ticket.centerId);
        storedBefore.push({ before: carried.stored, ticketId });
        if (carried.spans.fold.follows(events[0]!)) {
          for (const event of events) carried.spans.apply(event);
          folds.set(ticketId, carried.spans);
        } else refolds.kept.push(ticketId);
      }
      refoldAll(eventLog, refolds, notKept, freshOf, folds);
      // Only a ticket neither kept nor new is read back: its stored row names its source and its center before.
      const sourceOf = new Map<string, string>();
      for (const row of ticketStore.byIds(refolds.readBack).values()) {
        sourceOf.set(row.id, row.source);
        batch.centerIds.add(row.centerId);
      }

      for (const ticketId of batch.ticketIds) batch.folded.set(ticketId, folds.get(ticketId)!.fold.result());
      // A stored row keeps its source on a rewrite; only a ticket new to the store takes the batch's.
      const source = (ticket: TicketState) => sourceOf.get(ticket.id) ?? batch.source;
      const foldedOf = (ids: readonly string[]) => ids.map((ticketId) => batch.folded.get(ticketId)!);
      ticketStore.save(foldedOf(refolds.readBack), source);
      ticketStore.insertNew(foldedOf(refolds.unstored), source);
      ticketStore.saveChanged(storedBefore.map(({ before, ticketId }) => ({ before, after: batch.folded.get(ticketId)! })), source);
      for (const { ticket } of batch.folded.values()) if (ticket) batch.centerIds.add(ticket.centerId);
      for (const [ticketId, fold] of folds) batch.clockSpans.set(ticketId, fold.spans());
      return () => {
        for (const [ticketId, spans] of folds) cache.put(ticketId, { spans, stored: batch.folded.get(ticketId)! });
      };
    },
  };
}
