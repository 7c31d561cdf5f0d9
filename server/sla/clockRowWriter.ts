import { getTableColumns } from 'drizzle-orm';
import type Database from 'better-sqlite3';
import { slaClocks } from '../../db/schema';
import type { StoredSlaClock } from './slaStore';

/** The columns in the order encodeClock gives them; the writer refuses to start if the table has others. */
const ENCODED: readonly (keyof StoredSlaClock)[] = [
  'ticketId', 'metric', 'cycle', 'subjectId', 'centerId', 'policyId', 'policyVersion', 'calendarId', 'timeZone', 'counting', 'state',
  'breached', 'startedAt', 'stoppedAt', 'targetMs', 'dueAt', 'originalDueAt', 'elapsedBusinessMs', 'elapsedCalendarMs', 'countedUntil',
  'runningSince', 'thresholds', 'fired', 'metAnnounced', 'nextFireAt', 'priority', 'customerId',
];

const KEY_COLUMNS: readonly (keyof StoredSlaClock)[] = ['ticketId', 'metric', 'cycle'];

/**
 * One clock's parameters, each column named, json as text and booleans as 0/1 as drizzle stores them. Every
 * changed clock of a batch is encoded here; the row codec's per-column encoders, called through a closure
 * and a keyed read each, took twice as long (a sixth of writing a clock, in a cpu-prof of bench:stall).
 */
function encodeClock(row: StoredSlaClock, params: unknown[]): void {
  params.push(
    row.ticketId, row.metric, row.cycle, row.subjectId ?? null, row.centerId, row.policyId, row.policyVersion, row.calendarId, row.timeZone, row.counting, row.state,
    row.breached ? 1 : 0, row.startedAt, row.stoppedAt ?? null, row.targetMs, row.dueAt, row.originalDueAt, row.elapsedBusinessMs, row.elapsedCalendarMs, row.countedUntil,
    row.runningSince ?? null, JSON.stringify(row.thresholds), row.fired.length === 0 ? '[]' : JSON.stringify(row.fired), row.metAnnounced ? 1 : 0, row.nextFireAt ?? null,
    row.priority ?? null, row.customerId ?? null,
  );
}

/**
 * Upserts whole clock rows, one statement run per row. Many rows to a statement (runs of 64, then powers of
 * two) was slower: replaying a 2-day run's 15,784 clock writes, 193-318 ms (median ~244) against 146-224 ms
 * (median ~187) one by one.
 */
export function createClockRowWriter(client: Database.Database) {
  const columns = getTableColumns(slaClocks);
  const missing = Object.keys(columns).filter((key) => !ENCODED.includes(key as keyof StoredSlaClock));
  if (missing.length > 0) throw new Error(`sla_clocks has columns the clock writer does not encode: ${missing.join(', ')}`);
  const names = ENCODED.map((key) => columns[key].name);
  const overwrite = ENCODED.filter((key) => !KEY_COLUMNS.includes(key)).map((key) => `${columns[key].name} = excluded.${columns[key].name}`);
  const conflict = `on conflict (${KEY_COLUMNS.map((key) => columns[key].name).join(', ')}) do update set ${overwrite.join(', ')}`;
  const upsertOne = client.prepare(`insert into sla_clocks (${names.join(', ')}) values (${names.map(() => '?').join(', ')}) ${conflict}`);
  // One parameter list, refilled per row: the statement has read it by the time run() returns.
  const params: unknown[] = [];

  return {
    upsert(rows: readonly StoredSlaClock[]): void {
      for (const row of rows) {
        params.length = 0;
        encodeClock(row, params);
        upsertOne.run(params);
      }
    },
  };
}
