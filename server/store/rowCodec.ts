import { getTableColumns } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type Database from 'better-sqlite3';

/** SQLite caps the bound parameters of one statement; multi-row writes stay below it. */
const MAX_PARAMS = 30_000;
/** Rows per multi-row statement: enough to amortise the call into SQLite, few enough to cache a statement per size. */
export const ROWS_PER_STATEMENT = 64;

interface ColumnCodec {
  key: string;
  name: string;
  encode: (value: unknown) => unknown;
  decode: (value: unknown) => unknown;
}

const asIs = (value: unknown) => value ?? null;

function codecOf(key: string, name: string, columnType: string): ColumnCodec {
  if (columnType === 'SQLiteTextJson') {
    return { key, name, encode: (value) => (value == null ? null : JSON.stringify(value)), decode: (value) => (value == null ? null : JSON.parse(value as string)) };
  }
  if (columnType === 'SQLiteBoolean') {
    return { key, name, encode: (value) => (value == null ? null : value ? 1 : 0), decode: (value) => (value == null ? null : value === 1) };
  }
  return { key, name, encode: asIs, decode: asIs };
}

/**
 * A table's rows as positional parameters for plain better-sqlite3 statements, with the json and
 * boolean columns drizzle would map. The ingest path writes and reads thousands of rows a batch
 * here, where drizzle's per-call query building costs more than SQLite's own work.
 */
export function createRowCodec<Row extends object>(client: Database.Database, table: SQLiteTable, tableName: string) {
  const columns = Object.entries(getTableColumns(table)).map(([key, column]) => codecOf(key, column.name, column.columnType));
  const columnList = columns.map((column) => column.name).join(', ');
  const rowPlaceholders = `(${columns.map(() => '?').join(', ')})`;
  const rowsPerStatement = Math.max(1, Math.min(ROWS_PER_STATEMENT, Math.floor(MAX_PARAMS / columns.length)));
  const inserts = new Map<number, Database.Statement>();

  function insertStatement(count: number, conflict: string): Database.Statement {
    let statement = inserts.get(count);
    if (!statement) {
      statement = client.prepare(`insert into ${tableName} (${columnList}) values ${Array.from({ length: count }, () => rowPlaceholders).join(', ')} ${conflict}`);
      inserts.set(count, statement);
    }
    return statement;
  }

  const updates = new Map<string, Database.Statement>();
  const nameOf = new Map(columns.map((column) => [column.key, column.name]));
  /** `update … set` the columns named (by key, comma-separated) `where` the key columns, prepared once per set. */
  function updateStatement(changed: string, keys: readonly string[]): Database.Statement {
    const cacheKey = `${changed}|${keys.join(',')}`;
    let statement = updates.get(cacheKey);
    if (!statement) {
      const assignments = changed.split(',').map((key) => `${nameOf.get(key)} = ?`).join(', ');
      statement = client.prepare(`update ${tableName} set ${assignments} where ${keys.map((key) => `${nameOf.get(key)} = ?`).join(' and ')}`);
      updates.set(cacheKey, statement);
    }
    return statement;
  }

  function encode(row: Row, params: unknown[], extra?: Partial<Row>): void {
    const record = row as Record<string, unknown>;
    const added = extra as Record<string, unknown> | undefined;
    for (const column of columns) params.push(column.encode(added !== undefined && column.key in added ? added[column.key] : record[column.key]));
  }

  return {
    /** Every column, in the order `encode` and `decode` use. */
    columnList,

    /**
     * Inserts rows in multi-row statements; `conflict` is the statement's `on conflict …` clause, if any.
     * `extraOf` gives columns a row lacks (its source, say): spreading a wide object into a wider one is
     * slow in V8, slower than the insert.
     */
    insertMany<Given extends object>(rows: readonly Given[], conflict = '', extraOf?: (row: Given) => Partial<Row>): void {
      for (let start = 0; start < rows.length; start += rowsPerStatement) {
        const slice = rows.slice(start, start + rowsPerStatement);
        const params: unknown[] = [];
        for (const row of slice) encode(row as unknown as Row, params, extraOf?.(row));
        insertStatement(slice.length, conflict).run(params);
      }
    },

    /** A row read in raw (array) mode with `select ${columnList}`, back as the object drizzle would give. */
    decode(values: readonly unknown[]): Row {
      const row: Record<string, unknown> = {};
      columns.forEach((column, index) => {
        row[column.key] = column.decode(values[index]);
      });
      return row as Row;
    },

    /**
     * Writes only the columns in which `after` would be stored differently from `before`, in an
     * `update … where` on `keys`; does nothing when they are alike. A narrow update leaves the indexes
     * and foreign keys of the columns it does not set untouched, which a whole-row upsert does not.
     * `extraBefore` and `extraAfter` give columns the rows lack, as `insertMany`'s `extraOf` does.
     */
    updateChanged<Given extends object>(before: Given, after: Given, keys: readonly string[], extraBefore?: Partial<Row>, extraAfter?: Partial<Row>): void {
      const old = before as Record<string, unknown>;
      const now = after as Record<string, unknown>;
      const addedBefore = extraBefore as Record<string, unknown> | undefined;
      const addedAfter = extraAfter as Record<string, unknown> | undefined;
      const params: unknown[] = [];
      let changed = '';
      for (const column of columns) {
        const value = column.encode(addedAfter !== undefined && column.key in addedAfter ? addedAfter[column.key] : now[column.key]);
        if (value === column.encode(addedBefore !== undefined && column.key in addedBefore ? addedBefore[column.key] : old[column.key])) continue;
        params.push(value);
        changed += changed === '' ? column.key : `,${column.key}`;
      }
      if (changed === '') return;
      for (const key of keys) params.push(now[key]);
      updateStatement(changed, keys).run(params);
    },

    /** The `excluded.…` assignments of an upsert that overwrites every column but those kept. */
    overwriteExcept(kept: readonly string[]): string {
      return columns
        .filter((column) => !kept.includes(column.key))
        .map((column) => `${column.name} = excluded.${column.name}`)
        .join(', ');
    },
  };
}

