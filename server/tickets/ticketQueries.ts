import { type SQL, and, count, desc, eq, getTableColumns, gte, inArray, lt, or } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { centers, customers, engineers, tickets } from '../../db/schema';
import { OPEN_STATUSES } from '../../shared/domain/vocabulary';
import type { TicketListRow, TicketQuery } from '../../shared/api/ticketQuery';
import type { Visibility } from '../auth/accessScope';
import type { OrgTree } from '../org/orgTree';
import type { TicketCursor } from './ticketCursor';

const listColumns = {
  ...getTableColumns(tickets),
  regionId: centers.regionId,
  tier: customers.tier,
  contract: customers.contract,
  customerName: customers.name,
  customerNameEn: customers.nameEn,
  centerName: centers.name,
  centerNameEn: centers.nameEn,
  engineerName: engineers.name,
  engineerNameEn: engineers.nameEn,
};

function visible(visibility: Visibility): SQL | undefined {
  if (visibility.engineerId !== null) return eq(tickets.engineerId, visibility.engineerId);
  return visibility.centers === null ? undefined : inArray(tickets.centerId, [...visibility.centers]);
}

function filters(org: OrgTree, query: TicketQuery, cursor: TicketCursor | null, visibility: Visibility): SQL | undefined {
  const clauses: (SQL | undefined)[] = [
    visible(visibility),
    query.status ? inArray(tickets.status, query.status) : undefined,
    query.open === true ? inArray(tickets.status, [...OPEN_STATUSES]) : undefined,
    query.priority ? inArray(tickets.priority, query.priority) : undefined,
    query.type ? inArray(tickets.type, query.type) : undefined,
    query.channel ? inArray(tickets.channel, query.channel) : undefined,
    query.tier ? inArray(customers.tier, query.tier) : undefined,
    query.centerId ? eq(tickets.centerId, query.centerId) : undefined,
    // A region with every region below it, however deep; one that does not exist matches nothing.
    query.regionId ? inArray(tickets.centerId, org.centersIn({ kind: 'region', id: query.regionId }) ?? []) : undefined,
    query.engineerId ? eq(tickets.engineerId, query.engineerId) : undefined,
    query.customerId ? eq(tickets.customerId, query.customerId) : undefined,
    query.createdFrom !== undefined ? gte(tickets.createdAt, query.createdFrom) : undefined,
    query.createdTo !== undefined ? lt(tickets.createdAt, query.createdTo) : undefined,
    cursor ? or(lt(tickets.createdAt, cursor.createdAt), and(eq(tickets.createdAt, cursor.createdAt), lt(tickets.id, cursor.id))) : undefined,
  ];
  return and(...clauses.filter((clause): clause is SQL => clause !== undefined));
}

export function createTicketQueries(db: Db, org: OrgTree) {
  return {
    /** One page, newest first; fetches one row more than asked to know whether another page follows. */
    page(query: TicketQuery, cursor: TicketCursor | null, limit: number, visibility: Visibility): TicketListRow[] {
      return db
        .select(listColumns)
        .from(tickets)
        .innerJoin(centers, eq(centers.id, tickets.centerId))
        .innerJoin(customers, eq(customers.id, tickets.customerId))
        .leftJoin(engineers, eq(engineers.id, tickets.engineerId))
        .where(filters(org, query, cursor, visibility))
        .orderBy(desc(tickets.createdAt), desc(tickets.id))
        .limit(limit)
        .all();
    },

    /** How many tickets the filter matches; the customers are joined only when the tier filter needs them. */
    total(query: TicketQuery, visibility: Visibility): number {
      const base = db.select({ n: count() }).from(tickets);
      const joined = query.tier ? base.innerJoin(customers, eq(customers.id, tickets.customerId)) : base;
      return joined.where(filters(org, query, null, visibility)).get()?.n ?? 0;
    },
  };
}

export type TicketQueries = ReturnType<typeof createTicketQueries>;
