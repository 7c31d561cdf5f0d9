import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connection';
import { METRIC_WINDOWS, metricScopeSchema } from '../../shared/metrics/metricQuery';
import { NOW, handWorkedHistory } from '../../test/support/handWorkedHistory';
import { smallNetwork } from '../../test/support/smallNetwork';
import { type Core, createCore } from '../core';
import { computeMetrics } from '../metrics/metricReference';
import { type TempDb, openTempDb } from '../../test/support/tempDb';

let temp: TempDb;
let db: Db;
let core: Core;

beforeEach(() => {
  temp = openTempDb('rule-preview-');
  db = temp.db;
  core = createCore(db, { now: () => NOW });
  for (const kind of ['regions', 'centers', 'engineers', 'customers', 'products'] as const) core.referenceService.upsert(kind, smallNetwork[kind] as never);
  expect(core.ingestService.ingest(handWorkedHistory(), 'test').rejected).toEqual([]);
});

afterEach(() => {
  temp.close();
});

describe('rule preview figures', () => {
  it('are, read from the live metrics at a past instant, what the reference recomputation gives at that instant', () => {
    for (const scope of ['network', 'region:sh', 'center:urc-01', 'engineer:e-001'].map((text) => metricScopeSchema.parse(text))) {
      for (const hoursBack of [0, 1, 2, 5, 12, 23]) {
        const at = NOW - hoursBack * 3_600_000;
        for (const window of METRIC_WINDOWS) {
          expect(core.liveMetrics.valuesOf(scope, window, at), `${scope.kind} ${hoursBack} h back, ${window}`).toEqual(computeMetrics(db, core.org, { scope, window, now: at }).values);
        }
      }
    }
  });
});
