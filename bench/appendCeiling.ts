/**
 * The ceiling for ingest: better-sqlite3 appending the same events to the same ticket_events table
 * (with its unique id and ticket index) of a fresh migrated store, one prepared statement, one
 * transaction per batch, rows converted beforehand. No validation, fold or engine runs, so ingest
 * can approach this figure but never pass it.
 */
import { join } from 'node:path';
import { openDatabase } from '../db/connection';

export interface WireEvent {
  id: string;
  type: string;
  at: string;
  ticketId: string;
  data: unknown;
}

export interface AppendRate {
  perSecond: number;
  /** Rows per CPU-second of this process: what a shared machine's wall clock hides. */
  perCpuSecond: number;
}

/** Rows appended per second, measured on a store of its own in `dir`. */
export function measureAppendCeiling(dir: string, name: string, events: readonly WireEvent[], batch: number): AppendRate {
  const db = openDatabase(join(dir, `${name}-ceiling.db`));
  try {
    const receivedAt = Date.now();
    const rows = events.map((event) => [event.id, event.ticketId, event.type, Date.parse(event.at), receivedAt, 'bench', JSON.stringify(event.data)]);
    const insert = db.$client.prepare(
      'INSERT INTO ticket_events (id, ticket_id, type, at, received_at, source, data) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    const appendBatch = db.$client.transaction((slice: unknown[][]) => {
      for (const row of slice) insert.run(row);
    });
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    for (let start = 0; start < rows.length; start += batch) appendBatch(rows.slice(start, start + batch));
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    return { perSecond: rows.length / seconds, perCpuSecond: rows.length / ((cpu.user + cpu.system) / 1e6) };
  } finally {
    db.$client.close();
  }
}
