import fc from 'fast-check';
import {
  CHANNELS,
  COMPLAINT_CATEGORIES,
  COMPLAINT_SEVERITIES,
  PRIORITIES,
  SURVEY_FAILURE_REASONS,
  TICKET_TYPES,
} from '../../shared/domain/vocabulary';
import { type IngestEvent, type IngestEventInput, STATUS_CHANGE_TARGETS, parseIngestEvent } from '../../shared/ingest/eventSchema';
import { smallNetwork } from './smallNetwork';

/** The reference keys a generated history may name; all must exist on the server it is posted to. */
export interface HistoryRefs {
  centers: readonly string[];
  customers: readonly string[];
  engineers: readonly string[];
  products: readonly string[];
}

export const smallNetworkRefs: HistoryRefs = {
  centers: smallNetwork.centers.map((center) => center.id),
  customers: smallNetwork.customers.map((customer) => customer.id),
  engineers: smallNetwork.engineers.map((engineer) => engineer.id),
  products: smallNetwork.products.map((product) => product.model),
};

/** Histories start here and run for up to three days, so they cross local midnights in both test zones. */
export const HISTORY_START = Date.parse('2026-11-22T13:00:00Z');
const SPAN_SECONDS = 3 * 24 * 3600;

type Data = Record<string, unknown>;
type DataArbitrary = { type: IngestEventInput['type']; data: fc.Arbitrary<Data>; weight: number };

function dataArbitraries(refs: HistoryRefs): DataArbitrary[] {
  const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);
  const note = fc.string({ maxLength: 12 });
  const complaintId = pick(['CP-1', 'CP-2']);
  const requestId = pick(['PR-1', 'PR-2']);
  const level = pick([1, 2, 3] as const);
  const optional = { requiredKeys: [] as never[] };
  const ticketFields = {
    centerId: pick(refs.centers),
    customerId: pick(refs.customers),
    priority: pick(PRIORITIES),
    type: pick(TICKET_TYPES),
    channel: pick(CHANNELS),
    productModel: pick(refs.products),
    serialNo: pick(['SN-1', 'SN-2']),
    symptom: note,
    cause: note,
  };
  return [
    { type: 'ticket.updated', weight: 2, data: fc.record(ticketFields, optional).map((data) => (Object.keys(data).length > 0 ? data : { priority: 'P1' })) },
    { type: 'ticket.assigned', weight: 3, data: fc.record({ engineerId: pick(refs.engineers) }) },
    { type: 'ticket.scheduled', weight: 2, data: fc.record({ appointmentAt: fc.integer({ min: 0, max: SPAN_SECONDS }).map((s) => new Date(HISTORY_START + s * 1000).toISOString()) }) },
    { type: 'ticket.first_response', weight: 2, data: fc.record({ note }, optional) },
    { type: 'ticket.engineer_arrived', weight: 3, data: fc.record({ engineerId: pick(refs.engineers) }, optional) },
    { type: 'ticket.status_changed', weight: 2, data: fc.record({ status: pick(STATUS_CHANGE_TARGETS), reason: note }, { requiredKeys: ['status'] }) },
    { type: 'ticket.resolved', weight: 3, data: fc.record({ cause: note }, optional) },
    { type: 'ticket.closed', weight: 2, data: fc.constant({}) },
    { type: 'ticket.reopened', weight: 2, data: fc.record({ reason: note }, optional) },
    { type: 'ticket.cancelled', weight: 1, data: fc.record({ reason: note }, optional) },
    {
      type: 'complaint.opened',
      weight: 2,
      data: fc.record(
        { complaintId, category: pick(COMPLAINT_CATEGORIES), severity: pick(COMPLAINT_SEVERITIES), owner: pick(['owner-a', 'owner-b']), level, source: pick(['customer', 'return_visit'] as const) },
        { requiredKeys: ['complaintId', 'category', 'severity'] },
      ),
    },
    { type: 'complaint.escalated', weight: 2, data: fc.record({ complaintId, level, owner: pick(['owner-c']) }, { requiredKeys: ['complaintId', 'level'] }) },
    { type: 'complaint.resolved', weight: 1, data: fc.record({ complaintId, resolution: note }, { requiredKeys: ['complaintId'] }) },
    { type: 'complaint.taken', weight: 1, data: fc.record({ complaintId, by: pick(['owner-a', 'owner-d']) }) },
    { type: 'complaint.confirmed', weight: 1, data: fc.record({ complaintId, satisfied: fc.boolean(), note }, { requiredKeys: ['complaintId', 'satisfied'] }) },
    { type: 'survey.completed', weight: 1, data: fc.record({ score: fc.integer({ min: 1, max: 5 }), comment: note }, { requiredKeys: ['score'] }) },
    { type: 'survey.failed', weight: 1, data: fc.record({ reason: pick(SURVEY_FAILURE_REASONS) }) },
    { type: 'parts.requested', weight: 2, data: fc.record({ requestId, partNo: pick(['P-100', 'P-200']), quantity: fc.integer({ min: 1, max: 100 }) }) },
    { type: 'parts.shipped', weight: 1, data: fc.record({ requestId }) },
    { type: 'parts.delivered', weight: 1, data: fc.record({ requestId }) },
  ];
}

