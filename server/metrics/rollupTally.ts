import { BUCKET_MS, SERIES_RETENTION_MS, type SeriesBucket } from '../../shared/metrics/seriesQuery';
import { localDayKey } from '../../shared/time/zonedCalendar';
import { ERA_END_MS } from '../../shared/time/supportedEra';
import type { TicketFacts } from './live/ticketFacts';
import { CSAT_SCORE_SUM, type Mark, ROLLUP_COLUMNS } from './rollupMarks';

export const GRAINS: readonly SeriesBucket[] = ['minute', 'hour', 'day'];

/** Read once: an imported constant is a getter call on every use in the tally's inner loop. */
const ERA_END = ERA_END_MS;
const MINUTE_MS = BUCKET_MS.minute;
const HOUR_MS = BUCKET_MS.hour;

/** Every zone's offset is a multiple of 15 minutes, so an instant's local day is the same across a UTC quarter hour. */
const QUARTER_HOUR_MS = 15 * 60_000;
const dayOfQuarter = new Map<string, Map<number, number>>();
/** Quarters remembered per zone: a year, far more than one ingest touches, and bounded. */
const QUARTERS_KEPT = 366 * 96;

/** A local calendar day, stored as that date at 00:00 UTC so day buckets sort and compare as numbers. */
function dayBucket(at: number, timeZone: string): number {
  const quarter = Math.floor(at / QUARTER_HOUR_MS);
  let days = dayOfQuarter.get(timeZone);
  if (!days) dayOfQuarter.set(timeZone, (days = new Map()));
  let day = days.get(quarter);
  if (day === undefined) {
    if (days.size >= QUARTERS_KEPT) days.clear();
    day = Date.parse(`${localDayKey(at, timeZone)}T00:00:00Z`);
    days.set(quarter, day);
  }
  return day;
}

export function bucketOf(grain: SeriesBucket, at: number, timeZone: string): number {
  return grain === 'day' ? dayBucket(at, timeZone) : Math.floor(at / BUCKET_MS[grain]) * BUCKET_MS[grain];
}

/** What a batch adds to one rollup row's counters; `lowered` when one went down, so the row may now be all zero. */
interface RowDelta {
  grain: SeriesBucket;
  bucket: number;
  counts: number[];
  lowered: boolean;
}

/** A desk's row deltas, keyed by bucket × 4 + grain's index: a number, not a string built per mark. */
interface DeskDeltas {
  centerId: string;
  engineerId: string;
  rows: Map<number, RowDelta>;
}

/**
 * One batch's changes to the rollups, summed per row before anything is written: a ticket changed
 * twice in a batch, or two tickets of one desk in one minute, is one row to write.
 */
export function createRollupTally(now: number, timeZoneOf: (centerId: string) => string) {
  const desks = new Map<string, DeskDeltas>();
  // Older buckets have been pruned; counting into them would only leave stray rows.
  const minuteHorizon = now - SERIES_RETENTION_MS.minute;
  const hourHorizon = now - SERIES_RETENTION_MS.hour;
  const dayHorizon = now - SERIES_RETENTION_MS.day;

  function count(desk: DeskDeltas, grainIndex: number, bucket: number, mark: Mark, sign: number): void {
    const key = bucket * 4 + grainIndex;
    let row = desk.rows.get(key);
    if (!row) desk.rows.set(key, (row = { grain: GRAINS[grainIndex]!, bucket, counts: new Array<number>(ROLLUP_COLUMNS.length).fill(0), lowered: false }));
    row.counts[mark.column]! += sign;
    if (mark.score !== 0) row.counts[CSAT_SCORE_SUM]! += sign * mark.score;
    if (sign < 0) row.lowered = true;
  }

  return {
    /** Counts `marks` of the ticket's desk, `sign` +1 for marks it gained and −1 for marks it lost. */
    add(facts: TicketFacts, marks: readonly Mark[], sign: number): void {
      if (marks.length === 0) return;
      const engineerId = facts.engineerId ?? '';
      const deskKey = `${facts.centerId}\u0000${engineerId}`;
      let desk = desks.get(deskKey);
      if (!desk) desks.set(deskKey, (desk = { centerId: facts.centerId, engineerId, rows: new Map() }));
      const zone = timeZoneOf(facts.centerId);
      for (const mark of marks) {
        const at = mark.at;
        // Nothing is charted past the era's end, where only a broken source clock, stored before events were bounded, put anything.
        if (at >= ERA_END) continue;
        if (at >= minuteHorizon) count(desk, 0, Math.floor(at / MINUTE_MS) * MINUTE_MS, mark, sign);
        if (at >= hourHorizon) count(desk, 1, Math.floor(at / HOUR_MS) * HOUR_MS, mark, sign);
        if (at >= dayHorizon) count(desk, 2, dayBucket(at, zone), mark, sign);
      }
    },

    /**
     * The rows to bump, by the set of counters they move (a bit per column of ROLLUP_COLUMNS): each
     * row is its key then those counters only. Rows whose counters all cancelled are left out. Also the
     * keys of rows that went down, to remove if they are now all zero.
     */
    rows(): { bumps: Map<number, unknown[][]>; lowered: unknown[][] } {
      const bumps = new Map<number, unknown[][]>();
      const lowered: unknown[][] = [];
      for (const desk of desks.values()) {
        for (const row of desk.rows.values()) {
          const bump: unknown[] = [row.grain, row.bucket, desk.centerId, desk.engineerId];
          let moved = 0;
          for (let column = 0; column < row.counts.length; column++) {
            if (row.counts[column] === 0) continue;
            moved |= 1 << column;
            bump.push(row.counts[column]);
          }
          if (moved === 0) continue;
          const same = bumps.get(moved);
          if (same) same.push(bump);
          else bumps.set(moved, [bump]);
          if (row.lowered) lowered.push([row.grain, row.bucket, desk.centerId, desk.engineerId]);
        }
      }
      return { bumps, lowered };
    },
  };
}