/**
 * A statement over an `in (…)` list of ids, prepared once per list length; lists longer than a
 * slice go in several runs. `sql` has one `(?)` where the list goes.
 */
export function createIdListQuery(client: Database.Database, sql: string, slice = 500) {
  const bySize = new Map<number, Database.Statement>();
  const statementFor = (size: number) => {
    let statement = bySize.get(size);
    if (!statement) {
      statement = client.prepare(sql.replace('(?)', `(${Array.from({ length: size }, () => '?').join(', ')})`));
      if (statement.reader) statement.raw(true);
      bySize.set(size, statement);
    }
    return statement;
  };
  return {
    /** Raw rows of the query for these ids. */
    all(ids: readonly unknown[]): unknown[][] {
      const rows: unknown[][] = [];
      for (let start = 0; start < ids.length; start += slice) {
        const part = ids.slice(start, start + slice);
        for (const row of statementFor(part.length).all(part) as unknown[][]) rows.push(row);
      }
      return rows;
    },
    run(ids: readonly unknown[]): void {
      for (let start = 0; start < ids.length; start += slice) {
        const part = ids.slice(start, start + slice);
        statementFor(part.length).run(part);
      }
    },
  };
}

/** `head values` + rows of `width` parameters + `tail`, run many rows to a statement. */
export function createMultiRowStatement(client: Database.Database, head: string, width: number, tail = '') {
  const bySize = new Map<number, Database.Statement>();
  const row = `(${Array.from({ length: width }, () => '?').join(', ')})`;
  return {
    runMany(rows: readonly (readonly unknown[])[]): void {
      for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
        const slice = rows.slice(start, start + ROWS_PER_STATEMENT);
        let statement = bySize.get(slice.length);
        if (!statement) {
          statement = client.prepare(`${head} ${Array.from({ length: slice.length }, () => row).join(', ')} ${tail}`);
          bySize.set(slice.length, statement);
        }
        statement.run(slice.flat());
      }
    },
  };
}
