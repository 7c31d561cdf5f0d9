import { type RequestHandler, Router } from 'express';
import { seriesQuerySchema, seriesSpan } from '../../shared/metrics/seriesQuery';
import { principalOf } from '../auth/principal';
import { parseOr400 } from '../http/httpError';
import type { MetricRouteDeps } from './metricRoutes';
import { readSeries } from './seriesQueries';

/** GET /series?metric=&scope=&bucket=&from=&to=: a chart's points from the rollups, with the scope checks of GET /metrics. */
export function seriesRoutes(deps: MetricRouteDeps, guards: RequestHandler[], minSample: number): Router {
  const router = Router();
  router.get('/series', ...guards, (req, res) => {
    const query = parseOr400(seriesQuerySchema, req.query, 'series query');
    deps.guard(principalOf(res), query.scope);
    res.json(readSeries(deps.db, deps.org, { metric: query.metric, scope: query.scope, bucket: query.bucket, ...seriesSpan(query, deps.clock.now()), minSample }));
  });
  return router;
}
