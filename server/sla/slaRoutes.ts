import { type RequestHandler, Router } from 'express';
import { atRiskQuerySchema } from '../../shared/api/slaApi';
import { parseOr400 } from '../http/httpError';
import type { SlaView } from './slaView';

export function slaRoutes(view: SlaView, guards: RequestHandler[]): Router {
  const router = Router();
  router.get('/sla/at-risk', ...guards, (req, res) => {
    const query = parseOr400(atRiskQuerySchema, req.query, 'at-risk query');
    res.json({ items: view.atRisk(query) });
  });
  return router;
}
