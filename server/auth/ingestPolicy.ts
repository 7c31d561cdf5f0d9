import type { Db } from '../../db/connection';
import { type FieldError, INGEST_EVENT_TYPES, type IngestEventType, type IngestResult, type RejectedEvent } from '../../shared/ingest/eventSchema';
import type { IngestService } from '../ingest/ingestService';
import { createTicketStore } from '../store/ticketStore';
import type { IngestGrant } from './principal';

/** The stored center of each ticket that exists; tickets not yet stored are left out. */
export type CentersOfTickets = (ticketIds: readonly string[]) => ReadonlyMap<string, string>;

export function storedTicketCenters(db: Db): CentersOfTickets {
  const tickets = createTicketStore(db);
  return (ticketIds) => new Map([...tickets.byIds(ticketIds)].map(([id, row]) => [id, row.centerId]));
}

export interface Screened {
  /** Events the grant lets through, each with its index in the batch as sent. */
  allowed: { index: number; event: unknown }[];
  rejected: RejectedEvent[];
}

/** The parts of a raw event the grant is about, trimmed as the event schema trims them. */
interface Addressed {
  id: string | null;
  type: IngestEventType;
  ticketId: string;
  /** The center a ticket.created or ticket.updated names. */
  namedCenter: string | null;
}

const KNOWN_TYPES = new Set<string>(INGEST_EVENT_TYPES);
const NAMES_CENTER = new Set<string>(['ticket.created', 'ticket.updated']);

function trimmed(value: unknown): string | null {
  return typeof value === 'string' ? value.trim() : null;
}

/** Null for an event too malformed to address: validation rejects it later with its own reasons. */
function addressOf(raw: unknown): Addressed | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { id, type, ticketId, data } = raw as Record<string, unknown>;
  const ticket = trimmed(ticketId);
  if (typeof type !== 'string' || !KNOWN_TYPES.has(type) || !ticket) return null;
  const namedCenter = NAMES_CENTER.has(type) && typeof data === 'object' && data !== null ? trimmed((data as Record<string, unknown>).centerId) : null;
  return { id: trimmed(id), type: type as IngestEventType, ticketId: ticket, namedCenter };
}

/**
 * Checks each event of a batch against what its ingest token may send: the event type, and every
 * center the event touches (the one it names, and the one its ticket belongs to). A ticket not yet
 * stored belongs to the center its ticket.created in this batch names; an event for a ticket known
 * neither way is refused, since its center cannot be checked. Events too malformed to read pass on
 * to validation, which rejects them anyway.
 */
export function screenEvents(grant: IngestGrant, rawEvents: readonly unknown[], centersOfTickets: CentersOfTickets): Screened {
  const types = grant.eventTypes && new Set(grant.eventTypes);
  const centers = grant.centerIds && new Set(grant.centerIds);
  const addressed = rawEvents.map(addressOf);
  const homes = centers ? ticketHomes(addressed, centersOfTickets) : new Map<string, string[]>();
  const beyond = `outside the centers source '${grant.source}' may send for`;

  const screened: Screened = { allowed: [], rejected: [] };
  rawEvents.forEach((event, index) => {
    const address = addressed[index];
    const errors: FieldError[] = [];
    if (address && types && !types.has(address.type)) {
      errors.push({ path: 'type', message: `'${address.type}' is not among the event types source '${grant.source}' may send` });
    }
    if (address && centers) {
      if (address.namedCenter && !centers.has(address.namedCenter)) errors.push({ path: 'data.centerId', message: `center '${address.namedCenter}' is ${beyond}` });
      const home = homes.get(address.ticketId) ?? [];
      const foreign = home.find((centerId) => !centers.has(centerId) && centerId !== address.namedCenter);
      if (foreign !== undefined) errors.push({ path: 'ticketId', message: `ticket '${address.ticketId}' belongs to center '${foreign}', ${beyond}` });
      if (home.length === 0 && address.type !== 'ticket.created') {
        errors.push({ path: 'ticketId', message: `ticket '${address.ticketId}' is not known yet, so its center cannot be checked; send its ticket.created first` });
      }
    }
    if (errors.length > 0) screened.rejected.push({ index, id: address?.id ?? null, errors });
    else screened.allowed.push({ index, event });
  });
  return screened;
}

/** Each ticket's center: as stored, else as named by the ticket.created events for it in this batch. */
function ticketHomes(addressed: readonly (Addressed | null)[], centersOfTickets: CentersOfTickets): Map<string, string[]> {
  const ticketIds = [...new Set(addressed.flatMap((address) => (address ? [address.ticketId] : [])))];
  const stored = centersOfTickets(ticketIds);
  const homes = new Map<string, string[]>();
  for (const [ticketId, centerId] of stored) homes.set(ticketId, [centerId]);
  for (const address of addressed) {
    if (!address || address.type !== 'ticket.created' || !address.namedCenter || stored.has(address.ticketId)) continue;
    homes.set(address.ticketId, [...(homes.get(address.ticketId) ?? []), address.namedCenter]);
  }
  return homes;
}

/**
 * Screens a batch, ingests what the grant allows, and answers as one ingest would: rejections by
 * their index in the batch as sent, whether the grant or validation refused them.
 */
export function ingestWithinGrant(
  ingestService: Pick<IngestService, 'ingest'>,
  grant: IngestGrant,
  rawEvents: readonly unknown[],
  centersOfTickets: CentersOfTickets,
  source: string,
): IngestResult {
  const screened = screenEvents(grant, rawEvents, centersOfTickets);
  return answerWithinGrant(screened, ingestService.ingest(screened.allowed.map(({ event }) => event), source));
}

/** The answer to a screened batch, from the ingest of what it allowed (however that was committed). */
export function answerWithinGrant({ allowed, rejected }: Screened, result: IngestResult): IngestResult {
  // The ingest service counts indexes in the list it was given; map them back to the batch as sent.
  const invalid = result.rejected.map((rejection) => ({ ...rejection, index: allowed[rejection.index]!.index }));
  return { ...result, rejected: [...rejected, ...invalid].sort((a, b) => a.index - b.index) };
}
