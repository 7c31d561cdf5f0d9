import {
  type CenterComplaintRate,
  type ComplaintRateBreakdown,
  type ComplaintRatesQuery,
  categoryRates,
  levelRates,
  rateCell,
} from '../../shared/complaints/complaintRates';
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

/**
 * Complaints per 100 tickets by center, category and level for a scope and window, read from the live
 * figures: every number is the catalog metric for its scope (complaint_rate, complaint_rate_<category>,
 * complaint_rate_level_<n>), with the tickets it is taken over.
 */
export function createComplaintRates(deps: ComplaintRatesDeps) {
  const { live, org } = deps;

  function centersOf(scope: ComplaintRatesQuery['scope']): string[] {
    if (scope.kind === 'network') return org.centersUnder(org.childrenOf(null).regions.map((region) => region.id));
    const centers = org.centersIn(scope);
    if (centers === null) throw new HttpError(404, 'not_found', `No ${scope.kind} '${scope.id}'.`);
    return centers;
  }

  function read(scope: ComplaintRatesQuery['scope'], window: ComplaintRatesQuery['window'], now: number) {
    const values = live.valuesOf(scope, window, now);
    const samples = live.samplesOf(scope, window, now);
    if (values === null || samples === null) throw new HttpError(404, 'not_found', `No ${scopeText(scope)}.`);
    return { values, tickets: samples.complaint_rate ?? 0 };
  }

  return (principal: Principal, query: ComplaintRatesQuery): ComplaintRateBreakdown => {
    const { scope, window } = query;
    requireScopeVisible(principal, org, scope, deps.refused);
    const centerIds = centersOf(scope);
    const now = deps.clock.now();
    const { values, tickets } = read(scope, window, now);
    const byCenter = centerIds.map((centerId): CenterComplaintRate => {
      const center = read({ kind: 'center', id: centerId }, window, now);
      const { centerName, centerNameEn } = org.centerNames(centerId);
      return { centerId, centerName, centerNameEn: centerNameEn ?? null, regionId: org.regionsOfCenter(centerId)[0] ?? '', ...rateCell(center.values.complaint_rate, center.tickets) };
    });
    return {
      scope: scopeText(scope),
      window,
      asOf: toIso(now),
      overall: rateCell(values.complaint_rate, tickets),
      byCenter: byCenter.sort(byRate),
      byCategory: categoryRates(values, tickets),
      byLevel: levelRates(values, tickets),
    };
  };
}

export type ComplaintRates = ReturnType<typeof createComplaintRates>;
