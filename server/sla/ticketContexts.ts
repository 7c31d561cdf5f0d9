import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { centers, customers, regions, tickets } from '../../db/schema';
import type { SlaTicketContext } from '../../shared/sla/slaPolicy';
import { chunked } from '../store/chunks';

/**
 * What a policy matches a ticket on: the ticket with its customer's contract and tier and its
 * center's zone, time zone and chain of regions. The region tree is small and read once per change.
 */
export function createTicketContexts(db: Db) {
  let regionChains: Map<string, string[]> | null = null;
  let centerRegions: Map<string, string> | null = null;

  function chainsOfRegions(): Map<string, string[]> {
    if (regionChains) return regionChains;
    const parentOf = new Map(db.select({ id: regions.id, parentId: regions.parentId }).from(regions).all().map((row) => [row.id, row.parentId]));
    const chains = new Map<string, string[]>();
    for (const id of parentOf.keys()) {
      const chain: string[] = [];
      for (let at: string | null | undefined = id; at && !chain.includes(at); at = parentOf.get(at)) chain.push(at);
      chains.set(id, chain);
    }
    regionChains = chains;
    return chains;
  }

  function regionOfCenter(): Map<string, string> {
    centerRegions ??= new Map(db.select({ id: centers.id, regionId: centers.regionId }).from(centers).all().map((row) => [row.id, row.regionId]));
    return centerRegions;
  }

  return {
    forTickets(ticketIds: readonly string[]): Map<string, SlaTicketContext> {
      const chains = chainsOfRegions();
      const contexts = new Map<string, SlaTicketContext>();
      for (const slice of chunked(ticketIds)) {
        const rows = db
          .select({
            id: tickets.id, priority: tickets.priority, ticketType: tickets.type, channel: tickets.channel, centerId: tickets.centerId,
            tier: customers.tier, contract: customers.contract, zone: centers.zone, centerTimeZone: centers.timeZone, regionId: centers.regionId,
          })
          .from(tickets)
          .innerJoin(customers, eq(customers.id, tickets.customerId))
          .innerJoin(centers, eq(centers.id, tickets.centerId))
          .where(inArray(tickets.id, slice))
          .all();
        for (const { id, regionId, ...context } of rows) contexts.set(id, { ...context, regionIds: chains.get(regionId) ?? [regionId] });
      }
      return contexts;
    },

    /** The center's region and every region above it. */
    regionsOfCenter(centerId: string): string[] {
      const regionId = regionOfCenter().get(centerId);
      return regionId === undefined ? [] : (chainsOfRegions().get(regionId) ?? [regionId]);
    },

    /** The centers of a scope; null when the region or center does not exist. */
    centersIn(scope: { kind: 'region' | 'center'; id: string }): string[] | null {
      const all = [...regionOfCenter().keys()];
      if (scope.kind === 'center') return all.includes(scope.id) ? [scope.id] : null;
      if (!chainsOfRegions().has(scope.id)) return null;
      return all.filter((centerId) => this.regionsOfCenter(centerId).includes(scope.id));
    },

    /** After the organisation tree changes. */
    forgetRegions(): void {
      regionChains = null;
      centerRegions = null;
    },
  };
}

export type TicketContexts = ReturnType<typeof createTicketContexts>;
