import type { Db } from '../../db/connection';
import { deletionSteps } from '../eventLoopSlices';
import { createMultiRowStatement } from '../store/rowCodec';
import { BUCKET_MS, SERIES_RETENTION_MS, type SeriesBucket } from '../../shared/metrics/seriesQuery';
import { localDayKey } from '../../shared/time/zonedCalendar';
import { ERA_END_MS } from '../../shared/time/supportedEra';
import type { StagedChange } from './live/liveMetrics';
import type { TicketFacts } from './live/ticketFacts';

/** The SLA metrics whose compliance is charted. */
const CHARTED_SLA = ['first_response', 'on_site', 'resolution'] as const;
type ChartedSla = (typeof CHARTED_SLA)[number];
type RollupSeries = 'created' | 'resolved' | 'complaints_opened' | 'csat' | `sla_judged:${ChartedSla}` | `sla_met:${ChartedSla}`;
/** Every series marksOf writes, as a record so a series added to the type cannot be left out of pruning. */
const SERIES_PRESENT: Record<RollupSeries, true> = {
  created: true, resolved: true, complaints_opened: true, csat: true,
  'sla_judged:first_response': true, 'sla_judged:on_site': true, 'sla_judged:resolution': true,
  'sla_met:first_response': true, 'sla_met:on_site': true, 'sla_met:resolution': true,
};
const ROLLUP_SERIES = Object.keys(SERIES_PRESENT) as RollupSeries[];

const isCharted = (metric: string): metric is ChartedSla => (CHARTED_SLA as readonly string[]).includes(metric);

/** A rollup row's key (grain, series, bucket, center, engineer) and what a change adds to it. */
interface RollupDelta {
  row: [SeriesBucket, RollupSeries, number, string, string];
  n: number;
  total: number;
}

/** Read once: an imported constant is a getter call on every use in the tally's inner loop. */
const ERA_END = ERA_END_MS;

interface Mark {
  series: RollupSeries;
  at: number;
  total: number;
}

/** Each version of a ticket's facts is seen twice, as the change's after and then as the next one's before. */
const marksKept = new WeakMap<TicketFacts, Mark[]>();

/** What one ticket adds to the rollups: one mark per instant a series counts. */
function marksOf(facts: TicketFacts): Mark[] {
  let marks = marksKept.get(facts);
  if (!marks) marksKept.set(facts, (marks = markTicket(facts)));
  return marks;
}

function markTicket(facts: TicketFacts): Mark[] {
  const marks: Mark[] = [{ series: 'created', at: facts.createdAt, total: 0 }];
  if (facts.resolvedAt !== null) marks.push({ series: 'resolved', at: facts.resolvedAt, total: 0 });
  for (const complaint of facts.complaints) marks.push({ series: 'complaints_opened', at: complaint.openedAt, total: 0 });
  for (const survey of facts.surveys) if (survey.score !== null) marks.push({ series: 'csat', at: survey.at, total: survey.score });
  for (const clock of facts.clocks) {
    if (clock.state !== 'stopped' || clock.stoppedAt === null || !isCharted(clock.metric)) continue;
    marks.push({ series: `sla_judged:${clock.metric}`, at: clock.stoppedAt, total: 0 });
    if (!(clock.breachAt !== null && clock.breachAt < clock.stoppedAt)) marks.push({ series: `sla_met:${clock.metric}`, at: clock.stoppedAt, total: 0 });
  }
  return marks;
}

/** Every zone's offset is a multiple of 15 minutes, so an instant's local day is the same across a UTC quarter hour. */
const QUARTER_HOUR_MS = 15 * 60_000;
const dayOfQuarter = new Map<string, Map<number, number>>();
/** Quarters remembered per zone: a year, far more than one ingest touches, and bounded. */
const QUARTERS_KEPT = 366 * 96;

/** The marks one version of a ticket has and the other has not, counted as a multiset: most changes move one or two. */
function marksChanged(before: readonly Mark[], after: readonly Mark[]): { removed: Mark[]; added: Mark[] } {
  const keyOf = (mark: Mark) => `${mark.series}|${mark.at}|${mark.total}`;
  const pending = new Map<string, Mark[]>();
  for (const mark of before) {
    const key = keyOf(mark);
    const same = pending.get(key);
    if (same) same.push(mark);
    else pending.set(key, [mark]);
  }
  const added: Mark[] = [];
  for (const mark of after) {
    const same = pending.get(keyOf(mark));
    if (same && same.length > 0) same.pop();
    else added.push(mark);
  }
  return { removed: [...pending.values()].flat(), added };
}

