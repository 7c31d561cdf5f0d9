import type { Db } from '../../db/connection';
import { deletionSteps } from '../eventLoopSlices';
import { createMultiRowStatement } from '../store/rowCodec';
import { SERIES_RETENTION_MS, type SeriesBucket } from '../../shared/metrics/seriesQuery';
import type { StagedChange } from './live/liveMetrics';
import { ROLLUP_COLUMNS, marksMoved, marksOf } from './rollupMarks';
import { GRAINS, bucketOf, createRollupTally } from './rollupTally';

const KEY = 'grain, bucket, center_id, engineer_id';

/**
 * Minute, hour and local-day rollups per desk (center × engineer), written in the transaction that
 * changed the tickets. A change is applied as (new marks) − (old marks); a row brought back to all
 * zero is removed, so the table depends on the tickets and not on the order their events came in.
 */
export function createSeriesRollup(db: Db, timeZoneOf: (centerId: string) => string) {
  // Plain multi-row statements, one for each set of counters a row moves: most rows move one to three of
  // the eleven, and binding and adding only those took ~30 % less SQLite time than all eleven (once prepared).
  const bumpByMoved = new Map<number, ReturnType<typeof createMultiRowStatement>>();
  const bumpOf = (moved: number) => {
    let bump = bumpByMoved.get(moved);
    if (!bump) {
      const columns = ROLLUP_COLUMNS.filter((_, index) => moved & (1 << index));
      const sums = columns.map((column) => `${column} = ${column} + excluded.${column}`).join(', ');
      bump = createMultiRowStatement(db.$client, `insert into metric_rollups (${KEY}, ${columns.join(', ')}) values`, 4 + columns.length, `on conflict (${KEY}) do update set ${sums}`);
      bumpByMoved.set(moved, bump);
    }
    return bump;
  };
  const dropEmpty = createMultiRowStatement(db.$client, `delete from metric_rollups where (${KEY}) in (values`, 4, `) and ${ROLLUP_COLUMNS.map((column) => `${column} = 0`).join(' and ')}`);
  // The table has no rowid: a chunk is picked by its key, walking the (grain, bucket) prefix of the primary key.
  const dropOldRollups = db.$client.prepare(`delete from metric_rollups where (${KEY}) in (select ${KEY} from metric_rollups where grain = ? and bucket < ? limit ?)`);
  const dropOldLevels = db.$client.prepare(`delete from metric_levels where rowid in (select rowid from metric_levels where grain = ? and bucket < ? limit ?)`);
  const saveLevel = db.$client.prepare(
    `insert into metric_levels (grain, bucket, center_id, sampled_at, backlog_open, breached_open, at_risk_open) values (?, ?, ?, ?, ?, ?, ?)
     on conflict (grain, bucket, center_id) do update set sampled_at = excluded.sampled_at, backlog_open = excluded.backlog_open,
       breached_open = excluded.breached_open, at_risk_open = excluded.at_risk_open where excluded.sampled_at >= sampled_at`,
  );

  return {
    /** Call inside the transaction that changed these tickets. */
    apply(changes: readonly StagedChange[], now: number): void {
      const tally = createRollupTally(now, timeZoneOf);
      for (const { before, after } of changes) {
        if (before && after && before.centerId === after.centerId && before.engineerId === after.engineerId) {
          const { removed, added } = marksMoved(before, after);
          tally.add(before, removed, -1);
          tally.add(after, added, +1);
          continue;
        }
        if (before) tally.add(before, marksOf(before), -1);
        if (after) tally.add(after, marksOf(after), +1);
      }
      const { bumps, lowered } = tally.rows();
      for (const [moved, rows] of bumps) bumpOf(moved).runMany(rows);
      dropEmpty.runMany(lowered);
    },

    /** One sample of each center's levels, into its minute, hour and local-day rows (or the grains given: a history backfill skips minutes). */
    sampleLevels(now: number, levels: ReadonlyMap<string, { backlogOpen: number; breachedOpen: number; atRiskOpen: number }>, grains: readonly SeriesBucket[] = GRAINS): void {
      const write = db.$client.transaction(() => {
        for (const [centerId, level] of levels) {
          for (const grain of grains) saveLevel.run(grain, bucketOf(grain, now, timeZoneOf(centerId)), centerId, now, level.backlogOpen, level.breachedOpen, level.atRiskOpen);
        }
      });
      write();
    },

    /**
     * Drops buckets older than each grain keeps, PRUNE_CHUNK rows a step, so a caller can run it in
     * slices. Each delete walks a primary-key range (grain, bucket), never the whole table.
     */
    *pruneSteps(now: number): Generator<void, void> {
      for (const grain of GRAINS) {
        const horizon = now - SERIES_RETENTION_MS[grain];
        yield* deletionSteps((limit) => dropOldRollups.run(grain, horizon, limit).changes);
        yield* deletionSteps((limit) => dropOldLevels.run(grain, horizon, limit).changes);
      }
    },
  };
}

export type SeriesRollup = ReturnType<typeof createSeriesRollup>;
