import { SURVEY_FAILURE_REASONS } from '../../../shared/domain/vocabulary';
import type { MetricValues } from '../../../shared/metrics/metricCatalog';
import { type MetricWindow, localMidnightOf, windowStart } from '../../../shared/metrics/metricQuery';
import type { SlaMetric } from '../../../shared/sla/slaPolicy';
import type { DeskLedger } from './deskLedger';
import type { KeyedValues, SortedInstants } from './sortedInstants';

/** Each desk read against its own center's day and window start, as the catalog defines. */
interface DeskSpan {
  desk: DeskLedger;
  todayFrom: number;
  windowFrom: number;
}

/**
 * The median (the mean of the two middle values for an even count) and the nearest-rank p90 (the
 * ⌈0.9 n⌉-th smallest), as metricReference.ts computes them in SQL, from one sort.
 */
function orderStats(values: number[]): { median: number | null; p90: number | null } {
  if (values.length === 0) return { median: null, p90: null };
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  return { median: n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2, p90: sorted[Math.floor((9 * n + 9) / 10) - 1]! };
}

const median = (values: number[]) => orderStats(values).median;

function share(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/**
 * Every catalog figure for a union of desks at `now`: counts add up, shares add numerators and
 * denominators, and medians gather the values in the window, which is the only work that grows with
 * the scope.
 */
/** Who is on shift in the scope: how many, and whether an engineer's desk is one of theirs. */
export interface ShiftInScope {
  engineers: number;
  isOnShift(engineerId: string): boolean;
}

export function scopeFigures(desks: Iterable<DeskLedger>, zoneOf: (centerId: string) => string, window: MetricWindow, now: number, shift: ShiftInScope): MetricValues {
  const spans: DeskSpan[] = [];
  // Working out a local midnight is the costly part, and hundreds of desks share a handful of zones.
  const starts = new Map<string, { todayFrom: number; windowFrom: number }>();
  for (const desk of desks) {
    const zone = zoneOf(desk.centerId);
    let start = starts.get(zone);
    if (!start) {
      start = { todayFrom: localMidnightOf(now, zone), windowFrom: windowStart(window, now, zone) };
      starts.set(zone, start);
    }
    spans.push({ desk, ...start });
  }
  const sum = (read: (span: DeskSpan) => number) => spans.reduce((total, span) => total + read(span), 0);
  const inWindow = (pick: (desk: DeskLedger) => SortedInstants) => sum((span) => pick(span.desk).countBetween(span.windowFrom, now));
  const today = (pick: (desk: DeskLedger) => SortedInstants) => sum((span) => pick(span.desk).countBetween(span.todayFrom, now));
  const gather = (pick: (desk: DeskLedger) => KeyedValues) => {
    const values: number[] = [];
    for (const span of spans) pick(span.desk).collectBetween(span.windowFrom, now, values);
    return values;
  };
  const compliance = (metric: SlaMetric) => share(inWindow((desk) => desk.met[metric]), inWindow((desk) => desk.judged[metric]));
  const failedFor = (reason: (typeof SURVEY_FAILURE_REASONS)[number]) => inWindow((desk) => desk.failedByReason[reason]!);

  const backlogOpen = sum((span) => span.desk.open);
  // Tickets an engineer off shift holds wait for that engineer; they do not load the team on shift.
  const shiftBacklog = sum(({ desk }) => (desk.engineerId === null || shift.isOnShift(desk.engineerId) ? desk.open : 0));
  const openAges: number[] = [];
  const partsWaits: number[] = [];
  for (const { desk } of spans) {
    desk.openCreated.collectBetween(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, openAges, (createdAt) => now - createdAt);
    desk.partsWaiting.collectBetween(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, partsWaits, (requestedAt) => now - requestedAt);
  }
  const oldestCreated = spans.reduce<number | null>((oldest, { desk }) => {
    const first = desk.openCreated.first();
    return first === undefined || (oldest !== null && oldest <= first) ? oldest : first;
  }, null);
  const firstResponses = orderStats(gather((desk) => desk.toFirstResponse));
  const onSites = orderStats(gather((desk) => desk.toOnSite));
  const resolutions = orderStats(gather((desk) => desk.toResolution));
  const scores = gather((desk) => desk.scores);
  const createdInWindow = inWindow((desk) => desk.created);
  const resolvedVisited = inWindow((desk) => desk.resolvedVisited);
  const resolvedAll = inWindow((desk) => desk.resolvedAll);
  const per100Tickets = (pick: (desk: DeskLedger) => SortedInstants) => (createdInWindow === 0 ? null : (100 * inWindow(pick)) / createdInWindow);
  const complaintsOpen = (level: number) => sum((span) => span.desk.complaintsOpen[level]!);

  return {
    backlog_open: backlogOpen,
    created_today: today((desk) => desk.created),
    resolved_today: today((desk) => desk.resolved),
    resolved_in_window: resolvedAll,
    backlog_age_median: median(openAges),
    backlog_age_oldest: oldestCreated === null ? null : now - oldestCreated,
    unassigned_open: sum((span) => span.desk.unassigned),
    waiting_parts_open: sum((span) => span.desk.waitingParts),
    parts_wait_median: median(partsWaits),

    breached_open: sum((span) => span.desk.breachedFrom.countUpTo(now)),
    at_risk_open: sum((span) => span.desk.atRiskStarts.countUpTo(now) - span.desk.atRiskEnds.countUpTo(now)),
    sla_compliance_first_response: compliance('first_response'),
    sla_compliance_on_site: compliance('on_site'),
    sla_compliance_resolution: compliance('resolution'),
    sla_compliance_return_visit: compliance('return_visit'),
    sla_compliance_complaint_response: compliance('complaint_response'),
    sla_compliance_complaint_resolution: compliance('complaint_resolution'),

    first_time_fix_rate: share(inWindow((desk) => desk.fixedFirstTime), resolvedVisited),
    repeat_visit_rate: share(inWindow((desk) => desk.revisited), resolvedVisited),
    reopen_rate: share(inWindow((desk) => desk.reopened), resolvedAll),
    time_to_first_response_median: firstResponses.median,
    time_to_first_response_p90: firstResponses.p90,
    time_to_on_site_median: onSites.median,
    time_to_on_site_p90: onSites.p90,
    time_to_resolution_median: resolutions.median,
    time_to_resolution_p90: resolutions.p90,

    complaint_rate: per100Tickets((desk) => desk.complaintsOpened),
    complaint_rate_attitude: per100Tickets((desk) => desk.complaintsOpenedByCategory.attitude),
    complaint_rate_timeliness: per100Tickets((desk) => desk.complaintsOpenedByCategory.timeliness),
    complaint_rate_repair_quality: per100Tickets((desk) => desk.complaintsOpenedByCategory.repair_quality),
    complaint_rate_parts: per100Tickets((desk) => desk.complaintsOpenedByCategory.parts),
    complaint_rate_price: per100Tickets((desk) => desk.complaintsOpenedByCategory.price),
    complaint_rate_level_1: per100Tickets((desk) => desk.complaintsOpenedByLevel[0]),
    complaint_rate_level_2: per100Tickets((desk) => desk.complaintsOpenedByLevel[1]),
    complaint_rate_level_3: per100Tickets((desk) => desk.complaintsOpenedByLevel[2]),
    complaints_open: complaintsOpen(0) + complaintsOpen(1) + complaintsOpen(2) + complaintsOpen(3),
    complaints_open_level_1: complaintsOpen(1),
    complaints_open_level_2: complaintsOpen(2),
    complaints_open_level_3: complaintsOpen(3),
    complaint_resolution_median: median(gather((desk) => desk.complaintResolution)),
    complaints_from_return_visits: inWindow((desk) => desk.complaintsFromReturnVisits),
    complaint_first_response_median: median(gather((desk) => desk.complaintFirstResponse)),
    complaint_resolved_48h_rate: share(inWindow((desk) => desk.complaintsResolvedInTime), inWindow((desk) => desk.complaintsResolved)),
    complaint_satisfied_rate: share(inWindow((desk) => desk.complaintsConfirmedSatisfied), inWindow((desk) => desk.complaintsConfirmed)),
    complaint_confirmation_median: median(gather((desk) => desk.complaintConfirmation)),
    csat_mean: scores.length === 0 ? null : scores.reduce((total, score) => total + score, 0) / scores.length,
    csat_satisfied_rate: share(scores.filter((score) => score >= 4).length, scores.length),
    return_visit_rate: share(inWindow((desk) => desk.returnVisitsInTime), inWindow((desk) => desk.returnVisitsDue)),
    return_visits_failed: inWindow((desk) => desk.failedVisits),
    return_visits_failed_refused: failedFor('refused'),
    return_visits_failed_unreachable: failedFor('unreachable'),
    return_visits_failed_no_answer: failedFor('no_answer'),
    return_visits_failed_in_progress: failedFor('in_progress'),

    engineers_on_shift: shift.engineers,
    engineer_load: shift.engineers === 0 ? null : shiftBacklog / shift.engineers,
  };
}
