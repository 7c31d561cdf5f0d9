import { eq } from 'drizzle-orm';
import { type RequestHandler, Router } from 'express';
import type { Db } from '../../db/connection';
import { engineers } from '../../db/schema';
import { type MetricScope, metricsQuerySchema } from '../../shared/metrics/metricQuery';
import { type RefusalLog, refuse, requireScopeVisible } from '../auth/accessScope';
import { type Principal, principalOf } from '../auth/principal';
import type { Clock } from '../clock';
import { HttpError, parseOr400 } from '../http/httpError';
import type { OrgTree } from '../org/orgTree';
import { computeMetrics } from './metricReference';

export interface MetricRouteDeps {
  db: Db;
  org: OrgTree;
  clock: Clock;
  refused: RefusalLog;
}

/** An engineer's figures are theirs and their center's supervisors'; other scopes follow the org tree. */
export function requireMetricScope(deps: MetricRouteDeps, principal: Principal, scope: MetricScope): void {
  if (scope.kind !== 'engineer') {
    if (principal.scope.kind === 'engineer') refuse(principal, scope.kind === 'network' ? 'the whole network' : `${scope.kind} '${scope.id}'`, deps.refused);
    requireScopeVisible(principal, deps.org, scope, deps.refused);
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
}

/**
 * GET /metrics?scope=&window=: every catalog figure for a scope, computed from the tables on request.
 * This serves drill-down and export; the live dashboards get their figures pushed, never by polling this.
 */
export function metricRoutes(deps: MetricRouteDeps, guards: RequestHandler[]): Router {
  const router = Router();
  router.get('/metrics', ...guards, (req, res) => {
    const query = parseOr400(metricsQuerySchema, req.query, 'metrics query');
    requireMetricScope(deps, principalOf(res), query.scope);
    res.json(computeMetrics(deps.db, deps.org, { scope: query.scope, window: query.window, now: deps.clock.now() }));
  });
  return router;
}
