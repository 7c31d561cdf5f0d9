import { type SQL, and, asc, eq, exists, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { centers, customers, tickets } from '../../db/schema';
import type { CustomerHit, SearchAnswer, SearchQuery, TicketHit } from '../../shared/api/ticketPage';
import type { Visibility } from '../auth/accessScope';

/** Above every character a text can hold, so [q, q + TOP) is exactly what starts with q under the binary collation. */
const TOP = '\u{10FFFF}';

type CustomerColumn = typeof customers.id | typeof customers.name | typeof customers.nameEn;

function startsWith(column: typeof tickets.id | typeof tickets.serialNo | CustomerColumn, prefix: string): SQL {
  return and(gte(column, prefix), lt(column, prefix + TOP))!;
}

/** Ids come in capitals from one system and in lower case from another; a prefix is tried as typed and both ways. */
function spellings(q: string): string[] {
  return [...new Set([q, q.toUpperCase(), q.toLowerCase()])];
}

/** English names are written with capitals ("Shanghai Huaxin…"); a prefix typed in lower case is tried so too. */
function nameSpellings(q: string): string[] {
  return [...new Set([q, q.replace(/(^|\s)\p{Ll}/gu, (letter) => letter.toUpperCase())])];
}

/**
 * An engineer's few tickets are best found along the engineer index. A supervisor's centers are only a
 * filter: the unary plus keeps SQLite from walking a center index and sorting, instead of the prefix range.
 */
function ticketVisible(visibility: Visibility): SQL | undefined {
  if (visibility.engineerId !== null) return eq(tickets.engineerId, visibility.engineerId);
  if (visibility.centers === null) return undefined;
  if (visibility.centers.size === 0) return sql`0`;
  return sql`+${tickets.centerId} in (${sql.join([...visibility.centers].map((id) => sql`${id}`), sql`, `)})`;
}

/** One list from the answers of each spelling, in order, without repeats. */
function merged<T>(lists: T[][], key: (item: T) => string, limit: number): T[] {
  const byKey = new Map<string, T>();
  for (const item of lists.flat()) if (!byKey.has(key(item))) byKey.set(key(item), item);
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).slice(0, limit).map(([, item]) => item);
}

/**
 * The top bar's search: every branch is a range walk along an index (the tickets' primary key, the
 * serial-number index, the customers' primary key and name indexes), stopping at `limit` visible rows.
 */
export function createTicketSearch(db: Db) {
  const hitColumns = {
    id: tickets.id,
    status: tickets.status,
    priority: tickets.priority,
    createdAt: tickets.createdAt,
    serialNo: tickets.serialNo,
    customerName: customers.name,
    customerNameEn: customers.nameEn,
    centerName: centers.name,
    centerNameEn: centers.nameEn,
  };

  function ticketsAlong(column: typeof tickets.id | typeof tickets.serialNo, q: string, visibility: Visibility, limit: number): TicketHit[] {
    const lists = spellings(q).map((spelling) =>
      db
        .select(hitColumns)
        .from(tickets)
        .innerJoin(customers, eq(customers.id, tickets.customerId))
        .innerJoin(centers, eq(centers.id, tickets.centerId))
        .where(and(startsWith(column, spelling), ticketVisible(visibility)))
        // The column alone: a tie-break by id would sort each run of equal serial numbers outside the index.
        .orderBy(asc(column))
        .limit(limit)
        .all(),
    );
    return merged(lists, (hit) => `${column === tickets.id ? '' : hit.serialNo}\u0000${hit.id}`, limit);
  }

  function customersAlong(column: CustomerColumn, prefix: string, visibility: Visibility, limit: number): CustomerHit[] {
    const visible = ticketVisible(visibility);
    // A customer is within reach when the caller may see one of their tickets.
    const seen = visible === undefined ? undefined : exists(db.select({ one: sql`1` }).from(tickets).where(and(eq(tickets.customerId, customers.id), visible)));
    return db
      .select({ id: customers.id, name: customers.name, nameEn: customers.nameEn, tier: customers.tier })
      .from(customers)
      .where(and(startsWith(column, prefix), seen))
      .orderBy(asc(column))
      .limit(limit)
      .all();
  }

  return {
    search(query: SearchQuery, visibility: Visibility): SearchAnswer {
      const { q, limit } = query;
      const ids = ticketsAlong(tickets.id, q, visibility, limit);
      const byName = customersAlong(customers.name, q, visibility, limit);
      const byNameEn = nameSpellings(q).map((spelling) => customersAlong(customers.nameEn, spelling, visibility, limit));
      const byId = spellings(q).map((spelling) => customersAlong(customers.id, spelling, visibility, limit));
      const exact = ids.find((hit) => spellings(q).includes(hit.id))?.id ?? null;
      return {
        tickets: ids,
        serials: ticketsAlong(tickets.serialNo, q, visibility, limit),
        customers: merged([byName, ...byNameEn, ...byId], (hit) => `${hit.name}\u0000${hit.id}`, limit),
        exact,
      };
    },
  };
}

export type TicketSearch = ReturnType<typeof createTicketSearch>;
