import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connection';
import { METRIC_CATALOG, type MetricId, type MetricValues } from '../../shared/metrics/metricCatalog';
import { type MetricWindow, metricScopeSchema } from '../../shared/metrics/metricQuery';
import { createdEvent, smallNetwork } from '../../test/support/smallNetwork';
import { type Core, createCore } from '../core';
import { HttpError } from '../http/httpError';
import { MINUTE, NOW, ago, event, handWorkedHistory } from '../../test/support/handWorkedHistory';
import { computeMetrics } from './metricReference';
import { type TempDb, openTempDb } from '../../test/support/tempDb';

let temp: TempDb;
let db: Db;
let core: Core;

beforeEach(() => {
  temp = openTempDb('metric-reference-');
  db = temp.db;
  core = createCore(db, { now: () => NOW });
  for (const kind of ['regions', 'centers', 'engineers', 'customers', 'products'] as const) core.referenceService.upsert(kind, smallNetwork[kind] as never);
});

afterEach(() => {
  temp.close();
});

function ingest(events: unknown[]): void {
  expect(core.ingestService.ingest(events, 'test').rejected).toEqual([]);
}

function metrics(scope: string, window: MetricWindow = 'today'): MetricValues {
  return computeMetrics(db, core.org, { scope: metricScopeSchema.parse(scope), window, now: NOW }).values;
}

function loadHistory(): void {
  ingest(handWorkedHistory());
}

const min = (minutes: number) => minutes * MINUTE;

/** [network, region:sh, center:urc-01] for window today, each reasoned from the history in handWorkedHistory.ts. */
const TODAY: Record<MetricId, [number | null, number | null, number | null]> = {
  backlog_open: [4, 3, 1], // T2 T3 T5 T7
  created_today: [4, 2, 2], // T2 T7 (after Shanghai's midnight), T4 T6 (after Urumqi's); not T1, T3, T5
  resolved_today: [2, 1, 1], // T1, T4
  resolved_in_window: [2, 1, 1], // T1, T4: today is the window
  backlog_age_median: [min(125), min(50), min(1420)], // ages 25, 50, 200, 1420
  backlog_age_oldest: [min(1420), min(200), min(1420)],
  unassigned_open: [2, 1, 1], // T2, T5
  waiting_parts_open: [1, 1, 0], // T3
  parts_wait_median: [min(65), min(65), null],
  breached_open: [2, 1, 1], // T2, T5 (first response running past due)
  at_risk_open: [2, 1, 1], // T7 (first response), T5 (on site); T2's only warned clock is breached
  sla_compliance_first_response: [2 / 3, 1 / 2, 1], // T1 met, T3 breached, T4 met
  sla_compliance_on_site: [1, 1, 1], // T1, T3, T4
  sla_compliance_resolution: [1, 1, 1], // T1, T4 cycles 1 and 2
  sla_compliance_return_visit: [1, 1, 1], // T1, T4 cycles 1 and 2
  sla_compliance_complaint_response: [1, 1, 1], // CP-2 resolved, CP-5 escalated
  sla_compliance_complaint_resolution: [1, 1, null], // CP-2
  first_time_fix_rate: [1 / 2, 1, 0], // T1 one visit, T4 two
  repeat_visit_rate: [1 / 2, 0, 1],
  reopen_rate: [1 / 2, 0, 1],
  time_to_first_response_median: [min(60), min(20), min(100)], // T1 20, T4 100 (T3 never had one)
  time_to_first_response_p90: [min(100), min(20), min(100)],
  time_to_on_site_median: [min(130), min(85), min(200)], // T1 40, T3 130, T4 200 (its first arrival)
  time_to_on_site_p90: [min(200), min(130), min(200)],
  time_to_resolution_median: [min(335), min(70), min(600)], // T1 70, T4 600 (its latest resolution)
  time_to_resolution_p90: [min(600), min(70), min(600)],
  complaint_rate: [75, 100, 50], // CP-2 CP-7 CP-5 over 4, 2, 2 tickets created
  complaint_rate_attitude: [25, 0, 50], // CP-5
  complaint_rate_timeliness: [25, 50, 0], // CP-2
  complaint_rate_repair_quality: [0, 0, 0],
  complaint_rate_parts: [0, 0, 0],
  complaint_rate_price: [25, 50, 0], // CP-7
  complaint_rate_level_1: [50, 100, 0], // CP-2 (closed at level 1), CP-7
  complaint_rate_level_2: [25, 0, 50], // CP-5, escalated
  complaint_rate_level_3: [0, 0, 0],
  complaints_open: [2, 1, 1], // CP-7, CP-5
  complaints_open_level_1: [1, 1, 0],
  complaints_open_level_2: [1, 0, 1],
  complaints_open_level_3: [0, 0, 0],
  complaint_resolution_median: [min(15), min(15), null], // CP-2 resolved 15 minutes after opening
  complaints_from_return_visits: [0, 0, 0],
  complaint_first_response_median: [min(12.5), min(15), min(10)], // CP-2 resolved 15 minutes after opening, CP-5 escalated after 10
  complaint_resolved_48h_rate: [1, 1, null], // CP-2
  complaint_satisfied_rate: [1, 1, null], // CP-2's confirmation call
  complaint_confirmation_median: [min(20), min(20), null], // CP-2 closed 20 minutes after opening
  csat_mean: [4, 5, 3],
  csat_satisfied_rate: [1 / 2, 1, 0],
  return_visit_rate: [null, null, null], // every return visit comes due a week after its resolution, none yet
  return_visits_failed: [1, 0, 1],
  return_visits_failed_refused: [0, 0, 0],
  return_visits_failed_unreachable: [1, 0, 1],
  return_visits_failed_no_answer: [0, 0, 0],
  return_visits_failed_in_progress: [0, 0, 0],
  engineers_on_shift: [2, 2, 0], // e-003 in Urumqi is off shift
  engineer_load: [2, 3 / 2, null],
};