function laterEventArbitrary(refs: HistoryRefs): fc.Arbitrary<{ type: IngestEventInput['type']; data: Data }> {
  return fc.oneof(...dataArbitraries(refs).map(({ type, data, weight }) => ({ arbitrary: data.map((d) => ({ type, data: d })), weight })));
}

/**
 * A valid history of one ticket: its `ticket.created` first, then later events of every kind, each at
 * a distinct instant (whole seconds), listed in time order.
 */
export function ticketHistoryArbitrary(ticketId: string, refs: HistoryRefs = smallNetworkRefs, maxLaterEvents = 20): fc.Arbitrary<IngestEventInput[]> {
  const created = fc.record(
    {
      centerId: fc.constantFrom(...refs.centers),
      customerId: fc.constantFrom(...refs.customers),
      priority: fc.constantFrom(...PRIORITIES),
      type: fc.constantFrom(...TICKET_TYPES),
      channel: fc.constantFrom(...CHANNELS),
      productModel: fc.constantFrom(...refs.products),
      engineerId: fc.constantFrom(...refs.engineers),
      symptom: fc.string({ maxLength: 12 }),
    },
    { requiredKeys: ['centerId', 'customerId', 'priority', 'type', 'channel'] },
  );
  const instants = fc
    .uniqueArray(fc.integer({ min: 0, max: SPAN_SECONDS }), { minLength: 1, maxLength: maxLaterEvents + 1 })
    .map((seconds) => seconds.sort((a, b) => a - b).map((s) => new Date(HISTORY_START + s * 1000).toISOString()));
  return fc
    .tuple(created, instants)
    .chain(([createdData, [createdAt, ...later]]) =>
      fc.tuple(fc.constant(createdData), fc.constant(createdAt!), fc.array(laterEventArbitrary(refs), { minLength: later.length, maxLength: later.length }).map((events) => events.map((event, i) => ({ ...event, at: later[i]! })))),
    )
    .map(([createdData, createdAt, later]) => [
      { id: `${ticketId}-created`, type: 'ticket.created', at: createdAt, ticketId, data: createdData } as IngestEventInput,
      ...later.map((event, i) => ({ id: `${ticketId}-e${i + 1}`, ticketId, ...event }) as IngestEventInput),
    ]);
}

/** A permutation of `items`, shrinking toward the original order. */
export function permutationOf<T>(items: readonly T[]): fc.Arbitrary<T[]> {
  return fc.shuffledSubarray([...items], { minLength: items.length, maxLength: items.length });
}

/** Generated inputs as the ingest schema parses them; a generator bug fails loudly. */
export function parsedHistory(inputs: readonly IngestEventInput[]): IngestEvent[] {
  return inputs.map((input, index) => {
    const parsed = parseIngestEvent(input, index);
    if (!parsed.ok) throw new Error(`generator made an invalid event: ${JSON.stringify(parsed.rejection)}`);
    return parsed.event;
  });
}
