import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { writeOldDatabase } from '../../test/support/oldDatabase';
import { ROLLUP_COLUMNS } from './rollupMarks';

const HOUR = Date.parse('2026-11-23T16:00:00Z');
const DAY = Date.parse('2026-11-23T00:00:00Z');
const MINUTE = Date.parse('2026-11-23T16:25:00Z');

let dir: string;

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const zero = Object.fromEntries(ROLLUP_COLUMNS.map((column) => [column, 0]));

describe('migration 0019: rollups one row per desk and bucket', () => {
  it('carries every series of an existing store into its counters, a desk and bucket to one row, without a rowid', () => {
    dir = mkdtempSync(join(tmpdir(), 'rollup-migration-'));
    const path = join(dir, 'ops.db');
    writeOldDatabase(path, 18, (sqlite) => {
      const rollup = sqlite.prepare('insert into metric_rollups (grain, series, bucket, center_id, engineer_id, n, total) values (?, ?, ?, ?, ?, ?, ?)');
      rollup.run('hour', 'created', HOUR, 'sh-01', 'e-001', 2, 0);
      rollup.run('hour', 'csat', HOUR, 'sh-01', 'e-001', 2, 9);
      rollup.run('hour', 'sla_judged:on_site', HOUR, 'sh-01', 'e-001', 3, 0);
      rollup.run('hour', 'sla_met:on_site', HOUR, 'sh-01', 'e-001', 2, 0);
      rollup.run('hour', 'created', HOUR, 'sh-01', 'e-002', 1, 0);
      rollup.run('day', 'resolved', DAY, 'sh-01', '', 1, 0);
      rollup.run('day', 'sla_judged:resolution', DAY, 'sh-01', '', 1, 0);
      rollup.run('day', 'sla_met:resolution', DAY, 'sh-01', '', 1, 0);
      rollup.run('minute', 'complaints_opened', MINUTE, 'urc-01', 'e-003', 1, 0);
      rollup.run('minute', 'sla_judged:first_response', MINUTE, 'urc-01', 'e-003', 1, 0);
      rollup.run('minute', 'sla_met:first_response', MINUTE, 'urc-01', 'e-003', 1, 0);
    });
    const db = openDatabase(path);
    try {
      expect(db.$client.prepare('select * from metric_rollups order by grain, bucket, center_id, engineer_id').all()).toEqual([
        { ...zero, grain: 'day', bucket: DAY, center_id: 'sh-01', engineer_id: '', resolved: 1, resolution_judged: 1, resolution_met: 1 },
        { ...zero, grain: 'hour', bucket: HOUR, center_id: 'sh-01', engineer_id: 'e-001', created: 2, csat_scored: 2, csat_score_sum: 9, on_site_judged: 3, on_site_met: 2 },
        { ...zero, grain: 'hour', bucket: HOUR, center_id: 'sh-01', engineer_id: 'e-002', created: 1 },
        { ...zero, grain: 'minute', bucket: MINUTE, center_id: 'urc-01', engineer_id: 'e-003', complaints_opened: 1, first_response_judged: 1, first_response_met: 1 },
      ]);
      const table = db.$client.prepare(`select sql from sqlite_master where name = 'metric_rollups'`).pluck().get() as string;
      expect(table).toMatch(/WITHOUT ROWID/);
    } finally {
      db.$client.close();
    }
  });
});
