import type { IngestEvent, FieldError } from '../../shared/ingest/eventSchema';
import type { ReferenceKind } from '../../shared/reference/referenceSchema';
import type { ReferenceStore } from '../store/referenceStore';

interface Reference {
  kind: ReferenceKind;
  key: string;
  path: string;
}

function referencesOf(event: IngestEvent): Reference[] {
  const refs: Reference[] = [];
  const add = (kind: ReferenceKind, key: string | undefined, field: string) => {
    if (key !== undefined) refs.push({ kind, key, path: `data.${field}` });
  };
  switch (event.type) {
    case 'ticket.created':
    case 'ticket.updated':
      add('centers', event.data.centerId, 'centerId');
      add('customers', event.data.customerId, 'customerId');
      add('products', event.data.productModel, 'productModel');
      if (event.type === 'ticket.created') add('engineers', event.data.engineerId, 'engineerId');
      break;
    case 'ticket.assigned':
    case 'ticket.engineer_arrived':
      add('engineers', event.data.engineerId, 'engineerId');
      break;
  }
  return refs;
}

const NOUN: Record<ReferenceKind, string> = {
  regions: 'region',
  centers: 'center',
  engineers: 'engineer',
  customers: 'customer',
  products: 'product model',
};

/** Finds events naming a center, customer, engineer or product that the store does not know, in a constant number of queries. */
export function unknownReferences(events: readonly IngestEvent[], store: ReferenceStore): Map<IngestEvent, FieldError[]> {
  const refsByEvent = new Map(events.map((event) => [event, referencesOf(event)]));
  const wanted = new Map<ReferenceKind, Set<string>>();
  for (const refs of refsByEvent.values()) {
    for (const ref of refs) {
      const keys = wanted.get(ref.kind) ?? new Set<string>();
      keys.add(ref.key);
      wanted.set(ref.kind, keys);
    }
  }
  const known = new Map([...wanted].map(([kind, keys]) => [kind, store.existing(kind, keys)]));
  const problems = new Map<IngestEvent, FieldError[]>();
  for (const [event, refs] of refsByEvent) {
    const errors = refs
      .filter((ref) => !known.get(ref.kind)?.has(ref.key))
      .map((ref) => ({ path: ref.path, message: `unknown ${NOUN[ref.kind]} '${ref.key}'` }));
    if (errors.length > 0) problems.set(event, errors);
  }
  return problems;
}
