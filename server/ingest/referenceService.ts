import type { Db } from '../../db/connection';
import type { FieldError } from '../../shared/ingest/eventSchema';
import type { ReferenceKind, ReferenceRows } from '../../shared/reference/referenceSchema';
import { HttpError } from '../http/httpError';
import type { ReferenceStore } from '../store/referenceStore';

/** Each reference kind's parent, checked before writing so an orphan is a clear 400 and not a foreign-key failure. */
const PARENT: Partial<Record<ReferenceKind, { field: string; kind: ReferenceKind }>> = {
  regions: { field: 'parentId', kind: 'regions' },
  centers: { field: 'regionId', kind: 'regions' },
  engineers: { field: 'centerId', kind: 'centers' },
};

export function createReferenceService(db: Db, store: ReferenceStore, onChanged: (kind: ReferenceKind) => void) {
  function orphans<K extends ReferenceKind>(kind: K, rows: ReferenceRows[K][]): FieldError[] {
    const parent = PARENT[kind];
    if (!parent) return [];
    const parentOf = (row: ReferenceRows[K]) => (row as Record<string, unknown>)[parent.field] as string | null;
    const wanted = rows.map(parentOf).filter((key): key is string => key !== null);
    const known = store.existing(parent.kind, wanted);
    if (parent.kind === kind) for (const row of rows) known.add((row as { id: string }).id);
    return rows.flatMap((row, index) => {
      const key = parentOf(row);
      return key === null || known.has(key) ? [] : [{ path: `${index}.${parent.field}`, message: `unknown ${parent.kind.replace(/s$/, '')} '${key}'` }];
    });
  }

  const write = db.$client.transaction(<K extends ReferenceKind>(kind: K, rows: ReferenceRows[K][]) => {
    // Rows in one batch may name each other (a city and its province); order inside the batch must not matter.
    db.$client.pragma('defer_foreign_keys = ON');
    store.upsert(kind, rows);
  });

  return {
    upsert<K extends ReferenceKind>(kind: K, rows: ReferenceRows[K][]): { upserted: number } {
      const problems = orphans(kind, rows);
      if (problems.length > 0) throw new HttpError(400, 'unknown_reference', `Some ${kind} name a parent that does not exist.`, problems);
      write(kind, rows);
      onChanged(kind);
      return { upserted: rows.length };
    },
    list: store.list,
  };
}

export type ReferenceService = ReturnType<typeof createReferenceService>;
