import { and, gte, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { centerFlowDaily, centerFlowHourly } from '../../db/schema';
import { hourBucket, localDayKey } from '../../shared/time/zonedCalendar';
import { chunked } from './chunks';

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

  return {
    apply(changes: readonly { before: FlowFacts | null; after: FlowFacts | null }[]): void {
      const hourly = new Map<string, number>();
      const daily = new Map<string, number>();
      for (const { before, after } of changes) {
        count(hourly, daily, before, -1);
        count(hourly, daily, after, +1);
      }
      for (const slice of chunked(rows(hourly), 200)) {
        const values = slice.map((row) => ({ centerId: row.centerId, hourStart: Number(row.bucket), created: row.created, resolved: row.resolved }));
        db.insert(centerFlowHourly).values(values).onConflictDoUpdate({ target: [centerFlowHourly.hourStart, centerFlowHourly.centerId], set: addUp }).run();
      }
      for (const slice of chunked(rows(daily), 200)) {
        const values = slice.map((row) => ({ centerId: row.centerId, day: row.bucket, created: row.created, resolved: row.resolved }));
        db.insert(centerFlowDaily).values(values).onConflictDoUpdate({ target: [centerFlowDaily.day, centerFlowDaily.centerId], set: addUp }).run();
      }
    },

    hourlySince(fromHour: number) {
      return db
        .select({
          hourStart: centerFlowHourly.hourStart,
          created: sql<number>`sum(${centerFlowHourly.created})`,
          resolved: sql<number>`sum(${centerFlowHourly.resolved})`,
        })
        .from(centerFlowHourly)
        .where(gte(centerFlowHourly.hourStart, fromHour))
        .groupBy(centerFlowHourly.hourStart)
        .all();
    },

    dailyFor(days: readonly string[]) {
      return db.select().from(centerFlowDaily).where(and(inArray(centerFlowDaily.day, [...days]))).all();
    },
  };
}

export type FlowRollup = ReturnType<typeof createFlowRollup>;
