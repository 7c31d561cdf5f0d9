import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { centerFlowDaily, centerFlowHourly } from '../../db/schema';
import { hourBucket, localDayKey } from '../../shared/time/zonedCalendar';

/** The parts of a ticket that the flow rollups count. */
export interface FlowFacts {
  centerId: string;
  createdAt: number;
  resolvedAt: number | null;
}

type Counter = 'created' | 'resolved';

/**
 * Hourly and local-daily created/resolved counts per center. A re-fold can move a ticket's
 * instants or center, so each change is applied as (new facts) − (old facts).
 */
export function createFlowRollup(db: Db, timeZoneOf: (centerId: string) => string) {
  function tally(deltas: Map<string, number>, key: string, sign: number): void {
    deltas.set(key, (deltas.get(key) ?? 0) + sign);
  }

  function count(hourly: Map<string, number>, daily: Map<string, number>, facts: FlowFacts | null, sign: number): void {
    if (!facts) return;
    const zone = timeZoneOf(facts.centerId);
    const mark = (counter: Counter, at: number) => {
      tally(hourly, `${facts.centerId}\u0000${hourBucket(at)}\u0000${counter}`, sign);
      tally(daily, `${facts.centerId}\u0000${localDayKey(at, zone)}\u0000${counter}`, sign);
    };
    mark('created', facts.createdAt);
    if (facts.resolvedAt !== null) mark('resolved', facts.resolvedAt);
  }

  function rows(deltas: Map<string, number>) {
    return [...deltas].filter(([, n]) => n !== 0).map(([key, n]) => {
      const [centerId, bucket, counter] = key.split('\u0000') as [string, string, Counter];
      return { centerId, bucket, created: counter === 'created' ? n : 0, resolved: counter === 'resolved' ? n : 0 };
    });
  }

  const addUp = { created: sql`created + excluded.created`, resolved: sql`resolved + excluded.resolved` };
  const counts = { centerId: sql.placeholder('centerId'), created: sql.placeholder('created'), resolved: sql.placeholder('resolved') };
  const bumpHour = db
    .insert(centerFlowHourly)
    .values({ ...counts, hourStart: sql.placeholder('bucket') } as never)
    .onConflictDoUpdate({ target: [centerFlowHourly.hourStart, centerFlowHourly.centerId], set: addUp })
    .prepare();
  const bumpDay = db
    .insert(centerFlowDaily)
    .values({ ...counts, day: sql.placeholder('bucket') } as never)
    .onConflictDoUpdate({ target: [centerFlowDaily.day, centerFlowDaily.centerId], set: addUp })
    .prepare();
  // A bucket brought back to zero is removed, so the tables depend on the tickets alone and not on the order their events arrived in.
  const emptied = (table: typeof centerFlowHourly | typeof centerFlowDaily) => and(eq(table.centerId, sql.placeholder('centerId')), eq(table.created, 0), eq(table.resolved, 0));
  const dropEmptyHour = db.delete(centerFlowHourly).where(and(eq(centerFlowHourly.hourStart, sql.placeholder('bucket')), emptied(centerFlowHourly))).prepare();
  const dropEmptyDay = db.delete(centerFlowDaily).where(and(eq(centerFlowDaily.day, sql.placeholder('bucket')), emptied(centerFlowDaily))).prepare();

  return {
    apply(changes: readonly { before: FlowFacts | null; after: FlowFacts | null }[]): void {
      const hourly = new Map<string, number>();
      const daily = new Map<string, number>();
      for (const { before, after } of changes) {
        count(hourly, daily, before, -1);
        count(hourly, daily, after, +1);
      }
      for (const row of rows(hourly)) {
        bumpHour.run({ ...row, bucket: Number(row.bucket) });
        if (row.created < 0 || row.resolved < 0) dropEmptyHour.run({ centerId: row.centerId, bucket: Number(row.bucket) });
      }
      for (const row of rows(daily)) {
        bumpDay.run(row);
        if (row.created < 0 || row.resolved < 0) dropEmptyDay.run({ centerId: row.centerId, bucket: row.bucket });
      }
    },

    /** Hourly totals from fromHour on, over the whole network or only the given centers. */
    hourlySince(fromHour: number, centers: ReadonlySet<string> | null = null) {
      const inScope = centers === null ? undefined : inArray(centerFlowHourly.centerId, [...centers]);
      return db
        .select({
          hourStart: centerFlowHourly.hourStart,
          created: sql<number>`sum(${centerFlowHourly.created})`,
          resolved: sql<number>`sum(${centerFlowHourly.resolved})`,
        })
        .from(centerFlowHourly)
        .where(and(gte(centerFlowHourly.hourStart, fromHour), inScope))
        .groupBy(centerFlowHourly.hourStart)
        .all();
    },

    dailyFor(days: readonly string[]) {
      return db.select().from(centerFlowDaily).where(and(inArray(centerFlowDaily.day, [...days]))).all();
    },
  };
}

export type FlowRollup = ReturnType<typeof createFlowRollup>;
