import { getTableColumns, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/connection';
import { centers, customers, engineers, productLines, products, regions } from '../../db/schema';
import type { ReferenceKind, ReferenceRows } from '../../shared/reference/referenceSchema';
import { chunked } from './chunks';
import { createIdListQuery } from './rowCodec';

const tables = { regions, centers, engineers, customers, products } as const;
const keyColumn = { regions: regions.id, centers: centers.id, engineers: engineers.id, customers: customers.id, products: products.model } as const;

/** The optional English names of the reference rows: absent from a listing where none was given, kept by a put that leaves them out. */
const ENGLISH_NAMES = new Set(['nameEn', 'lineEn']);

/** What a put overwrites on a stored row: every column but the key and the ones `kept`. */
function overwrite(table: SQLiteTable, key: string, kept: ReadonlySet<string>) {
  return Object.fromEntries(
    Object.entries(getTableColumns(table))
      .filter(([name]) => name !== key && !kept.has(name))
      .map(([name, column]) => [name, sql.raw(`excluded.${column.name}`)]),
  );
}

/**
 * Rows split by the English names they leave out. A system that keeps one name only (an importer, a
 * CRM) sends rows without one: that must not wipe the one stored, so absent keeps it and null clears it.
 */
function byEnglishNamesLeftOut<R extends object>(rows: R[]): Map<string, { kept: Set<string>; rows: R[] }> {
  const groups = new Map<string, { kept: Set<string>; rows: R[] }>();
  for (const row of rows) {
    const kept = [...ENGLISH_NAMES].filter((field) => (row as Record<string, unknown>)[field] === undefined);
    const group = groups.get(kept.join()) ?? { kept: new Set(kept), rows: [] };
    group.rows.push(row);
    groups.set(kept.join(), group);
  }
  return groups;
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
    upsert<K extends ReferenceKind>(kind: K, rows: ReferenceRows[K][]): void {
      const table = tables[kind];
      const key = kind === 'products' ? 'model' : 'id';
      if (kind === 'products') {
        const lines = [...new Set((rows as ReferenceRows['products'][]).map((row) => row.line))].map((name) => ({ name }));
        for (const slice of chunked(lines)) db.insert(productLines).values(slice).onConflictDoNothing().run();
      }
      for (const group of byEnglishNamesLeftOut(rows).values()) {
        const set = overwrite(table, key, group.kept);
        for (const slice of chunked(group.rows, 100)) db.insert(table).values(slice as never).onConflictDoUpdate({ target: keyColumn[kind], set: set as never }).run();
      }
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
