import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { engineers } from '../../db/schema';
import type { MetricScope } from '../../shared/metrics/metricQuery';
import { type RefusalLog, refuse, requireScopeVisible } from '../auth/accessScope';
import type { Principal } from '../auth/principal';
import { HttpError } from '../http/httpError';
import type { OrgTree } from '../org/orgTree';

/**
 * Who may read a metric scope, for REST and live subscriptions alike: an engineer's figures are theirs
 * and their center's supervisors'; other scopes follow the org tree. Throws 403 or 404 as HttpError.
 */
export function createMetricScopeGuard(deps: { db: Db; org: OrgTree; refused: RefusalLog }) {
  return (principal: Principal, scope: MetricScope): void => {
    if (scope.kind !== 'engineer') {
      if (principal.scope.kind === 'engineer') refuse(principal, scope.kind === 'network' ? 'the whole network' : `${scope.kind} '${scope.id}'`, deps.refused);
      requireScopeVisible(principal, deps.org, scope, deps.refused);
      if (scope.kind !== 'network' && deps.org.centersIn(scope) === null) throw new HttpError(404, 'not_found', `No ${scope.kind} '${scope.id}'.`);
      return;
    }
    const engineer = deps.db.select({ centerId: engineers.centerId }).from(engineers).where(eq(engineers.id, scope.id)).get();
    if (!engineer) throw new HttpError(404, 'not_found', `No engineer '${scope.id}'.`);
    if (principal.scope.kind === 'engineer') {
      if (principal.scope.engineerId !== scope.id) refuse(principal, `engineer '${scope.id}'`, deps.refused);
      return;
    }
    const visible = deps.org.visibleCenters(principal.scope);
    if (visible !== null && !visible.has(engineer.centerId)) refuse(principal, `engineer '${scope.id}'`, deps.refused);
  };
}

export type MetricScopeGuard = ReturnType<typeof createMetricScopeGuard>;
