import { type IngestEvent, type IngestResult, type RejectedEvent, parseIngestEvent } from '../../shared/ingest/eventSchema';
import { DEFAULT_EVENT_TIME_BOUNDS, type EventTimeBounds, eventTimeCheck } from '../../shared/ingest/eventTimeBounds';
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
    /** Each valid event's index in the batch as sent, by its place in `valid`. */
    const indexOf: number[] = [];
    const rejected: RejectedEvent[] = [];
    const timeErrorsOf = eventTimeCheck(timeBounds, now);
    for (let index = 0; index < rawEvents.length; index++) {
      const parsed = parseIngestEvent(rawEvents[index], index);
      if (!parsed.ok) {
        rejected.push(parsed.rejection);
        continue;
      }
      const timeErrors = timeErrorsOf(parsed.event);
      if (timeErrors) rejected.push({ index, id: parsed.event.id, errors: timeErrors });
      else {
        valid.push(parsed.event);
        indexOf.push(index);
      }
    }
    const unknown = unknownReferences(valid, referenceStore);
    if (unknown.size === 0) return { valid, rejected };
    valid.forEach((event, place) => {
      const errors = unknown.get(event);
      if (errors) rejected.push({ index: indexOf[place]!, id: event.id, errors });
    });
    rejected.sort((a, b) => a.index - b.index);
    return { valid: valid.filter((event) => !unknown.has(event)), rejected };
  }

  return {
    ingest(rawEvents: readonly unknown[], source: string): IngestResult {
      const committedAt = deps.clock.now();
      const started = performance.now();
      const { valid, rejected } = validate(rawEvents, committedAt);
      pipeline.count('validation', started);
      const { fresh, ticketIds, centerIds } = pipeline.commit(newCommitBatch(source, committedAt, valid));
      if (fresh.length > 0) bus.emit('committed', { ticketIds, centerIds: [...centerIds], committedAt });
      return { accepted: fresh.length, duplicates: valid.length - fresh.length, rejected };
    },
  };
}

export type IngestService = ReturnType<typeof createIngestService>;
