import type { Db } from '../../db/connection';
import type { SlaTicketContext } from '../../shared/sla/slaPolicy';
import type { OrgTree } from '../org/orgTree';
import { createIdListQuery } from '../store/rowCodec';
import { paddedIds } from './statementSizes';

/** A ticket's policy context, and its customer, which its clocks carry for the breach desk. */
export type TicketContext = SlaTicketContext & { customerId: string };

type ContextRow = [string, TicketContext['priority'], TicketContext['ticketType'], TicketContext['channel'], string, string, TicketContext['tier'], TicketContext['contract'], TicketContext['zone'], string];

/** What a policy matches a ticket on: the ticket with its customer's contract and tier and its center's zone, time zone and regions. */
export function createTicketContexts(db: Db, org: OrgTree) {
  // A plain statement: it runs for every changed ticket of every ingest transaction.
  const ofTickets = createIdListQuery(
    db.$client,
    `select t.id, t.priority, t.type, t.channel, t.center_id, t.customer_id, cu.tier, cu.contract, ce.zone, ce.time_zone
     from tickets t join customers cu on cu.id = t.customer_id join centers ce on ce.id = t.center_id where t.id in (?)`,
  );
  return {
    forTickets(ticketIds: readonly string[]): Map<string, TicketContext> {
      const contexts = new Map<string, TicketContext>();
      for (const [id, priority, ticketType, channel, centerId, customerId, tier, contract, zone, centerTimeZone] of ofTickets.all(paddedIds(ticketIds)) as ContextRow[]) {
        contexts.set(id, { priority, ticketType, channel, centerId, customerId, tier, contract, zone, centerTimeZone, regionIds: org.regionsOfCenter(centerId) });
      }
      return contexts;
    },
  };
}

export type TicketContexts = ReturnType<typeof createTicketContexts>;
