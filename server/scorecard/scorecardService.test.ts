import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connection';
import { auditLog } from '../../db/schema';
import { SCORECARD_FIGURES, periodStart } from '../../shared/scorecard/scorecardCatalog';
import { MINUTE, NOW, event } from '../../test/support/handWorkedHistory';
import { createdEvent, smallNetwork } from '../../test/support/smallNetwork';
import { type TempDb, openTempDb } from '../../test/support/tempDb';
import { createAuditLog } from '../audit/auditLog';
import { principalForRole } from '../auth/principal';
import { type Core, createCore } from '../core';
import { HttpError } from '../http/httpError';
import { computeMetrics } from '../metrics/metricReference';
import { createMetricScopeGuard } from '../metrics/metricScopeGuard';
import { notExcluded } from './exclusionRepository';
import { type ScorecardService, createScorecardService } from './scorecardService';

let temp: TempDb;
let db: Db;
let core: Core;
let service: ScorecardService;

const clock = { now: () => NOW };
const supervisor = principalForRole({ kind: 'user', id: 'u-sup', name: 'supervisor.sh-01', role: 'supervisor', scope: { kind: 'grants', regionIds: [], centerIds: ['sh-01'] } });
const otherSupervisor = principalForRole({ kind: 'user', id: 'u-west', name: 'supervisor.west', role: 'supervisor', scope: { kind: 'grants', regionIds: ['west'], centerIds: [] } });
const engineer = principalForRole({ kind: 'user', id: 'u-e1', name: 'engineer.e-001', role: 'engineer', scope: { kind: 'engineer', engineerId: 'e-001' } });
const colleague = principalForRole({ kind: 'user', id: 'u-e4', name: 'engineer.e-004', role: 'engineer', scope: { kind: 'engineer', engineerId: 'e-004' } });

/** A ticket visited `visits` times and resolved, all `startMinutesAgo` or later. */
function visitedTicket(ticketId: string, engineerId: string, startMinutesAgo: number, visits: number) {
  const arrivals = Array.from({ length: visits }, (_, visit) => event(ticketId, 'ticket.engineer_arrived', startMinutesAgo - 20 - 40 * visit));
  return [createdEvent(ticketId, new Date(NOW - startMinutesAgo * MINUTE).toISOString(), { engineerId }), ...arrivals, event(ticketId, 'ticket.resolved', startMinutesAgo - 20 - 40 * visits)];
}

beforeEach(() => {
  temp = openTempDb('scorecard-');
  db = temp.db;
  core = createCore(db, clock);
  for (const kind of ['regions', 'centers', 'engineers', 'customers', 'products'] as const) core.referenceService.upsert(kind, smallNetwork[kind] as never);
  core.referenceService.upsert('engineers', [{ id: 'e-004', name: '赵敏', centerId: 'sh-01', skills: [], onShift: true }]);
  // NOW is Tuesday 01:30 in Shanghai: the week began 25.5 hours ago; three days ago is this month but last week.
  const history = [...visitedTicket('A1', 'e-001', 600, 1), ...visitedTicket('A2', 'e-001', 600, 2), ...visitedTicket('A3', 'e-001', 3 * 24 * 60, 1), ...visitedTicket('B1', 'e-004', 600, 1)];
  expect(core.ingestService.ingest(history, 'test').rejected).toEqual([]);
  const guard = createMetricScopeGuard({ db, org: core.org, refused: () => {} });
  service = createScorecardService({ db, org: core.org, clock, guard, audit: createAuditLog(db, clock).record, slaOf: () => [] });
});

afterEach(() => temp.close());

function cells(principal = engineer, period: 'week' | 'month' = 'week') {
  return service.scorecard(principal, 'e-001').periods.find((view) => view.period === period)!.cells;
}

