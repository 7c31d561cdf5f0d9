import type { Db } from '../../db/connection';
import type { FoldedTicket } from '../../shared/domain/ticketFold';
import type { SlaTicketContext } from '../../shared/sla/slaPolicy';
import type { OrgTree } from '../org/orgTree';
import { createIdListQuery } from '../store/rowCodec';

/** A ticket's policy context, and its customer, which its clocks carry for the breach desk. */
export type TicketContext = SlaTicketContext & { customerId: string };

type ContextRow = [string, TicketContext['priority'], TicketContext['ticketType'], TicketContext['channel'], string, string, TicketContext['tier'], TicketContext['contract'], TicketContext['zone'], string];
type CustomerTerms = Pick<TicketContext, 'tier' | 'contract'>;
type CenterPlace = Pick<TicketContext, 'zone' | 'centerTimeZone'>;

/** Customers and centers remembered between batches; past it the memory starts again. */
export const REFERENCES_REMEMBERED = 200_000;

/**
 * What a policy matches a ticket on: the ticket with its customer's contract and tier and its center's zone,
 * time zone and regions. A ticket the batch folded is taken from its fold, and its customer and center from
 * memory, read once: a join per changed ticket per batch was a tenth of the SLA stage. This process is the
 * store's only writer and every reference write announces itself, so `forgetReferences` on each keeps the
 * memory true.
 */
export function createTicketContexts(db: Db, org: OrgTree) {
  // Plain statements: they run for every ingest transaction.
  const ofTickets = createIdListQuery(
    db.$client,
    `select t.id, t.priority, t.type, t.channel, t.center_id, t.customer_id, cu.tier, cu.contract, ce.zone, ce.time_zone
     from tickets t join customers cu on cu.id = t.customer_id join centers ce on ce.id = t.center_id where t.id in (?)`,
  );
  const ofCustomers = createIdListQuery(db.$client, 'select id, tier, contract from customers where id in (?)');
  const ofCenters = createIdListQuery(db.$client, 'select id, zone, time_zone from centers where id in (?)');
  const customers = new Map<string, CustomerTerms>();
  const centers = new Map<string, CenterPlace>();

  function remember(tickets: readonly FoldedTicket['ticket'][]): void {
    const newCustomers = new Set<string>();
    const newCenters = new Set<string>();
    for (const ticket of tickets) {
      if (ticket && !customers.has(ticket.customerId)) newCustomers.add(ticket.customerId);
      if (ticket && !centers.has(ticket.centerId)) newCenters.add(ticket.centerId);
    }
    if (customers.size + newCustomers.size > REFERENCES_REMEMBERED) customers.clear();
    if (newCustomers.size > 0) {
      for (const [id, tier, contract] of ofCustomers.all([...newCustomers]) as [string, CustomerTerms['tier'], CustomerTerms['contract']][]) customers.set(id, { tier, contract });
    }
    if (newCenters.size > 0) {
      for (const [id, zone, centerTimeZone] of ofCenters.all([...newCenters]) as [string, CenterPlace['zone'], string][]) centers.set(id, { zone, centerTimeZone });
    }
  }

  function fromStore(ticketIds: readonly string[], contexts: Map<string, TicketContext>): void {
    for (const [id, priority, ticketType, channel, centerId, customerId, tier, contract, zone, centerTimeZone] of ofTickets.all(ticketIds) as ContextRow[]) {
      contexts.set(id, { priority, ticketType, channel, centerId, customerId, tier, contract, zone, centerTimeZone, regionIds: org.regionsOfCenter(centerId) });
    }
  }

  return {
    /** Each ticket's context, those `folded` holds from their fold; a ticket not yet created, or whose customer or center is unknown, has none. */
    forTickets(ticketIds: readonly string[], folded?: ReadonlyMap<string, FoldedTicket>): Map<string, TicketContext> {
      const contexts = new Map<string, TicketContext>();
      const unfolded = folded ? ticketIds.filter((ticketId) => !folded.has(ticketId)) : ticketIds;
      if (unfolded.length > 0) fromStore(unfolded, contexts);
      if (!folded || unfolded.length === ticketIds.length) return contexts;
      const tickets = ticketIds.map((ticketId) => folded.get(ticketId)?.ticket ?? null);
      remember(tickets);
      for (const ticket of tickets) {
        const customer = ticket && customers.get(ticket.customerId);
        const center = ticket && centers.get(ticket.centerId);
        if (!ticket || !customer || !center) continue;
        const { priority, type: ticketType, channel, centerId, customerId } = ticket;
        contexts.set(ticket.id, { priority, ticketType, channel, centerId, customerId, ...customer, ...center, regionIds: org.regionsOfCenter(centerId) });
      }
      return contexts;
    },

    /** A customer or center may have changed: read them again when next needed. */
    forgetReferences(): void {
      customers.clear();
      centers.clear();
    },
  };
}

export type TicketContexts = ReturnType<typeof createTicketContexts>;
