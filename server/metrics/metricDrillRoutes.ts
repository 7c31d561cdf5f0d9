import { type RequestHandler, Router } from 'express';
import { breakdownQuerySchema, metricTicketsParamsSchema, metricTicketsQuerySchema } from '../../shared/metrics/metricDrill';
import { principalOf } from '../auth/principal';
import { parseOr400 } from '../http/httpError';
import { csvHeader, csvLine } from '../tickets/ticketCsv';
import { breakdown, metricTickets } from './metricDrillQueries';
import type { MetricRouteDeps } from './metricRoutes';

/** The ticket export's line with one more cell, for a share's mark of whether the ticket counts in its numerator. */
const withCell = (line: string, cell: string) => `${line.slice(0, -'\r\n'.length)},${cell}\r\n`;

/**
 * Drill-down behind the figures of GET /metrics, for the same scopes and with the same scope checks:
 * GET /metrics/:id/tickets?scope=&window=[&format=csv] lists the tickets a figure is made of, and
 * GET /breakdown?scope=&by=&window= splits the scope's ticket counts by a ticket attribute.
 */
export function metricDrillRoutes(deps: MetricRouteDeps, guards: RequestHandler[]): Router {
  const router = Router();

  router.get('/metrics/:id/tickets', ...guards, (req, res) => {
    const { id } = parseOr400(metricTicketsParamsSchema, req.params, 'metric');
    const query = parseOr400(metricTicketsQuerySchema, req.query, 'metric tickets query');
    deps.guard(principalOf(res), query.scope);
    const answer = metricTickets(deps.db, deps.org, { metric: id, scope: query.scope, window: query.window, now: deps.clock.now() });
    if (query.format === 'json') {
      res.json(answer);
      return;
    }
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${id}-tickets.csv"`);
    const share = answer.numerator !== undefined;
    // A byte-order mark lets spreadsheet programs read the Chinese text as UTF-8, as in the ticket export.
    res.write(`\uFEFF${share ? withCell(csvHeader(), 'inNumerator') : csvHeader()}`);
    for (const row of answer.items) res.write(share ? withCell(csvLine(row), String(row.inNumerator)) : csvLine(row));
    res.end();
  });

  router.get('/breakdown', ...guards, (req, res) => {
    const query = parseOr400(breakdownQuerySchema, req.query, 'breakdown query');
    deps.guard(principalOf(res), query.scope);
    res.json(breakdown(deps.db, deps.org, { by: query.by, scope: query.scope, window: query.window, now: deps.clock.now() }));
  });

  return router;
}
