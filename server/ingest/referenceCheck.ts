import type { FieldError, IngestEvent, IngestEventType } from '../../shared/ingest/eventSchema';
import type { ReferenceKind } from '../../shared/reference/referenceSchema';
import type { ReferenceStore } from '../store/referenceStore';

interface ReferenceField {
  kind: ReferenceKind;
  field: string;
  path: string;
}

const named = (kind: ReferenceKind, field: string): ReferenceField => ({ kind, field, path: `data.${field}` });

/** The fields naming a reference, per event type, in the order their errors are reported. */
const TICKET_REFERENCES = [named('centers', 'centerId'), named('customers', 'customerId'), named('products', 'productModel')];
const ENGINEER_REFERENCE = [named('engineers', 'engineerId')];
const REFERENCES_OF: Partial<Record<IngestEventType, readonly ReferenceField[]>> = {
  'ticket.created': [...TICKET_REFERENCES, ...ENGINEER_REFERENCE],
  'ticket.updated': TICKET_REFERENCES,
  'ticket.assigned': ENGINEER_REFERENCE,
  'ticket.engineer_arrived': ENGINEER_REFERENCE,
};

const NOUN: Record<ReferenceKind, string> = {
  regions: 'region',
  centers: 'center',
  engineers: 'engineer',
  customers: 'customer',
  products: 'product model',
};

const keyOf = (event: IngestEvent, field: string) => (event.data as Record<string, string | undefined>)[field];

/**
 * Finds events naming a center, customer, engineer or product that the store does not know, in a
 * constant number of queries. Runs over every event offered: the fields are looked up per type, and
 * nothing is allocated for an event whose references are all known.
 */
export function unknownReferences(events: readonly IngestEvent[], store: ReferenceStore): Map<IngestEvent, FieldError[]> {
  const wanted = new Map<ReferenceKind, Set<string>>();
  for (const event of events) {
    for (const { kind, field } of REFERENCES_OF[event.type] ?? []) {
      const key = keyOf(event, field);
      if (key === undefined) continue;
      const keys = wanted.get(kind);
      if (keys) keys.add(key);
      else wanted.set(kind, new Set([key]));
    }
  }
  const known = new Map([...wanted].map(([kind, keys]) => [kind, store.existing(kind, keys)]));
  const problems = new Map<IngestEvent, FieldError[]>();
  for (const event of events) {
    for (const { kind, field, path } of REFERENCES_OF[event.type] ?? []) {
      const key = keyOf(event, field);
      if (key === undefined || known.get(kind)!.has(key)) continue;
      const errors = problems.get(event);
      const error = { path, message: `unknown ${NOUN[kind]} '${key}'` };
      if (errors) errors.push(error);
      else problems.set(event, [error]);
    }
  }
  return problems;
}