/** A local calendar day, stored as that date at 00:00 UTC so day buckets sort and compare as numbers. */
export function dayBucket(at: number, timeZone: string): number {
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

const GRAINS: readonly SeriesBucket[] = ['minute', 'hour', 'day'];

/**
 * Minute, hour and local-day rollups per desk (center × engineer), written in the transaction that
 * changed the tickets. A change is applied as (new marks) − (old marks); a bucket brought back to
 * zero is removed, so the table depends on the tickets and not on the order their events came in.
 */
export function createSeriesRollup(db: Db, timeZoneOf: (centerId: string) => string) {
  // Plain multi-row statements: this runs for every mark of every changed ticket inside each ingest transaction.
  const bump = createMultiRowStatement(
    db.$client,
    'insert into metric_rollups (grain, series, bucket, center_id, engineer_id, n, total) values',
    7,
    'on conflict (grain, series, bucket, center_id, engineer_id) do update set n = n + excluded.n, total = total + excluded.total',
  );
  const dropEmpty = db.$client.prepare(`delete from metric_rollups where grain = ? and series = ? and bucket = ? and center_id = ? and engineer_id = ? and n = 0`);
  const dropOldRollups = db.$client.prepare(
    `delete from metric_rollups where rowid in (select rowid from metric_rollups where grain = ? and series = ? and bucket < ? limit ?)`,
  );
  const dropOldLevels = db.$client.prepare(`delete from metric_levels where rowid in (select rowid from metric_levels where grain = ? and bucket < ? limit ?)`);
  const saveLevel = db.$client.prepare(
    `insert into metric_levels (grain, bucket, center_id, sampled_at, backlog_open, breached_open, at_risk_open) values (?, ?, ?, ?, ?, ?, ?)
     on conflict (grain, bucket, center_id) do update set sampled_at = excluded.sampled_at, backlog_open = excluded.backlog_open,
       breached_open = excluded.breached_open, at_risk_open = excluded.at_risk_open where excluded.sampled_at >= sampled_at`,
  );

  function tally(deltas: Map<string, RollupDelta>, facts: TicketFacts, marks: readonly Mark[], sign: number, now: number): void {
    const zone = timeZoneOf(facts.centerId);
    const engineerId = facts.engineerId ?? '';
    const desk = `${facts.centerId}\u0000${engineerId}`;
    for (const mark of marks) {
      // Nothing is charted past the era's end, where only a broken source clock, stored before events were bounded, put anything.
      if (mark.at >= ERA_END) continue;
      for (const grain of GRAINS) {
        // Older minutes have been pruned; counting into them would only leave stray rows.
        if (mark.at < now - SERIES_RETENTION_MS[grain]) continue;
        const bucket = bucketOf(grain, mark.at, zone);
        const key = `${grain}\u0000${mark.series}\u0000${bucket}\u0000${desk}`;
        let delta = deltas.get(key);
        if (!delta) deltas.set(key, (delta = { row: [grain, mark.series, bucket, facts.centerId, engineerId], n: 0, total: 0 }));
        delta.n += sign;
        delta.total += sign * mark.total;
      }
    }
  }

  return {
    /** Call inside the transaction that changed these tickets. */
    apply(changes: readonly StagedChange[], now: number): void {
      const deltas = new Map<string, RollupDelta>();
      for (const { before, after } of changes) {
        if (before && after && before.centerId === after.centerId && before.engineerId === after.engineerId) {
          const { removed, added } = marksChanged(marksOf(before), marksOf(after));
          tally(deltas, before, removed, -1, now);
          tally(deltas, after, added, +1, now);
          continue;
        }
        if (before) tally(deltas, before, marksOf(before), -1, now);
        if (after) tally(deltas, after, marksOf(after), +1, now);
      }
      const bumps: unknown[][] = [];
      const emptied: unknown[][] = [];
      for (const { row, n, total } of deltas.values()) {
        if (n === 0 && total === 0) continue;
        bumps.push([...row, n, total]);
        if (n < 0) emptied.push(row);
      }
      bump.runMany(bumps);
      for (const params of emptied) dropEmpty.run(...params);
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
     * slices. Each delete walks a primary-key range (grain, series, bucket), never the whole table.
     */
    *pruneSteps(now: number): Generator<void, void> {
      for (const grain of GRAINS) {
        const horizon = now - SERIES_RETENTION_MS[grain];
        for (const series of ROLLUP_SERIES) yield* deletionSteps((limit) => dropOldRollups.run(grain, series, horizon, limit).changes);
        yield* deletionSteps((limit) => dropOldLevels.run(grain, horizon, limit).changes);
      }
    },
  };
}

export type SeriesRollup = ReturnType<typeof createSeriesRollup>;
