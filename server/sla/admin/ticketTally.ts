import { count, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/connection';
import { tickets } from '../../../db/schema';
import { OPEN_STATUSES } from '../../../shared/domain/vocabulary';

/** How many tickets a recompute will walk, so its progress can say how far along it is. */
export function countTickets(db: Db, openOnly: boolean): number {
  const query = db.select({ tickets: count() }).from(tickets);
  return (openOnly ? query.where(inArray(tickets.status, [...OPEN_STATUSES])) : query).get()?.tickets ?? 0;
}
