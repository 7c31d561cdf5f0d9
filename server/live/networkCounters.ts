import { count, inArray } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { tickets } from '../../db/schema';
import { OPEN_STATUSES } from '../../shared/domain/vocabulary';
import { type FlowBucket, type NetworkCounters, TREND_HOURS } from '../../shared/live/socketContract';
import { hourBucket, localDayKey } from '../../shared/time/zonedCalendar';
import type { FlowRollup } from '../store/flowRollup';

const HOUR_MS = 3_600_000;

/** The network's live counters and hourly trend, read from rollups in a constant number of queries. */
export function createNetworkCounters(db: Db, flowRollup: FlowRollup, centerZones: () => ReadonlyMap<string, string>) {
  return {
    counters(now: number): NetworkCounters {
      const open = db.select({ n: count() }).from(tickets).where(inArray(tickets.status, [...OPEN_STATUSES])).get()?.n ?? 0;
      const zones = centerZones();
      const todayByZone = new Map<string, string>();
      for (const zone of new Set(zones.values())) todayByZone.set(zone, localDayKey(now, zone));
      let createdToday = 0;
      let resolvedToday = 0;
      for (const row of flowRollup.dailyFor([...new Set(todayByZone.values())])) {
        const zone = zones.get(row.centerId);
        if (zone === undefined || todayByZone.get(zone) !== row.day) continue;
        createdToday += row.created;
        resolvedToday += row.resolved;
      }
      return { open, createdToday, resolvedToday };
    },

    /** The last TREND_HOURS hourly buckets including the current one, oldest first, zero-filled. */
    trend(now: number): FlowBucket[] {
      const from = hourBucket(now) - (TREND_HOURS - 1) * HOUR_MS;
      const found = new Map(flowRollup.hourlySince(from).map((row) => [row.hourStart, row]));
      return Array.from({ length: TREND_HOURS }, (_, i) => {
        const hourStart = from + i * HOUR_MS;
        const row = found.get(hourStart);
        return { hourStart, created: Number(row?.created ?? 0), resolved: Number(row?.resolved ?? 0) };
      });
    },
  };
}

export type NetworkCounterReader = ReturnType<typeof createNetworkCounters>;
