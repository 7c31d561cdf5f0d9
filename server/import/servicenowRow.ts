import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type Info, parse } from 'csv-parse';
import {
  type RejectedRow,
  SERVICENOW_COLUMNS,
  type ServicenowRow,
  parseServicenowRow,
  servicenowRowSchema,
} from '../../shared/import/servicenowRow';

/** The rows of one export that passed the schema, in file order, and those that did not. */
export interface ReadRows {
  rowsRead: number;
  rows: ServicenowRow[];
  /** The file line each accepted row started on, so an event it gives that ingest refuses names it. */
  lineOf: Map<ServicenowRow, number>;
  rejected: RejectedRow[];
}

/** A file without the mapped columns is the wrong file, not a file of bad rows: refuse it whole. */
function checkedHeader(header: string[]): string[] {
  const names = header.map((name) => name.trim());
  const missing = SERVICENOW_COLUMNS.filter((column) => !names.includes(column));
  if (missing.length > 0) throw new Error(`not a ServiceNow incident export: missing column(s) ${missing.join(', ')}`);
  return names;
}

/**
 * Streams a CSV export and validates each row on its own, so one malformed row is reported
 * with its line and does not stop the others. `onBytes` reports how far parsing has come.
 */
export async function readServicenowRows(input: Readable, timeZone: string, onBytes?: (bytes: number) => void): Promise<ReadRows> {
  const schema = servicenowRowSchema(timeZone);
  const read: ReadRows = { rowsRead: 0, rows: [], lineOf: new Map(), rejected: [] };
  const parser = parse({ bom: true, columns: checkedHeader, info: true, relax_column_count: true, skip_empty_lines: true });
  await pipeline(input, parser, async (records: AsyncIterable<{ info: Info; record: Record<string, string> }>) => {
    for await (const { info, record } of records) {
      read.rowsRead += 1;
      const parsed = parseServicenowRow(schema, record, info.lines);
      if (parsed.ok) {
        read.rows.push(parsed.row);
        read.lineOf.set(parsed.row, info.lines);
      } else read.rejected.push(parsed.rejection);
      onBytes?.(info.bytes);
    }
  });
  return read;
}
