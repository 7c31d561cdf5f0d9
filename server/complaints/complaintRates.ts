import {
  COMPLAINT_RATE_METRICS,
  type CenterComplaintRate,
  type ComplaintCounts,
  type ComplaintRateBreakdown,
  type ComplaintRatesQuery,
  categoryRates,
  complaintsOf,
  levelRates,
  rateCell,
} from '../../shared/complaints/complaintRates';
import type { MetricWindow } from '../../shared/metrics/metricQuery';
import { scopeText } from '../../shared/metrics/metricQuery';
import { toIso } from '../../shared/time/isoInstant';
import { type RefusalLog, requireScopeVisible } from '../auth/accessScope';
import type { Principal } from '../auth/principal';
import type { Clock } from '../clock';
import { HttpError } from '../http/httpError';
import type { LiveMetrics } from '../metrics/live/liveMetrics';
import type { OrgTree } from '../org/orgTree';

export interface ComplaintRatesDeps {
  live: Pick<LiveMetrics, 'valuesOf' | 'samplesOf'>;
  org: OrgTree;
  clock: Clock;
  refused: RefusalLog;
}

/** Highest rate first; a center with no tickets has no rate and goes last, then by id so the order is stable. */
function byRate(a: CenterComplaintRate, b: CenterComplaintRate): number {
  if (a.per100 !== b.per100) return a.per100 === null ? 1 : b.per100 === null ? -1 : b.per100 - a.per100;
  return a.centerId.localeCompare(b.centerId);
}

const noComplaints = (): ComplaintCounts => Object.fromEntries(COMPLAINT_RATE_METRICS.map((metric) => [metric, 0])) as ComplaintCounts;

/**
 * Complaints per 100 tickets by center, category and level for a scope and window, read from the live
 * figures: each center's catalog metrics (complaint_rate, complaint_rate_<category>, complaint_rate_level_<n>)
 * with the tickets they are taken over. A scope is the sum of its centers, as its catalog figures are,
 * added up here so a network answer costs its centers' complaint figures, not every figure of the network.
 */
export function createComplaintRates(deps: ComplaintRatesDeps) {
  const { live, org } = deps;

  function centersOf(scope: ComplaintRatesQuery['scope']): string[] {
    if (scope.kind === 'network') return org.centersUnder(org.childrenOf(null).regions.map((region) => region.id));
    const centers = org.centersIn(scope);
    if (centers === null) throw new HttpError(404, 'not_found', `No ${scope.kind} '${scope.id}'.`);
    return centers;
  }

  function centerCounts(centerId: string, window: MetricWindow, now: number): { counts: ComplaintCounts; tickets: number } {
    const scope = { kind: 'center', id: centerId } as const;
    const values = live.valuesOf(scope, window, now);
    const tickets = live.samplesOf(scope, window, now)?.complaint_rate ?? 0;
    const counts = noComplaints();
    for (const metric of COMPLAINT_RATE_METRICS) counts[metric] = complaintsOf(values?.[metric] ?? null, tickets);
    return { counts, tickets };
  }

  return (principal: Principal, query: ComplaintRatesQuery): ComplaintRateBreakdown => {
    const { scope, window } = query;
    requireScopeVisible(principal, org, scope, deps.refused);
    const now = deps.clock.now();
    const total = noComplaints();
    let tickets = 0;
    const byCenter = centersOf(scope).map((centerId): CenterComplaintRate => {
      const center = centerCounts(centerId, window, now);
      tickets += center.tickets;
      for (const metric of COMPLAINT_RATE_METRICS) total[metric] += center.counts[metric];
      const { centerName, centerNameEn } = org.centerNames(centerId);
      return { centerId, centerName, centerNameEn: centerNameEn ?? null, regionId: org.regionsOfCenter(centerId)[0] ?? '', ...rateCell(center.counts.complaint_rate, center.tickets) };
    });
    return {
      scope: scopeText(scope),
      window,
      asOf: toIso(now),
      overall: rateCell(total.complaint_rate, tickets),
      byCenter: byCenter.sort(byRate),
      byCategory: categoryRates(total, tickets),
      byLevel: levelRates(total, tickets),
    };
  };
}

export type ComplaintRates = ReturnType<typeof createComplaintRates>;
