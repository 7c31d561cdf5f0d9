import type { Db } from '../../db/connection';

/** The tables the ingest path writes, ticket state first, rollups last. */
export const INGEST_TABLES = ['tickets', 'ticket_events', 'complaints', 'surveys', 'parts_requests', 'metric_rollups', 'sla_clocks'] as const;

/** Tables whose content is a function of the accepted events alone (no arrival order, no receipt time). */
export const DERIVED_TABLES = ['tickets', 'complaints', 'surveys', 'parts_requests', 'metric_rollups'] as const;

export type TableDump = Record<string, string[]>;

/** Every user table in the file, including sqlite_sequence, so a stray AUTOINCREMENT bump shows too. */
export function allTables(db: Db): string[] {
  return db.$client
    .prepare(`select name from sqlite_master where type = 'table' and name not like '__drizzle%' order by name`)
    .pluck()
    .all() as string[];
}

/**
 * Rows as SQL literals (`quote()`), so 1, 1.0 and '1' differ, ordered by every column so the dump
 * depends on content and not on insertion order.
 */
export function dumpTables(db: Db, tables: readonly string[] = allTables(db)): TableDump {
  const dump: TableDump = {};
  for (const table of tables) {
    const columns = db.$client.prepare(`select name from pragma_table_info(?)`).pluck().all(table) as string[];
    const literal = columns.map((column) => `quote("${column}")`).join(` || '|' || `);
    const order = columns.map((column) => `"${column}"`).join(', ');
    dump[table] = db.$client.prepare(`select ${literal} from "${table}" order by ${order}`).pluck().all() as string[];
  }
  return dump;
}

export function rowCounts<T extends string = (typeof INGEST_TABLES)[number]>(db: Db, tables: readonly T[] = INGEST_TABLES as readonly string[] as readonly T[]): Record<T, number> {
  return Object.fromEntries(tables.map((table) => [table, db.$client.prepare(`select count(*) from "${table}"`).pluck().get() as number])) as Record<T, number>;
}
