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
  /** Stored as given (null for undefined): compared without encoding. */
  plain: boolean;
  /** This column's bit in the set of changed columns an update statement is prepared for. */
  bit: number;
  encode: (value: unknown) => unknown;
  decode: (value: unknown) => unknown;
}

const asIs = (value: unknown) => value ?? null;

function codecOf(key: string, name: string, columnType: string, index: number): ColumnCodec {
  const bit = 2 ** index;
  if (columnType === 'SQLiteTextJson') {
    return { key, name, plain: false, bit, encode: (value) => (value == null ? null : JSON.stringify(value)), decode: (value) => (value == null ? null : JSON.parse(value as string)) };
  }
  if (columnType === 'SQLiteBoolean') {
    return { key, name, plain: false, bit, encode: (value) => (value == null ? null : value ? 1 : 0), decode: (value) => (value == null ? null : value === 1) };
  }
  return { key, name, plain: true, bit, encode: asIs, decode: asIs };
}

/** Widest table a codec takes: a set of changed columns is a bit mask held exactly in a double. */
const MAX_COLUMNS = 53;

/**
 * Rows cut into runs of `largest` and, for the rest, power-of-two runs below it (32, 16, …, 1 for 64):
 * a statement is prepared once per run length, and each batch has its own number of rows, so arbitrary
 * remainders prepared a statement afresh most batches. Every row lands in exactly one run, in order,
 * whatever `largest` is.
 */
export function inFixedRuns<Row>(rows: readonly Row[], largest: number): (readonly Row[])[] {
  if (rows.length === 0) return [];
  if (rows.length === largest) return [rows];
  const runs: Row[][] = [];
  let start = 0;
  for (; start + largest <= rows.length; start += largest) runs.push(rows.slice(start, start + largest));
  for (let size = 2 ** Math.floor(Math.log2(Math.max(1, largest - 1))); start < rows.length; size >>= 1) {
    while (rows.length - start >= size) {
      runs.push(rows.slice(start, start + size));
      start += size;
    }
  }
  return runs;
}

/** An id list's length rounded up to a step, so the same few statements serve every batch. */
const ID_LIST_STEP = 25;

/** Ids padded to a multiple of ID_LIST_STEP by repeating the first: `in (…)` ignores the repeats. */
function paddedIds(ids: readonly unknown[]): readonly unknown[] {
  const short = (ID_LIST_STEP - (ids.length % ID_LIST_STEP)) % ID_LIST_STEP;
  if (ids.length === 0 || short === 0) return ids;
  const padded = ids.slice();
  for (let index = 0; index < short; index += 1) padded.push(ids[0]);
  return padded;
}

/**
 * A table's rows as positional parameters for plain better-sqlite3 statements, with the json and
 * boolean columns drizzle would map. The ingest path writes and reads thousands of rows a batch
 * here, where drizzle's per-call query building costs more than SQLite's own work.
 */
export function createRowCodec<Row extends object>(client: Database.Database, table: SQLiteTable, tableName: string) {
  const columns = Object.entries(getTableColumns(table)).map(([key, column], index) => codecOf(key, column.name, column.columnType, index));
  if (columns.length > MAX_COLUMNS) throw new Error(`${tableName} has more than ${MAX_COLUMNS} columns`);
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

  /** Update statements by their key columns, then by the bit mask of the columns they set. */
  const updates = new Map<string, Map<number, Database.Statement>>();
  const nameOf = new Map(columns.map((column) => [column.key, column.name]));
  /** `update … set` the columns in `changed` (a mask of their bits) `where` the key columns, prepared once per set. */
  function updateStatement(changed: number, keys: readonly string[]): Database.Statement {
    const keyList = keys.length === 1 ? keys[0]! : keys.join(',');
    let byMask = updates.get(keyList);
    if (!byMask) updates.set(keyList, (byMask = new Map()));
    let statement = byMask.get(changed);
    if (!statement) {
      const assignments = columns.filter((column) => (Math.floor(changed / column.bit) % 2) === 1).map((column) => `${column.name} = ?`);
      statement = client.prepare(`update ${tableName} set ${assignments.join(', ')} where ${keys.map((key) => `${nameOf.get(key)} = ?`).join(' and ')}`);
      byMask.set(changed, statement);
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
      for (const run of inFixedRuns(rows, rowsPerStatement)) {
        const params: unknown[] = [];
        for (const row of run) encode(row as unknown as Row, params, extraOf?.(row));
        insertStatement(run.length, conflict).run(params);
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
      let changed = 0;
      // Runs for every changed ticket and child: no closures, no strings built, plain columns compared as they are.
      for (let index = 0; index < columns.length; index++) {
        const column = columns[index]!;
        const key = column.key;
        const given = addedAfter !== undefined && key in addedAfter ? addedAfter[key] : now[key];
        const was = addedBefore !== undefined && key in addedBefore ? addedBefore[key] : old[key];
        const value = column.plain ? (given ?? null) : column.encode(given);
        if (value === (column.plain ? (was ?? null) : column.encode(was))) continue;
        params.push(value);
        changed += column.bit;
      }
      if (changed === 0) return;
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
 * A statement over an `in (…)` list of ids, prepared once per padded list length; lists longer than a
 * slice go in several runs. `sql` has one `(?)` where the list goes, which must read the list as a set
 * (`in` does: the padding repeats an id).
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
        const part = paddedIds(ids.slice(start, start + slice));
        for (const row of statementFor(part.length).all(part) as unknown[][]) rows.push(row);
      }
      return rows;
    },
    run(ids: readonly unknown[]): void {
      for (let start = 0; start < ids.length; start += slice) {
        const part = paddedIds(ids.slice(start, start + slice));
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
      for (const slice of inFixedRuns(rows, ROWS_PER_STATEMENT)) {
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
