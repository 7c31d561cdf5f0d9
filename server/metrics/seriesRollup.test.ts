import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connection';
import { SERIES_RETENTION_MS, type SeriesBucket } from '../../shared/metrics/seriesQuery';
import { runInSlices } from '../eventLoopSlices';
import { createSeriesRollup } from './seriesRollup';
import { type TempDb, openTempDb } from '../../test/support/tempDb';

const NOW = Date.parse('2026-11-23T17:30:00Z');
const MINUTE = 60_000;
const DESKS = ['e-001', 'e-002', ''];
const GRAINS: SeriesBucket[] = ['minute', 'hour', 'day'];

let temp: TempDb;
let db: Db;

beforeEach(() => {
  temp = openTempDb('series-rollup-');
  db = temp.db;
  // Rollups name their center and engineer by id only; the prune reads nothing else.
  db.$client.pragma('foreign_keys = OFF');
});

afterEach(() => {
  temp.close();
});

/** `perSide` buckets just past each grain's retention and as many just inside it, for a few desks and for the levels. */
function fillAroundRetention(perSide: number): void {
  const rollup = db.$client.prepare('insert into metric_rollups (grain, bucket, center_id, engineer_id, created) values (?, ?, ?, ?, 1)');
  const level = db.$client.prepare('insert into metric_levels (grain, bucket, center_id, sampled_at, backlog_open, breached_open, at_risk_open) values (?, ?, ?, ?, 1, 0, 0)');
  db.$client.transaction(() => {
    for (const grain of GRAINS) {
      const horizon = NOW - SERIES_RETENTION_MS[grain];
      for (let i = 1; i <= perSide; i++) {
        for (const bucket of [horizon - i * MINUTE, horizon + (i - 1) * MINUTE]) {
          for (const engineerId of DESKS) rollup.run(grain, bucket, 'sh-01', engineerId);
          level.run(grain, bucket, 'sh-01', bucket);
        }
      }
    }
  })();
}

const count = (table: string, where: string, ...args: unknown[]) => (db.$client.prepare(`select count(*) as n from ${table} where ${where}`).get(...args) as { n: number }).n;

describe('series rollup pruning', () => {
  it('drops every bucket past its grain’s retention, over many steps, and keeps the rest', async () => {
    const perSide = 700;
    fillAroundRetention(perSide);
    const steps = createSeriesRollup(db, () => 'Asia/Shanghai').pruneSteps(NOW);
    let taken = 0;
    await runInSlices({ next: () => (taken++, steps.next()) });
    // 2,100 old rollup rows or 700 old levels in one grain take a full chunk and a step after it.
    expect(taken).toBeGreaterThan(GRAINS.length * 2 * 2);
    for (const grain of GRAINS) {
      const horizon = NOW - SERIES_RETENTION_MS[grain];
      expect(count('metric_rollups', 'grain = ? and bucket < ?', grain, horizon)).toBe(0);
      expect(count('metric_levels', 'grain = ? and bucket < ?', grain, horizon)).toBe(0);
      expect(count('metric_rollups', 'grain = ? and bucket >= ?', grain, horizon)).toBe(perSide * DESKS.length);
      expect(count('metric_levels', 'grain = ? and bucket >= ?', grain, horizon)).toBe(perSide);
    }
  });
});
