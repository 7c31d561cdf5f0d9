import type { FoldedTicket, StoredEvent } from '../../shared/domain/ticketFold';
import type { ClockSpanFold } from '../../shared/sla/clockSpans';

/** Tickets whose fold is kept: far more than are open or recently touched, and bounded. */
export const FOLDS_KEPT = 50_000;

/**
 * A kept fold, with the state its ticket was last stored with: the next change writes only what
 * moved from it.
 */
export interface KeptFold {
  spans: ClockSpanFold;
  stored: FoldedTicket;
  /**
   * Every event of the ticket in the log, in fold order: an event landing before the latest refolds
   * from these instead of reading the ticket's history back and parsing it.
   */
  history: StoredEvent[];
}

/**
 * Each recently changed ticket's fold as it stands, so an event that comes after the ticket's latest
 * one is applied to it directly instead of refolding the ticket's history from the log. Least recently
 * used folds are dropped past the bound; a dropped ticket is refolded from the log when it next changes.
 *
 * A fold is taken out while a transaction changes it and put back only once that commits, so a
 * rolled-back batch leaves no half-applied fold behind. The store is written by this process only (as
 * the live figures already assume), so what is kept here is what the log and the ticket tables hold.
 */
export function createFoldCache(capacity = FOLDS_KEPT) {
  const folds = new Map<string, KeptFold>();
  return {
    /** The ticket's fold, removed until it is put back. */
    take(ticketId: string): KeptFold | undefined {
      const fold = folds.get(ticketId);
      if (fold) folds.delete(ticketId);
      return fold;
    },

    put(ticketId: string, fold: KeptFold): void {
      folds.delete(ticketId);
      folds.set(ticketId, fold);
      if (folds.size > capacity) folds.delete(folds.keys().next().value!);
    },

    size: () => folds.size,
  };
}

export type FoldCache = ReturnType<typeof createFoldCache>;
