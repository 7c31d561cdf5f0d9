import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { centers, complaints, customers, engineers, partsRequests, products, regions, surveys, ticketEvents, tickets } from '../../db/schema';
import type { TicketEventView, TicketPageAnswer } from '../../shared/api/ticketPage';
import type { ComplaintState } from '../../shared/domain/ticketFold';

/** The ids of engineers and centers a ticket's events mention, so its timeline can name them. */
function mentioned(events: TicketEventView[], key: 'engineerId' | 'centerId'): string[] {
  return events.map((event) => event.data[key]).filter((value): value is string => typeof value === 'string');
}

function namesOf(db: Db, table: typeof engineers | typeof centers, ids: Iterable<string>): Record<string, string> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return {};
  const rows = db.select({ id: table.id, name: table.name }).from(table).where(inArray(table.id, wanted)).all();
  return Object.fromEntries(rows.map((row) => [row.id, row.name]));
}

type CenterRow = Omit<NonNullable<TicketPageAnswer['center']>, 'nameEn' | 'regionNameEn'> & { nameEn: string | null; regionNameEn: string | null };

/** The ticket's center with its and its region's English names only where the organisation gave them. */
function centerView({ nameEn, regionNameEn, ...center }: CenterRow): NonNullable<TicketPageAnswer['center']> {
  return { ...center, ...(nameEn === null ? {} : { nameEn }), ...(regionNameEn === null ? {} : { regionNameEn }) };
}

/** The English names of those engineers or centers that have one; nothing when none has. */
function englishNamesOf<K extends string>(db: Db, table: typeof engineers | typeof centers, ids: Iterable<string>, key: K): Partial<Record<K, Record<string, string>>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return {};
  const rows = db.select({ id: table.id, nameEn: table.nameEn }).from(table).where(inArray(table.id, wanted)).all();
  const named = rows.flatMap((row) => (row.nameEn === null ? [] : [[row.id, row.nameEn] as const]));
  return named.length === 0 ? {} : ({ [key]: Object.fromEntries(named) } as Partial<Record<K, Record<string, string>>>);
}

/**
 * The reads behind a ticket's page: every one a primary-key or ticket-index lookup, so the page answers
 * in the same time at a thousand tickets as at a million.
 */
export function createTicketStory(db: Db) {
  return {
    read(id: string): Omit<TicketPageAnswer, 'sla'> | null {
      const ticket = db.select().from(tickets).where(eq(tickets.id, id)).get() ?? null;
      const events: TicketEventView[] = db
        .select({ id: ticketEvents.id, type: ticketEvents.type, at: ticketEvents.at, receivedAt: ticketEvents.receivedAt, source: ticketEvents.source, data: ticketEvents.data })
        .from(ticketEvents)
        .where(eq(ticketEvents.ticketId, id))
        .orderBy(asc(ticketEvents.at), asc(ticketEvents.seq))
        .all()
        .map((event) => ({ ...event, data: (event.data ?? {}) as Record<string, unknown> }));
      if (!ticket && events.length === 0) return null;
      const customer = ticket ? (db.select({ id: customers.id, name: customers.name, nameEn: customers.nameEn, tier: customers.tier, contract: customers.contract }).from(customers).where(eq(customers.id, ticket.customerId)).get() ?? null) : null;
      const product = ticket?.productModel ? (db.select({ model: products.model, line: products.line, lineEn: products.lineEn }).from(products).where(eq(products.model, ticket.productModel)).get() ?? null) : null;
      const centerRow = ticket
        ? (db
            .select({ id: centers.id, name: centers.name, nameEn: centers.nameEn, regionId: centers.regionId, regionName: regions.name, regionNameEn: regions.nameEn, timeZone: centers.timeZone })
            .from(centers)
            .innerJoin(regions, eq(regions.id, centers.regionId))
            .where(eq(centers.id, ticket.centerId))
            .get() ?? null)
        : null;
      const center = centerRow && centerView(centerRow);
      const engineerIds = [...mentioned(events, 'engineerId'), ...(ticket?.engineerId ? [ticket.engineerId] : [])];
      const centerIds = [...mentioned(events, 'centerId'), ...(ticket ? [ticket.centerId] : [])];
      return {
        ticket,
        events,
        complaints: db.select().from(complaints).where(eq(complaints.ticketId, id)).orderBy(asc(complaints.openedAt)).all() as ComplaintState[],
        surveys: db.select().from(surveys).where(eq(surveys.ticketId, id)).orderBy(asc(surveys.at)).all(),
        parts: db.select().from(partsRequests).where(eq(partsRequests.ticketId, id)).orderBy(asc(partsRequests.requestedAt)).all(),
        customer,
        product,
        center,
        names: {
          engineers: namesOf(db, engineers, engineerIds),
          centers: namesOf(db, centers, centerIds),
          ...englishNamesOf(db, engineers, engineerIds, 'engineersEn'),
          ...englishNamesOf(db, centers, centerIds, 'centersEn'),
        },
      };
    },
  };
}

export type TicketStory = ReturnType<typeof createTicketStory>;
