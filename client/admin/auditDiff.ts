/** A before/after pair of audit records as rows of fields, so a change reads as what moved from what to what. */

export interface DiffRow {
  /** Dotted path of the field: `grants.0.id`, `role`. */
  path: string;
  before: string | null;
  after: string | null;
  kind: 'added' | 'removed' | 'changed' | 'same';
}

const MAX_DEPTH = 8;

function flatten(value: unknown, prefix: string, into: Map<string, string>, depth: number): void {
  if (value !== null && typeof value === 'object' && depth < MAX_DEPTH) {
    const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : Object.entries(value);
    // An empty list or object is still a value that can change to something.
    if (entries.length === 0) into.set(prefix, Array.isArray(value) ? '[]' : '{}');
    for (const [key, item] of entries) flatten(item, prefix ? `${prefix}.${key}` : key, into, depth + 1);
    return;
  }
  into.set(prefix, typeof value === 'string' ? value : JSON.stringify(value));
}

function fieldsOf(record: unknown): Map<string, string> {
  const fields = new Map<string, string>();
  if (record !== null && record !== undefined) flatten(record, '', fields, 0);
  return fields;
}

/** Every field of either side, in the order the record has them (after's order, then what only before had). */
export function auditDiff(before: unknown, after: unknown): DiffRow[] {
  const old = fieldsOf(before);
  const next = fieldsOf(after);
  const paths = [...new Set([...next.keys(), ...old.keys()])];
  return paths.map((path) => {
    const was = old.get(path) ?? null;
    const is = next.get(path) ?? null;
    const kind = was === null ? 'added' : is === null ? 'removed' : was === is ? 'same' : 'changed';
    return { path, before: was, after: is, kind };
  });
}
