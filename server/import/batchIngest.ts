import type { FieldError } from '../../shared/ingest/eventSchema';
import type { IngestService } from '../ingest/ingestService';

/**
 * Events per ingest call for an import. Far larger than a live source's batch: nobody waits on an
 * import's event loop, and a ticket touched several times in one transaction is written once, so a
 * 100k-event history imports ~17 % faster per CPU second than in batches of 2,000 (docs/PERFORMANCE.md).
 * Larger still gains less and holds SQLite's write lock longer (about a second each on a quiet core)
 * against a server writing the same store.
 */
export const IMPORT_BATCH_SIZE = 10_000;
/** Rejections kept with their reasons; past this they are still counted, so a file of garbage cannot exhaust memory. */
const KEPT_REJECTIONS = 10_000;

/** An event the import refused: the line of the file it came from, its id when readable, and each field's reason. */
export interface RejectedLine {
  line: number;
  id: string | null;
  errors: FieldError[];
}

export interface ImportTally {
  eventsRead: number;
  eventsAccepted: number;
  duplicates: number;
  /** Every rejection, including those past `rejected`'s length. */
  rejectedCount: number;
  /** The first rejections in file order, with their reasons. */
  rejected: RejectedLine[];
}

export interface BatchIngestOptions {
  source: string;
  batchSize?: number;
  /** Called after each committed batch with the events handed to ingest so far. */
  onIngested?: (eventsDone: number) => void;
}

/**
 * Feeds events from a file to the one ingest path in large batches, remembering the line each came
 * from so a rejection names it. Ingesting is synchronous, so a reader that awaits between lines is
 * held back while a batch commits and memory stays at one batch.
 */
export function createBatchIngest(ingestService: Pick<IngestService, 'ingest'>, options: BatchIngestOptions) {
  const batchSize = options.batchSize ?? IMPORT_BATCH_SIZE;
  const tally: ImportTally = { eventsRead: 0, eventsAccepted: 0, duplicates: 0, rejectedCount: 0, rejected: [] };
  let events: unknown[] = [];
  let lines: number[] = [];

  function reject(rejection: RejectedLine): void {
    tally.rejectedCount += 1;
    if (tally.rejected.length < KEPT_REJECTIONS) tally.rejected.push(rejection);
  }

  function flush(): void {
    if (events.length === 0) return;
    const result = ingestService.ingest(events, options.source);
    tally.eventsAccepted += result.accepted;
    tally.duplicates += result.duplicates;
    for (const rejection of result.rejected) reject({ line: lines[rejection.index]!, id: rejection.id, errors: rejection.errors });
    events = [];
    lines = [];
    options.onIngested?.(tally.eventsRead);
  }

  return {
    /** An event read from `line`; batches are ingested as they fill. */
    add(event: unknown, line: number): void {
      tally.eventsRead += 1;
      events.push(event);
      lines.push(line);
      if (events.length >= batchSize) flush();
    },
    /** A line that never became an event (not JSON, say): counted as read and rejected. */
    rejectUnread(rejection: RejectedLine): void {
      tally.eventsRead += 1;
      reject(rejection);
    },
    /** Ingests what is left and returns the totals; rejections sorted by line. */
    finish(): ImportTally {
      flush();
      tally.rejected.sort((a, b) => a.line - b.line);
      return tally;
    },
  };
}
