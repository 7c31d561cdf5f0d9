import { type RequestHandler, Router } from 'express';
import { engineerIdParamSchema, exclusionCreateSchema, exclusionIdParamSchema, starQuerySchema } from '../../shared/scorecard/scorecardApi';
import { principalOf } from '../auth/principal';
import { parseOr400 } from '../http/httpError';
import type { ScorecardService } from './scorecardService';

export interface ScorecardGuards {
  read: RequestHandler[];
  exclude: RequestHandler[];
  /** The star is on the center's wall, so display screens read it. */
  star: RequestHandler[];
}

/** The engineer page's API, paths relative to /api/v1; the service checks whose page it may be. */
export function scorecardRoutes(service: ScorecardService, guards: ScorecardGuards): Router {
  const router = Router();
  const engineerOf = (params: { id?: string }) => parseOr400(engineerIdParamSchema, params.id, 'engineer id');

  router.get('/engineers/:id/scorecard', ...guards.read, (req, res) => {
    res.json(service.scorecard(principalOf(res), engineerOf(req.params)));
  });
  router.get('/engineers/:id/open-tickets', ...guards.read, (req, res) => {
    res.json(service.openTickets(principalOf(res), engineerOf(req.params)));
  });
  router.post('/engineers/:id/exclusions', ...guards.exclude, (req, res) => {
    const body = parseOr400(exclusionCreateSchema, req.body, 'exclusion');
    res.status(201).json(service.exclude(principalOf(res), engineerOf(req.params), body, res.locals.requestId));
  });
  router.post('/engineers/:id/exclusions/:exclusionId/revoke', ...guards.exclude, (req, res) => {
    const exclusionId = parseOr400(exclusionIdParamSchema, req.params.exclusionId, 'exclusion id');
    res.json(service.revoke(principalOf(res), engineerOf(req.params), exclusionId, res.locals.requestId));
  });
  router.get('/service-star', ...guards.star, (req, res) => {
    const { centerId } = parseOr400(starQuerySchema, req.query, 'service star query');
    res.json(service.starOf(principalOf(res), centerId));
  });
  return router;
}
