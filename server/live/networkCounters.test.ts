import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../db/connection';
import { tickets } from '../../db/schema';
import { NOW, handWorkedHistory } from '../../test/support/handWorkedHistory';
import { smallNetwork } from '../../test/support/smallNetwork';
import { type Core, createCore } from '../core';
import { computeMetrics } from '../metrics/metricReference';

let dir: string;
let db: Db;
let core: Core;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'scope-counters-'));
  db = openDatabase(join(dir, 'ops.db'));
  core = createCore(db, { now: () => NOW });
  for (const kind of ['regions', 'centers', 'engineers', 'customers', 'products'] as const) core.referenceService.upsert(kind, smallNetwork[kind] as never);
  expect(core.ingestService.ingest(handWorkedHistory(), 'test').rejected).toEqual([]);
});

afterEach(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const SCOPES = [
  { kind: 'network' },
  { kind: 'region', id: 'east' },
  { kind: 'region', id: 'sh' },
  { kind: 'region', id: 'west' },
  { kind: 'center', id: 'sh-01' },
  { kind: 'center', id: 'sh-02' },
  { kind: 'center', id: 'urc-01' },
] as const;

describe('live counters of a set of centers', () => {
  it("equal the metric reference's plain recomputation for every scope, across two zones' midnights", () => {
    for (const scope of SCOPES) {
      const centers = scope.kind === 'network' ? null : new Set(core.org.centersIn(scope));
      const reference = computeMetrics(db, core.org, { scope, window: 'today', now: NOW }).values;
      expect(core.networkCounters.counters(NOW, centers), JSON.stringify(scope)).toEqual({
        open: reference.backlog_open,
        createdToday: reference.created_today,
        resolvedToday: reference.resolved_today,
      });
    }
  });

  it("trend the scope's tickets by hour of creation and resolution, as counted from the tickets table", () => {
    const rows = db.select({ centerId: tickets.centerId, createdAt: tickets.createdAt, resolvedAt: tickets.resolvedAt }).from(tickets).all();
    for (const scope of SCOPES) {
      const centers = scope.kind === 'network' ? null : new Set(core.org.centersIn(scope));
      const inScope = rows.filter((row) => centers === null || centers.has(row.centerId));
      const trend = core.networkCounters.trend(NOW, centers);
      const hourOf = (at: number) => trend.find((bucket) => at >= bucket.hourStart && at < bucket.hourStart + 3_600_000)?.hourStart;
      const expected = trend.map((bucket) => ({
        hourStart: bucket.hourStart,
        created: inScope.filter((row) => hourOf(row.createdAt) === bucket.hourStart).length,
        resolved: inScope.filter((row) => row.resolvedAt !== null && hourOf(row.resolvedAt) === bucket.hourStart).length,
      }));
      expect(trend, JSON.stringify(scope)).toEqual(expected);
    }
  });

  it('count nothing for an empty set of centers', () => {
    expect(core.networkCounters.counters(NOW, new Set())).toEqual({ open: 0, createdToday: 0, resolvedToday: 0 });
    expect(core.networkCounters.trend(NOW, new Set()).every((bucket) => bucket.created === 0 && bucket.resolved === 0)).toBe(true);
  });
});
