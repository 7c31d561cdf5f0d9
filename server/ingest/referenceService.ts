import type { Db } from '../../db/connection';
import type { FieldError } from '../../shared/ingest/eventSchema';
import { CREATE_DEFAULTS, REFERENCE_KEYS, type ReferenceKind, type ReferencePut, referenceSchemas } from '../../shared/reference/referenceSchema';
import { HttpError } from '../http/httpError';
import type { ReferenceStore } from '../store/referenceStore';

/** Each reference kind's parent, checked before writing so an orphan is a clear 400 and not a foreign-key failure. */
const PARENT: Partial<Record<ReferenceKind, { field: string; kind: ReferenceKind }>> = {
  regions: { field: 'parentId', kind: 'regions' },
  centers: { field: 'regionId', kind: 'regions' },
  engineers: { field: 'centerId', kind: 'centers' },
};

const singular = (kind: ReferenceKind) => kind.replace(/s$/, '');

export function createReferenceService(db: Db, store: ReferenceStore, onChanged: (kind: ReferenceKind) => void) {
  // A parent left out is the stored one, already checked.
  function orphans<K extends ReferenceKind>(kind: K, rows: ReferencePut<K>[]): FieldError[] {
    const parent = PARENT[kind];
    if (!parent) return [];
    const parentOf = (row: ReferencePut<K>) => (row as Record<string, unknown>)[parent.field] as string | null | undefined;
    const wanted = rows.map(parentOf).filter((key): key is string => typeof key === 'string');
    const known = store.existing(parent.kind, wanted);
    if (parent.kind === kind) for (const row of rows) known.add((row as Record<string, unknown>).id as string);
    return rows.flatMap((row, index) => {
      const key = parentOf(row);
      return typeof key !== 'string' || known.has(key) ? [] : [{ path: `${index}.${parent.field}`, message: `unknown ${singular(parent.kind)} '${key}'` }];
    });
  }

  /** A row that creates (its key neither stored nor earlier in the batch) must give every field without a create default. */
  function missingOnCreate<K extends ReferenceKind>(kind: K, rows: ReferencePut<K>[]): FieldError[] {
    const key = REFERENCE_KEYS[kind];
    const required = Object.keys(referenceSchemas[kind].shape).filter((field) => field !== key && !(field in CREATE_DEFAULTS[kind]));
    const keyOf = (row: ReferencePut<K>) => (row as Record<string, unknown>)[key] as string;
    const known = store.existing(kind, rows.map(keyOf));
    return rows.flatMap((row, index) => {
      if (known.has(keyOf(row))) return [];
      known.add(keyOf(row));
      return required.filter((field) => (row as Record<string, unknown>)[field] === undefined).map((field) => ({ path: `${index}.${field}`, message: `required for a new ${singular(kind)}` }));
    });
  }

  const write = db.$client.transaction(<K extends ReferenceKind>(kind: K, rows: ReferencePut<K>[]) => {
    // Rows in one batch may name each other (a city and its province); order inside the batch must not matter.
    db.$client.pragma('defer_foreign_keys = ON');
    store.upsert(kind, rows);
  });

  return {
    upsert<K extends ReferenceKind>(kind: K, rows: ReferencePut<K>[]): { upserted: number } {
      const missing = missingOnCreate(kind, rows);
      if (missing.length > 0) throw new HttpError(400, 'invalid_request', `Some ${kind} are new and leave out a field they need.`, missing);
      const problems = orphans(kind, rows);
      if (problems.length > 0) throw new HttpError(400, 'unknown_reference', `Some ${kind} name a parent that does not exist.`, problems);
      write(kind, rows);
      onChanged(kind);
      return { upserted: rows.length };
    },
    list: store.list,
    existing: store.existing,
  };
}

export type ReferenceService = ReturnType<typeof createReferenceService>;
