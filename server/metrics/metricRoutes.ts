import { type RequestHandler, Router } from 'express';
import type { Db } from '../../db/connection';
import { metricsQuerySchema, scopeText } from '../../shared/metrics/metricQuery';
import { toIso } from '../../shared/time/isoInstant';
import { principalOf } from '../auth/principal';
import type { Clock } from '../clock';
import { HttpError, parseOr400 } from '../http/httpError';
import type { OrgTree } from '../org/orgTree';
import type { LiveMetrics } from './live/liveMetrics';
import type { MetricScopeGuard } from './metricScopeGuard';

export interface MetricRouteDeps {
  db: Db;
  org: OrgTree;
  clock: Clock;
  live: LiveMetrics;
  guard: MetricScopeGuard;
}

/**
 * GET /metrics?scope=&window=: every catalog figure for a scope, read from the live metric state, the
 * same figures the dashboards are pushed. The drill-down beside it lists the tickets behind them.
 */
export function metricRoutes(deps: MetricRouteDeps, guards: RequestHandler[]): Router {
  const router = Router();
  router.get('/metrics', ...guards, (req, res) => {
    const query = parseOr400(metricsQuerySchema, req.query, 'metrics query');
    deps.guard(principalOf(res), query.scope);
    const now = deps.clock.now();
    const values = deps.live.valuesOf(query.scope, query.window, now);
    if (values === null) throw new HttpError(404, 'not_found', `No ${scopeText(query.scope)}.`);
    res.json({ scope: scopeText(query.scope), window: query.window, asOf: toIso(now), values });
  });
  return router;
}