describe('an engineer scorecard', () => {
  it('reads each figure as the catalog defines it over the calendar week and month, with the team median beside it', () => {
    expect(cells().resolved_in_window).toEqual({ value: 2, n: 2, teamMedian: 1.5 });
    expect(cells().first_time_fix_rate).toEqual({ value: 0.5, n: 2, teamMedian: 0.75 });
    expect(cells().repeat_visit_rate).toEqual({ value: 0.5, n: 2, teamMedian: 0.25 });
    expect(cells(engineer, 'month').resolved_in_window.value).toBe(3);
    expect(cells(engineer, 'month').first_time_fix_rate.value).toBeCloseTo(2 / 3);

    // Every figure equals the catalog's reference computation for the engineer scope over the same period.
    for (const period of ['week', 'month'] as const) {
      const reference = computeMetrics(db, core.org, { scope: { kind: 'engineer', id: 'e-001' }, window: '30d', now: NOW, windowFrom: (zone) => periodStart(period, NOW, zone) }).values;
      for (const { metric } of SCORECARD_FIGURES) expect(cells(engineer, period)[metric].value, `${period} ${metric}`).toBe(reference[metric]);
    }
  });

  it('leaves an excluded ticket out of every figure, shows the exclusion to the engineer, audits it, and puts the ticket back when revoked', () => {
    const exclusion = service.exclude(supervisor, 'e-001', { ticketId: 'A2', reason: '客户爽约' });

    expect(cells().resolved_in_window).toEqual({ value: 1, n: 1, teamMedian: 1 });
    expect(cells().first_time_fix_rate).toEqual({ value: 1, n: 1, teamMedian: 1 });
    expect(cells().repeat_visit_rate.value).toBe(0);
    expect(cells(engineer, 'month').resolved_in_window.value).toBe(2);
    const reference = computeMetrics(db, core.org, { scope: { kind: 'engineer', id: 'e-001' }, window: '30d', now: NOW, windowFrom: (zone) => periodStart('week', NOW, zone), keepTicket: notExcluded }).values;
    for (const { metric } of SCORECARD_FIGURES) expect(cells()[metric].value, metric).toBe(reference[metric]);

    const seen = service.scorecard(engineer, 'e-001').exclusions;
    expect(seen).toEqual([expect.objectContaining({ ticketId: 'A2', reason: '客户爽约', excludedBy: 'supervisor.sh-01', revokedAt: null })]);

    service.revoke(supervisor, 'e-001', exclusion.id);
    expect(cells().resolved_in_window.value).toBe(2);
    expect(cells().first_time_fix_rate.value).toBe(0.5);
    expect(service.scorecard(engineer, 'e-001').exclusions[0]).toMatchObject({ revokedBy: 'supervisor.sh-01', revokedAt: NOW });
    expect(db.select().from(auditLog).all().map((row) => [row.action, row.target, row.actor])).toEqual([
      ['scorecard.exclude', 'engineer:e-001', 'supervisor.sh-01'],
      ['scorecard.revoke_exclusion', 'engineer:e-001', 'supervisor.sh-01'],
    ]);
  });

  it('refuses another engineer, a supervisor elsewhere, a ticket that is not the engineer\'s, and a second exclusion of the same ticket', () => {
    const status = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        if (error instanceof HttpError) return error.status;
        throw error;
      }
      return 200;
    };
    expect(status(() => service.scorecard(colleague, 'e-001'))).toBe(403);
    expect(status(() => service.scorecard(otherSupervisor, 'e-001'))).toBe(403);
    expect(status(() => service.exclude(otherSupervisor, 'e-001', { ticketId: 'A1', reason: 'no' }))).toBe(403);
    expect(status(() => service.exclude(supervisor, 'e-001', { ticketId: 'B1', reason: '家中急事' }))).toBe(400);
    expect(status(() => service.exclude(supervisor, 'e-001', { ticketId: 'A1', reason: '家中急事' }))).toBe(200);
    expect(status(() => service.exclude(supervisor, 'e-001', { ticketId: 'A1', reason: '家中急事' }))).toBe(409);
  });

  it('names no star below the small-sample floor', () => {
    expect(service.scorecard(engineer, 'e-001')).toMatchObject({ starScore: null, star: { centerName: '上海浦东服务中心', engineerName: null, month: '2026-11' }, teamSize: 2 });
  });

  it('names last month\'s star from last month\'s work alone, while this month\'s has nobody yet', () => {
    // Ten visits by 赵敏 in October, each fixed at once and scored 5; one more resolved on the stroke of 1 November in Shanghai is this month's.
    const octoberMinutesAgo = (NOW - Date.parse('2026-10-20T10:00:00+08:00')) / MINUTE;
    const fixed = (ticketId: string, startMinutesAgo: number) => [
      ...visitedTicket(ticketId, 'e-004', startMinutesAgo, 1),
      event(ticketId, 'survey.completed', startMinutesAgo - 120, { score: 5 }),
    ];
    const october = Array.from({ length: 10 }, (_, i) => fixed(`OCT-${i}`, octoberMinutesAgo - i * 30)).flat();
    const firstOfNovember = fixed('NOV-1', (NOW - Date.parse('2026-10-31T16:30:00Z')) / MINUTE + 90);
    expect(core.ingestService.ingest([...october, ...firstOfNovember], 'test').rejected).toEqual([]);

    const { star } = service.scorecard(engineer, 'e-001');
    expect(star).toMatchObject({ month: '2026-11', engineerName: null, lastMonth: { month: '2026-10', engineerId: 'e-004', engineerName: '赵敏' } });
    expect(star.lastMonth.score).not.toBeNull();
    expect(service.starOf(supervisor, 'sh-01')).toEqual(star);
    // The October work is no part of this month's scorecard: B1 and NOV-1 are.
    expect(service.scorecard(colleague, 'e-004').periods.find((view) => view.period === 'month')!.cells.resolved_in_window.value).toBe(2);
  });
});
