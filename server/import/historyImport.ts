import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { fieldErrors } from '../../shared/ingest/eventSchema';
import { type HistoryReferences, historyLineSchema } from '../../shared/import/historyLine';
import type { IngestService } from '../ingest/ingestService';
import type { ReferenceBatches, ReferenceService } from '../ingest/referenceService';
import { type ImportTally, createBatchIngest } from './batchIngest';

/** The source an imported history's events are recorded under unless the caller names one. */
export const HISTORY_SOURCE = 'history';

export interface HistoryImportOptions {
  source?: string;
  batchSize?: number;
  /** How many bytes of the input have been read, and how many events handed to ingest, after each batch. */
  onProgress?: (bytesRead: number, eventsDone: number) => void;
}

export interface HistoryImportSummary extends ImportTally {
  elapsedMs: number;
}

/**
 * Upserts the organisation a history names, parents before children, so its events find their centers.
 * Every row is checked before any is written: a refused one (a new row that leaves out a field it needs,
 * an unknown parent) throws the service's 400, naming it by kind, index and field, and leaves the store as it was.
 */
export function upsertHistoryReferences(referenceService: Pick<ReferenceService, 'upsertAll'>, references: HistoryReferences): number {
  return referenceService.upsertAll(references as ReferenceBatches).upserted;
}

/**
 * Imports JSON lines of ingest events through the one ingest path, in large batches. A line that is
 * not JSON, or whose event the ingest schema refuses, is reported with its line number and skipped;
 * blank lines are ignored. Event ids make it idempotent: a second import accepts nothing.
 */
export async function importHistoryLines(
  ingestService: Pick<IngestService, 'ingest'>,
  input: Readable,
  options: HistoryImportOptions = {},
): Promise<HistoryImportSummary> {
  const started = performance.now();
  let bytesRead = 0;
  input.on('data', (chunk: Buffer | string) => {
    bytesRead += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
  });
  const batches = createBatchIngest(ingestService, {
    source: options.source ?? HISTORY_SOURCE,
    batchSize: options.batchSize,
    onIngested: (eventsDone) => options.onProgress?.(bytesRead, eventsDone),
  });
  let line = 0;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    line += 1;
    const trimmed = (line === 1 ? text.replace(/^\uFEFF/, '') : text).trim();
    if (trimmed === '') continue;
    const parsed = historyLineSchema.safeParse(trimmed);
    if (parsed.success) batches.add(parsed.data, line);
    else batches.rejectUnread({ line, id: null, errors: fieldErrors(parsed.error) });
  }
  const tally = batches.finish();
  options.onProgress?.(bytesRead, tally.eventsRead);
  return { ...tally, elapsedMs: performance.now() - started };
}
