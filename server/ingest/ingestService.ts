import type { Db } from '../../db/connection';
import { type StoredEvent, foldTicket } from '../../shared/domain/ticketFold';
import { type IngestEvent, type IngestResult, type RejectedEvent, parseIngestEvent } from '../../shared/ingest/eventSchema';
import { DEFAULT_EVENT_TIME_BOUNDS, type EventTimeBounds, eventTimeErrors } from '../../shared/ingest/eventTimeBounds';
import type { Clock } from '../clock';
import type { EventLog } from '../store/eventLog';
import type { ReferenceStore } from '../store/referenceStore';
import type { TicketStore } from '../store/ticketStore';
import { runAfterCommit } from './afterCommit';
import { unknownReferences } from './referenceCheck';

/** What the engines downstream learn once a batch is committed. */
export interface CommittedBatch {
  ticketIds: string[];
  centerIds: string[];
  committedAt: number;
}

export interface IngestDeps {
  db: Db;
  clock: Clock;
  eventLog: EventLog;
  ticketStore: TicketStore;
  referenceStore: ReferenceStore;
  onCommitted: (batch: CommittedBatch) => void;
  /** Which instants an event may carry, around the clock's now; the defaults when absent. */
  eventTimeBounds?: EventTimeBounds;
  /** Where a failing after-commit step is reported. */
  log?: (line: string) => void;
  /**
   * Engines that derive state from the folded tickets (the SLA clocks) write it in the same
   * transaction, and return what they owe once it has committed.
   */
  afterFold?: (ticketIds: string[], eventsByTicket: ReadonlyMap<string, StoredEvent[]>) => () => void;
  /** Events that follow from fresh ones (a low return-visit score opens a complaint), appended in the same transaction. */
  derive?: (fresh: readonly IngestEvent[]) => IngestEvent[];
}

/**
 * The one ingest path: the HTTP API, the simulator and the importer all come through here.
 * A batch is validated event by event, then appended, folded and rolled up in one transaction;
 * the result is returned only after that transaction has committed.
 */
export function createIngestService(deps: IngestDeps) {
  const { db, eventLog, ticketStore, referenceStore } = deps;

  const timeBounds = deps.eventTimeBounds ?? DEFAULT_EVENT_TIME_BOUNDS;

  function validate(rawEvents: readonly unknown[], now: number): { valid: IngestEvent[]; rejected: RejectedEvent[] } {
    const valid: IngestEvent[] = [];
    const indexOf = new Map<IngestEvent, number>();
    const rejected: RejectedEvent[] = [];
    rawEvents.forEach((raw, index) => {
      const parsed = parseIngestEvent(raw, index);
      const timeErrors = parsed.ok ? eventTimeErrors(parsed.event, timeBounds, now) : [];
      if (!parsed.ok) rejected.push(parsed.rejection);
      else if (timeErrors.length > 0) rejected.push({ index, id: parsed.event.id, errors: timeErrors });
      else {
        valid.push(parsed.event);
        indexOf.set(parsed.event, index);
      }
    });
    const unknown = unknownReferences(valid, referenceStore);
    for (const [event, errors] of unknown) rejected.push({ index: indexOf.get(event)!, id: event.id, errors });
    rejected.sort((a, b) => a.index - b.index);
    return { valid: valid.filter((event) => !unknown.has(event)), rejected };
  }

  const commit = db.$client.transaction((events: IngestEvent[], source: string, receivedAt: number) => {
    const fresh = eventLog.append(events, source, receivedAt);
    const derived = deps.derive ? eventLog.append(deps.derive(fresh), source, receivedAt) : [];
    const ticketIds = [...new Set([...fresh, ...derived].map((event) => event.ticketId))];
    if (ticketIds.length === 0) return { fresh, ticketIds, centerIds: [] as string[], publish: undefined };
    const before = ticketStore.byIds(ticketIds);
    const eventsByTicket = eventLog.forTickets(ticketIds);
    const folded = ticketIds.map((id) => foldTicket(eventsByTicket.get(id) ?? []));
    ticketStore.save(folded, (ticket) => before.get(ticket.id)?.source ?? source);
    const centerIds = new Set<string>();
    for (const fold of folded) if (fold.ticket) centerIds.add(fold.ticket.centerId);
    for (const row of before.values()) centerIds.add(row.centerId);
    const publish = deps.afterFold?.(ticketIds, eventsByTicket);
    return { fresh, ticketIds, centerIds: [...centerIds], publish };
  });

  return {
    ingest(rawEvents: readonly unknown[], source: string): IngestResult {
      const committedAt = deps.clock.now();
      const { valid, rejected } = validate(rawEvents, committedAt);
      const { fresh, ticketIds, centerIds, publish } = commit(valid, source, committedAt);
      // Committed: from here on the answer is the commit's, whatever a downstream step does.
      const log = deps.log ?? (() => {});
      if (publish) runAfterCommit(log, 'publishing the batch to the engines', publish);
      if (fresh.length > 0) runAfterCommit(log, 'the committed-batch listeners', () => deps.onCommitted({ ticketIds, centerIds, committedAt }));
      return { accepted: fresh.length, duplicates: valid.length - fresh.length, rejected };
    },
  };
}

export type IngestService = ReturnType<typeof createIngestService>;
