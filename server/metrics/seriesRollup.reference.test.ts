import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/connection';
import { SERIES_RETENTION_MS, type SeriesBucket } from '../../shared/metrics/seriesQuery';
import { localDayKey } from '../../shared/time/zonedCalendar';
import { createCore } from '../core';
import { manualClock } from '../../test/support/manualClock';
import { smallNetwork } from '../../test/support/smallNetwork';
import { openTempDb } from '../../test/support/tempDb';
import { HISTORY_START, permutationOf, ticketHistoryArbitrary } from '../../test/support/ticketHistoryArbitrary';
import { ROLLUP_COLUMNS } from './rollupMarks';

/** A minute after the generated histories' last instant: the first day's minutes are past their retention. */
const NOW = HISTORY_START + 3 * 86_400_000 + 60_000;
const CHARTED = ['first_response', 'on_site', 'resolution'];

/** Every instant a ticket counts in a counter, straight from the stored tickets, complaints, surveys and clocks. */
function referenceMarks(db: Db): { centerId: string; engineerId: string; timeZone: string; column: string; at: number; score: number }[] {
  const desk = `t.center_id as centerId, coalesce(t.engineer_id, '') as engineerId, (select time_zone from centers where id = t.center_id) as timeZone`;
  const breached = `exists (select 1 from json_each(k.thresholds) where json_extract(value, '$.percent') = 100 and json_extract(value, '$.at') < k.stopped_at)`;
  const charted = `k.state = 'stopped' and k.stopped_at is not null and k.metric in (${CHARTED.map((metric) => `'${metric}'`).join(', ')})`;
  return db.$client
    .prepare(
      `select ${desk}, 'created' as column, t.created_at as at, 0 as score from tickets t
       union all select ${desk}, 'resolved', t.resolved_at, 0 from tickets t where t.resolved_at is not null
       union all select ${desk}, 'complaints_opened', c.opened_at, 0 from complaints c join tickets t on t.id = c.ticket_id
       union all select ${desk}, 'csat_scored', s.at, s.score from surveys s join tickets t on t.id = s.ticket_id where s.score is not null
       union all select ${desk}, k.metric || '_judged', k.stopped_at, 0 from sla_clocks k join tickets t on t.id = k.ticket_id where ${charted}
       union all select ${desk}, k.metric || '_met', k.stopped_at, 0 from sla_clocks k join tickets t on t.id = k.ticket_id where ${charted} and not ${breached}`,
    )
    .all() as never;
}

const BUCKET_OF: Record<SeriesBucket, (at: number, timeZone: string) => number> = {
  minute: (at) => Math.floor(at / 60_000) * 60_000,
  hour: (at) => Math.floor(at / 3_600_000) * 3_600_000,
  day: (at, timeZone) => Date.parse(`${localDayKey(at, timeZone)}T00:00:00Z`),
};

/** The rollup rows the stored facts call for: one per grain, bucket and desk, its counters summed, none all zero. */
function referenceRollups(db: Db): Record<string, unknown>[] {
  const rows = new Map<string, Record<string, unknown>>();
  for (const mark of referenceMarks(db)) {
    for (const grain of ['minute', 'hour', 'day'] as const) {
      if (mark.at < NOW - SERIES_RETENTION_MS[grain]) continue;
      const bucket = BUCKET_OF[grain](mark.at, mark.timeZone);
      const key = [grain, bucket, mark.centerId, mark.engineerId].join('|');
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { grain, bucket, center_id: mark.centerId, engineer_id: mark.engineerId, ...Object.fromEntries(ROLLUP_COLUMNS.map((column) => [column, 0])) }));
      (row[mark.column] as number)++;
      if (mark.column === 'csat_scored') (row.csat_score_sum as number) += mark.score;
    }
  }
  return [...rows.values()];
}

const sorted = (rows: Record<string, unknown>[]) => rows.map((row) => JSON.stringify(row, Object.keys(row).sort())).sort();

describe('series rollups', () => {
  it('equal a reference counted from the stored tickets, whatever order and batches the events came in', () => {
    const scenario = fc
      .tuple(ticketHistoryArbitrary('T-A', undefined, 12), ticketHistoryArbitrary('T-B', undefined, 12), ticketHistoryArbitrary('T-C', undefined, 12))
      .chain((histories) => {
        const events = histories.flat();
        return fc.record({ shuffled: permutationOf(events), cuts: fc.uniqueArray(fc.integer({ min: 1, max: events.length - 1 }), { maxLength: 4 }) });
      });
    fc.assert(
      fc.property(scenario, ({ shuffled, cuts }) => {
        const temp = openTempDb('rollup-reference-');
        try {
          const core = createCore(temp.db, manualClock(NOW));
          for (const kind of ['regions', 'centers', 'engineers', 'customers', 'products'] as const) core.referenceService.upsert(kind, smallNetwork[kind] as never);
          const bounds = [0, ...[...cuts].sort((a, b) => a - b), shuffled.length];
          for (let i = 1; i < bounds.length; i++) expect(core.ingestService.ingest(shuffled.slice(bounds[i - 1], bounds[i]), 'test').rejected).toEqual([]);
          const stored = temp.db.$client.prepare('select * from metric_rollups').all() as Record<string, unknown>[];
          expect(sorted(stored)).toEqual(sorted(referenceRollups(temp.db)));
        } finally {
          temp.close();
        }
      }),
      { numRuns: 20 },
    );
  }, 60_000);
});
