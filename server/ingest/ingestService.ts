import { type IngestEvent, type IngestResult, type RejectedEvent, parseIngestEvent } from '../../shared/ingest/eventSchema';
import { DEFAULT_EVENT_TIME_BOUNDS, type EventTimeBounds, eventTimeErrors } from '../../shared/ingest/eventTimeBounds';
import type { Clock } from '../clock';
import type { ReferenceStore } from '../store/referenceStore';
import { type CommitBus, type CommitPipeline, newCommitBatch } from './commitPipeline';
import { unknownReferences } from './referenceCheck';

export type { CommittedBatch } from './commitPipeline';

export interface IngestDeps {
  clock: Clock;
  referenceStore: ReferenceStore;
  /** The ingest transaction's stages, in order (see createCommitPipeline). */
  pipeline: CommitPipeline;
  /** Heard once a batch with new events has committed. */
  bus: CommitBus;
  /** Which instants an event may carry, around the clock's now; the defaults when absent. */
  eventTimeBounds?: EventTimeBounds;
}

/**
 * The one ingest path: the HTTP API, the simulator and the importer all come through here.
 * A batch is validated event by event, then appended, folded and rolled up in one transaction;
 * the result is returned only after that transaction has committed.
 */
export function createIngestService(deps: IngestDeps) {
  const { referenceStore, pipeline, bus } = deps;

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

  return {
    ingest(rawEvents: readonly unknown[], source: string): IngestResult {
      const committedAt = deps.clock.now();
      const started = process.cpuUsage();
      const { valid, rejected } = validate(rawEvents, committedAt);
      pipeline.count('validation', started);
      const { fresh, ticketIds, centerIds } = pipeline.commit(newCommitBatch(source, committedAt, valid));
      if (fresh.length > 0) bus.emit('committed', { ticketIds, centerIds: [...centerIds], committedAt });
      return { accepted: fresh.length, duplicates: valid.length - fresh.length, rejected };
    },
  };
}

export type IngestService = ReturnType<typeof createIngestService>;
