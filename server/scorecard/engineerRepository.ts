import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { OPEN_TICKET, centers, customers, engineers, tickets } from '../../db/schema';

export interface EngineerRow {
  id: string;
  name: string;
  /** The engineer's English name; null where the organisation gave none. */
  nameEn: string | null;
  centerId: string;
  centerName: string;
  /** The center's English name; null where the organisation gave none. */
  centerNameEn: string | null;
  timeZone: string;
}

/** Engineers with their center, and an engineer's open tickets, as the engineer page reads them. */
export function createEngineerRepository(db: Db) {
  const withCenter = () =>
    db.select({ id: engineers.id, name: engineers.name, nameEn: engineers.nameEn, centerId: engineers.centerId, centerName: centers.name, centerNameEn: centers.nameEn, timeZone: centers.timeZone })
      .from(engineers).innerJoin(centers, eq(centers.id, engineers.centerId));

  return {
    get(engineerId: string): EngineerRow | undefined {
      return withCenter().where(eq(engineers.id, engineerId)).get();
    },
    /** The engineers of a center, the team a scorecard's median is taken over. */
    ofCenter(centerId: string): EngineerRow[] {
      return withCenter().where(eq(engineers.centerId, centerId)).orderBy(asc(engineers.id)).all();
    },
    openTickets(engineerId: string) {
      return db
        .select({
          id: tickets.id, status: tickets.status, priority: tickets.priority, customerName: customers.name, customerNameEn: customers.nameEn, centerName: centers.name,
          symptom: tickets.symptom, type: tickets.type, productModel: tickets.productModel, createdAt: tickets.createdAt, appointmentAt: tickets.appointmentAt,
        })
        .from(tickets)
        .innerJoin(customers, eq(customers.id, tickets.customerId))
        .innerJoin(centers, eq(centers.id, tickets.centerId))
        .where(and(eq(tickets.engineerId, engineerId), sql`${OPEN_TICKET}`))
        .orderBy(asc(tickets.createdAt))
        .all();
    },
    ticketEngineer(ticketId: string): { engineerId: string | null } | undefined {
      return db.select({ engineerId: tickets.engineerId }).from(tickets).where(eq(tickets.id, ticketId)).get();
    },
  };
}

export type EngineerRepository = ReturnType<typeof createEngineerRepository>;
