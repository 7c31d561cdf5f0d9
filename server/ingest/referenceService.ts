import type { Db } from '../../db/connection';
import type { FieldError } from '../../shared/ingest/eventSchema';
import { CREATE_DEFAULTS, REFERENCE_KEYS, REFERENCE_KINDS, type ReferenceKind, type ReferencePut, referenceSchemas } from '../../shared/reference/referenceSchema';
import { HttpError } from '../http/httpError';
import type { ReferenceStore } from '../store/referenceStore';

/** Each reference kind's parent, checked before writing so an orphan is a clear 400 and not a foreign-key failure. */
const PARENT: Partial<Record<ReferenceKind, { field: string; kind: ReferenceKind }>> = {
  regions: { field: 'parentId', kind: 'regions' },
  centers: { field: 'regionId', kind: 'regions' },
  engineers: { field: 'centerId', kind: 'centers' },
};

const singular = (kind: ReferenceKind) => kind.replace(/s$/, '');
const keysOf = (kind: ReferenceKind, rows: object[]) => rows.map((row) => (row as Record<string, unknown>)[REFERENCE_KEYS[kind]] as string);

/** Rows of several kinds put together, as an organisation file names them. */
export type ReferenceBatches = { [K in ReferenceKind]?: ReferencePut<K>[] };
/** Keys of the same put's earlier kinds, not yet stored but about to be. */
type Pending = Partial<Record<ReferenceKind, Set<string>>>;

export function createReferenceService(db: Db, store: ReferenceStore, onChanged: (kind: ReferenceKind) => void) {
  // A parent left out is the stored one, already checked.
  function orphans<K extends ReferenceKind>(kind: K, rows: ReferencePut<K>[], pending: Pending): FieldError[] {
    const parent = PARENT[kind];
    if (!parent) return [];
    const parentOf = (row: ReferencePut<K>) => (row as Record<string, unknown>)[parent.field] as string | null | undefined;
    const wanted = rows.map(parentOf).filter((key): key is string => typeof key === 'string');
    const known = new Set([...store.existing(parent.kind, wanted), ...(pending[parent.kind] ?? [])]);
    if (parent.kind === kind) for (const key of keysOf(kind, rows)) known.add(key);
    return rows.flatMap((row, index) => {
      const key = parentOf(row);
      return typeof key !== 'string' || known.has(key) ? [] : [{ path: `${index}.${parent.field}`, message: `unknown ${singular(parent.kind)} '${key}'` }];
    });
  }

  /** A row that creates (its key neither stored nor earlier in the batch) must give every field without a create default. */
  function missingOnCreate<K extends ReferenceKind>(kind: K, rows: ReferencePut<K>[], pending: Pending): FieldError[] {
    const key = REFERENCE_KEYS[kind];
    const required = Object.keys(referenceSchemas[kind].shape).filter((field) => field !== key && !(field in CREATE_DEFAULTS[kind]));
    const keys = keysOf(kind, rows);
    const known = new Set([...store.existing(kind, keys), ...(pending[kind] ?? [])]);
    return rows.flatMap((row, index) => {
      if (known.has(keys[index]!)) return [];
      known.add(keys[index]!);
      return required.filter((field) => (row as Record<string, unknown>)[field] === undefined).map((field) => ({ path: `${index}.${field}`, message: `required for a new ${singular(kind)}` }));
    });
  }

  /** Refuses a kind's rows before anything is written, naming each row by its index and field. */
  function check<K extends ReferenceKind>(kind: K, rows: ReferencePut<K>[], pending: Pending): void {
    const missing = missingOnCreate(kind, rows, pending);
    if (missing.length > 0) throw new HttpError(400, 'invalid_request', `Some ${kind} are new and leave out a field they need.`, missing);
    const problems = orphans(kind, rows, pending);
    if (problems.length > 0) throw new HttpError(400, 'unknown_reference', `Some ${kind} name a parent that does not exist.`, problems);
  }

  const write = db.$client.transaction((batches: ReferenceBatches) => {
    // Rows in one batch may name each other (a city and its province); order inside the batch must not matter.
    db.$client.pragma('defer_foreign_keys = ON');
    for (const kind of REFERENCE_KINDS) if (batches[kind]?.length) store.upsert(kind, batches[kind]);
  });

  /**
   * Every kind checked (parents first, each seeing the keys the kinds before it create) before one
   * transaction writes them all: a refused row leaves nothing of the put behind. A refusal's paths
   * start with the kind: 'customers.2.tier'.
   */
  function upsertAll(batches: ReferenceBatches): { upserted: number } {
    const pending: Pending = {};
    for (const kind of REFERENCE_KINDS) {
      const rows = batches[kind];
      if (!rows?.length) continue;
      try {
        check(kind, rows, pending);
      } catch (error) {
        if (error instanceof HttpError) throw new HttpError(error.status, error.code, error.message, error.issues?.map((issue) => ({ ...issue, path: `${kind}.${issue.path}` })));
        throw error;
      }
      pending[kind] = new Set(keysOf(kind, rows));
    }
    write(batches);
    const kinds = REFERENCE_KINDS.filter((kind) => batches[kind]?.length);
    for (const kind of kinds) onChanged(kind);
    return { upserted: kinds.reduce((sum, kind) => sum + batches[kind]!.length, 0) };
  }

  return {
    upsert<K extends ReferenceKind>(kind: K, rows: ReferencePut<K>[]): { upserted: number } {
      check(kind, rows, {});
      write({ [kind]: rows });
      onChanged(kind);
      return { upserted: rows.length };
    },
    upsertAll,
    list: store.list,
    existing: store.existing,
  };
}

export type ReferenceService = ReturnType<typeof createReferenceService>;
