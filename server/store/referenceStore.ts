import { getTableColumns, inArray, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/connection';
import { centers, customers, engineers, productLines, products, regions } from '../../db/schema';
import { CREATE_DEFAULTS, REFERENCE_KEYS, type ReferenceKind, type ReferencePut, type ReferenceRows } from '../../shared/reference/referenceSchema';
import { chunked } from './chunks';
import { createIdListQuery } from './rowCodec';

const tables = { regions, centers, engineers, customers, products } as const;
const keyColumn = { regions: regions.id, centers: centers.id, engineers: engineers.id, customers: customers.id, products: products.model } as const;

/** The optional English names of the reference rows: absent from a listing where none was given. */
const ENGLISH_NAMES = new Set(['nameEn', 'lineEn']);

type Row = Record<string, unknown>;

function overwriteAll(table: SQLiteTable, key: string) {
  return Object.fromEntries(
    Object.entries(getTableColumns(table))
      .filter(([name]) => name !== key)
      .map(([name, column]) => [name, sql.raw(`excluded.${column.name}`)]),
  );
}

/** A put row's fields that were given: left out (or undefined) is not a value, null is. */
function given(row: object): Row {
  return Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined));
}

/** Keys remembered per kind as seen to exist: every center, engineer and product of a large network, the recent customers. */
const KEYS_SEEN = 200_000;

/** The organisation tree, customers and products, upserted in bulk by outside systems. */
export function createReferenceStore(db: Db) {
  // Plain statements: every ingest batch checks the references its events name.
  const existingKeys = Object.fromEntries(
    (Object.keys(tables) as ReferenceKind[]).map((kind) => [kind, createIdListQuery(db.$client, `select ${keyColumn[kind].name} from ${kind} where ${keyColumn[kind].name} in (?)`)]),
  ) as Record<ReferenceKind, ReturnType<typeof createIdListQuery>>;
  // Reference rows are upserted, never deleted: a key once found stays found, and need not be looked up again.
  const seenToExist = Object.fromEntries(Object.keys(tables).map((kind) => [kind, new Set<string>()])) as Record<ReferenceKind, Set<string>>;
  return {
    /**
     * Each row laid over the stored one, or over CREATE_DEFAULTS if new (the service has refused a new row
     * without a required field): a system that knows only some fields, an importer or a one-name CRM,
     * must not reset the others. A key repeated in the batch lays its rows over each other in order.
     */
    upsert<K extends ReferenceKind>(kind: K, rows: ReferencePut<K>[]): void {
      const table = tables[kind];
      const key = REFERENCE_KEYS[kind];
      const keyOf = (row: object) => (row as Row)[key] as string;
      const merged = new Map<string, Row>();
      for (const slice of chunked([...new Set(rows.map(keyOf))])) {
        for (const row of db.select().from(table).where(inArray(keyColumn[kind], slice)).all() as Row[]) merged.set(keyOf(row), row);
      }
      for (const row of rows) merged.set(keyOf(row), { ...(merged.get(keyOf(row)) ?? CREATE_DEFAULTS[kind]), ...given(row) });
      const full = [...merged.values()];
      if (kind === 'products') {
        const lines = [...new Set(full.map((row) => row.line as string))].map((name) => ({ name }));
        for (const slice of chunked(lines)) db.insert(productLines).values(slice).onConflictDoNothing().run();
      }
      const set = overwriteAll(table, key);
      for (const slice of chunked(full, 100)) db.insert(table).values(slice as never).onConflictDoUpdate({ target: keyColumn[kind], set: set as never }).run();
    },

    /** As they were put: an English name (a center's, a customer's, a product line's) is listed only where one was given. */
    list<K extends ReferenceKind>(kind: K): ReferenceRows[K][] {
      const rows = db.select().from(tables[kind]).orderBy(keyColumn[kind]).all() as Record<string, unknown>[];
      return rows.map((row) => Object.fromEntries(Object.entries(row).filter(([key, value]) => !(ENGLISH_NAMES.has(key) && value === null)))) as ReferenceRows[K][];
    },

    /** Which of the given keys exist; one query per slice, never per key, for the keys not already seen to exist. */
    existing(kind: ReferenceKind, keys: Iterable<string>): Set<string> {
      const seen = seenToExist[kind];
      const found = new Set<string>();
      const unseen: string[] = [];
      for (const key of new Set(keys)) {
        if (seen.has(key)) found.add(key);
        else unseen.push(key);
      }
      if (seen.size + unseen.length > KEYS_SEEN) seen.clear();
      for (const [key] of existingKeys[kind].all(unseen)) {
        found.add(key as string);
        seen.add(key as string);
      }
      return found;
    },

    centerZones(): Map<string, string> {
      return new Map(db.select({ id: centers.id, timeZone: centers.timeZone }).from(centers).all().map((row) => [row.id, row.timeZone]));
    },
  };
}

export type ReferenceStore = ReturnType<typeof createReferenceStore>;
