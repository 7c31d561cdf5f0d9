import { and, count, inArray } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { tickets } from '../../db/schema';
import { OPEN_STATUSES } from '../../shared/domain/vocabulary';
import { type FlowBucket, type ScopeCounters, TREND_HOURS } from '../../shared/live/socketContract';
import { hourBucket, localDayKey } from '../../shared/time/zonedCalendar';
import type { FlowRollup } from '../store/flowRollup';

const HOUR_MS = 3_600_000;

/** The centers a scope counts; null for the whole network. */
export type CenterSet = ReadonlySet<string> | null;

/**
 * Live counters and the hourly trend of the network or of a set of centers, read from the rollups in a
 * constant number of queries whatever the scope, so a room costs the same however many tickets it holds.
 */
export function createNetworkCounters(db: Db, flowRollup: FlowRollup, centerZones: () => ReadonlyMap<string, string>) {
  return {
    counters(now: number, centers: CenterSet = null): ScopeCounters {
      const openStatus = inArray(tickets.status, [...OPEN_STATUSES]);
      const where = centers === null ? openStatus : and(openStatus, inArray(tickets.centerId, [...centers]));
      const open = db.select({ n: count() }).from(tickets).where(where).get()?.n ?? 0;
      const zones = centerZones();
      const todayByZone = new Map<string, string>();
      for (const zone of new Set(zones.values())) todayByZone.set(zone, localDayKey(now, zone));
      let createdToday = 0;
      let resolvedToday = 0;
      // One row per center and local day: filtering here keeps it one query for any scope.
      for (const row of flowRollup.dailyFor([...new Set(todayByZone.values())])) {
        if (centers !== null && !centers.has(row.centerId)) continue;
        const zone = zones.get(row.centerId);
        if (zone === undefined || todayByZone.get(zone) !== row.day) continue;
        createdToday += row.created;
        resolvedToday += row.resolved;
      }
      return { open, createdToday, resolvedToday };
    },

    /** The last TREND_HOURS hourly buckets including the current one, oldest first, zero-filled. */
    trend(now: number, centers: CenterSet = null): FlowBucket[] {
      const from = hourBucket(now) - (TREND_HOURS - 1) * HOUR_MS;
      const rows = flowRollup.hourlySince(from, centers);
      const found = new Map(rows.map((row) => [row.hourStart, row]));
      return Array.from({ length: TREND_HOURS }, (_, i) => {
        const hourStart = from + i * HOUR_MS;
        const row = found.get(hourStart);
        return { hourStart, created: Number(row?.created ?? 0), resolved: Number(row?.resolved ?? 0) };
      });
    },
  };
}

export type NetworkCounterReader = ReturnType<typeof createNetworkCounters>;