function column(table: Record<MetricId, (number | null)[]>, index: number): MetricValues {
  return Object.fromEntries(Object.entries(table).map(([id, row]) => [id, row[index]])) as MetricValues;
}

describe('metric reference: a plain recomputation from the tables', () => {
  it('gives every catalog metric in the network, a region and a center, today by each center\'s own midnight', () => {
    loadHistory();
    expect(Object.keys(TODAY).sort()).toEqual(METRIC_CATALOG.map((metric) => metric.id).sort());
    expect(metrics('network')).toEqual(column(TODAY, 0));
    expect(metrics('region:sh')).toEqual(column(TODAY, 1));
    expect(metrics('center:urc-01')).toEqual(column(TODAY, 2));
    // A parent region adds up its cities; a region holding one center equals that center.
    expect(metrics('region:east')).toEqual(metrics('region:sh'));
    expect(metrics('region:west')).toEqual(metrics('center:urc-01'));
    // The live state counts the same day boundaries.
    expect(core.liveMetrics.valuesOf({ kind: 'network' }, 'today', NOW)).toEqual(column(TODAY, 0));
  });

  it('answers with the scope as written, the window and the instant', () => {
    const answer = computeMetrics(db, core.org, { scope: { kind: 'center', id: 'sh-01' }, window: '7d', now: NOW });
    expect(answer).toMatchObject({ scope: 'center:sh-01', window: '7d', asOf: '2026-11-23T17:30:00.000Z' });
  });

  it('reads a rolling window back from now, while now and today figures ignore it', () => {
    loadHistory();
    const lastHour = metrics('network', '1h');
    expect(lastHour).toMatchObject({
      backlog_open: 4,
      created_today: 4,
      resolved_today: 2,
      complaint_rate: 200 / 3, // CP-2, CP-7 over T2, T6, T7 (T6 exactly an hour ago counts)
      sla_compliance_first_response: null, // the three that stopped did so more than an hour ago
      sla_compliance_on_site: 1, // T1's, exactly an hour ago
      first_time_fix_rate: 1, // T1 only
      time_to_resolution_median: min(70),
      csat_mean: 5,
      return_visits_failed: 0,
    });
    // In the last 24 hours every ticket's history is inside the window: seven tickets created, three complaints.
    expect(metrics('network', '24h')).toMatchObject({ complaint_rate: 300 / 7, sla_compliance_first_response: 2 / 3, csat_mean: 4 });
  });

  it('takes an engineer scope to the tickets now assigned to them', () => {
    loadHistory();
    expect(metrics('engineer:e-001')).toMatchObject({
      backlog_open: 1, // T7
      created_today: 1,
      resolved_today: 1, // T1
      at_risk_open: 1,
      breached_open: 0,
      first_time_fix_rate: 1,
      engineers_on_shift: 1,
      engineer_load: 1,
    });
    expect(metrics('engineer:e-003')).toMatchObject({ backlog_open: 0, resolved_today: 1, engineers_on_shift: 0, engineer_load: null });
  });

  it('loads the engineers on shift with their own tickets and the unassigned, not with those of a colleague off shift', () => {
    loadHistory();
    const colleague = { id: 'e-004', name: '赵敏', centerId: 'sh-01', skills: ['hvac'], onShift: false };
    core.referenceService.upsert('engineers', [colleague]);
    // T8 waits for e-004, who starts later: sh-01 still has T2 (unassigned) and T7 (e-001) for its one engineer on shift.
    ingest([createdEvent('T8', ago(30), { engineerId: 'e-004' })]);
    const live = () => core.liveMetrics.valuesOf({ kind: 'center', id: 'sh-01' }, 'today', NOW);
    expect(metrics('center:sh-01')).toMatchObject({ backlog_open: 3, engineers_on_shift: 1, engineer_load: 2 });
    expect(live()).toMatchObject({ backlog_open: 3, engineers_on_shift: 1, engineer_load: 2 });
    core.referenceService.upsert('engineers', [{ ...colleague, onShift: true }]);
    expect(metrics('center:sh-01')).toMatchObject({ engineers_on_shift: 2, engineer_load: 3 / 2 });
    expect(live()).toMatchObject({ engineers_on_shift: 2, engineer_load: 3 / 2 });
  });

  it('judges a clock breached from its own due instant at now, not from whether the timer has announced it', () => {
    ingest([createdEvent('T1', ago(25))]); // first response due in 5 minutes
    const before = computeMetrics(db, core.org, { scope: { kind: 'network' }, window: 'today', now: NOW }).values;
    expect(before).toMatchObject({ at_risk_open: 1, breached_open: 0 });
    const later = computeMetrics(db, core.org, { scope: { kind: 'network' }, window: 'today', now: NOW + 5 * MINUTE }).values;
    expect(later).toMatchObject({ at_risk_open: 0, breached_open: 1 });
    ingest([event('T1', 'ticket.first_response', 0)]); // stopped before its due instant: met
    expect(metrics('network')).toMatchObject({ sla_compliance_first_response: 1, breached_open: 0 });
  });

  it('takes the return-visit rate over the tickets whose return visit came due in the window, visited in time or not', () => {
    const days = (n: number) => n * 24 * 60;
    ingest([
      // R1: resolved 8 days ago, called 3 days later: due a day ago, in time.
      createdEvent('R1', ago(days(8) + 60)), event('R1', 'ticket.resolved', days(8)), event('R1', 'survey.completed', days(5), { score: 4 }),
      // R2: resolved 9 days ago, the call failed (unreachable) on day 6: a call made is a visit, in time.
      createdEvent('R2', ago(days(9) + 60)), event('R2', 'ticket.resolved', days(9)), event('R2', 'survey.failed', days(3), { reason: 'unreachable' }),
      // R3: resolved 10 days ago and called on day 8: due 3 days ago, late.
      createdEvent('R3', ago(days(10) + 60)), event('R3', 'ticket.resolved', days(10)), event('R3', 'survey.completed', days(2), { score: 5 }),
      // R4: resolved 7 days and 2 hours ago and never called: due 2 hours ago, missed.
      createdEvent('R4', ago(days(7) + 180)), event('R4', 'ticket.resolved', days(7) + 120),
      // R5: resolved 2 days ago: its return visit is not due yet and counts nowhere.
      createdEvent('R5', ago(days(2) + 60)), event('R5', 'ticket.resolved', days(2)),
      // R6: resolved 9 days ago, reopened on day 1 and resolved again 8 days ago, called a day later: only the latest resolution's visit counts, in time.
      createdEvent('R6', ago(days(9) + 60)), event('R6', 'ticket.resolved', days(9)), event('R6', 'ticket.reopened', days(8) + 600),
      event('R6', 'ticket.resolved', days(8) + 300), event('R6', 'survey.completed', days(7), { score: 5 }),
      // R7: resolved 9 days ago and reopened 8 days ago, still open: the reopen cancelled its return visit.
      createdEvent('R7', ago(days(9) + 60)), event('R7', 'ticket.resolved', days(9)), event('R7', 'ticket.reopened', days(8)),
    ]);
    // Due in the last 7 days: R1, R2, R3, R4 and R6; in time: R1, R2, R6.
    expect(metrics('network', '7d').return_visit_rate).toBe(3 / 5);
    // Due in the last 24 hours: R1 (exactly a day ago: the window includes its start) and R4.
    expect(metrics('network', '24h').return_visit_rate).toBe(1 / 2);
    expect(metrics('network', '1h').return_visit_rate).toBeNull();
    for (const window of ['1h', '24h', '7d', '30d'] as const) {
      expect(core.liveMetrics.valuesOf({ kind: 'network' }, window, NOW)?.return_visit_rate).toBe(metrics('network', window).return_visit_rate);
    }
  });

  it('has nothing to divide on an empty store: counts are 0, fractions, averages and medians null', () => {
    const expected = Object.fromEntries(METRIC_CATALOG.map((metric) => [metric.id, metric.unit === 'count' ? 0 : null])) as MetricValues;
    expect(metrics('network')).toEqual({ ...expected, engineers_on_shift: 2, engineer_load: 0 });
    expect(metrics('center:urc-01')).toEqual({ ...expected, engineer_load: null });
  });

  it('refuses a scope that names nothing', () => {
    for (const scope of ['region:nowhere', 'center:nowhere', 'engineer:nobody']) {
      expect(() => metrics(scope)).toThrow(HttpError);
    }
  });
});
