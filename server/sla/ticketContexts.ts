import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { centers, customers, tickets } from '../../db/schema';
import type { SlaTicketContext } from '../../shared/sla/slaPolicy';
import type { OrgTree } from '../org/orgTree';
import { chunked } from '../store/chunks';

/** A ticket's policy context, and its customer, which its clocks carry for the breach desk. */
export type TicketContext = SlaTicketContext & { customerId: string };

/** What a policy matches a ticket on: the ticket with its customer's contract and tier and its center's zone, time zone and regions. */
export function createTicketContexts(db: Db, org: OrgTree) {
  return {
    forTickets(ticketIds: readonly string[]): Map<string, TicketContext> {
      const contexts = new Map<string, TicketContext>();
      for (const slice of chunked(ticketIds)) {
        const rows = db
          .select({
            id: tickets.id, priority: tickets.priority, ticketType: tickets.type, channel: tickets.channel, centerId: tickets.centerId, customerId: tickets.customerId,
            tier: customers.tier, contract: customers.contract, zone: centers.zone, centerTimeZone: centers.timeZone,
          })
          .from(tickets)
          .innerJoin(customers, eq(customers.id, tickets.customerId))
          .innerJoin(centers, eq(centers.id, tickets.centerId))
          .where(inArray(tickets.id, slice))
          .all();
        for (const { id, ...context } of rows) contexts.set(id, { ...context, regionIds: org.regionsOfCenter(context.centerId) });
      }
      return contexts;
    },
  };
}

export type TicketContexts = ReturnType<typeof createTicketContexts>;
