import { type RequestHandler, Router } from 'express';
import { atRiskQuerySchema } from '../../shared/api/slaApi';
import { boardQuerySchema, complaintDeskQuerySchema } from '../../shared/api/slaBoardApi';
import { type RefusalLog, requireScopeVisible } from '../auth/accessScope';
import { principalOf } from '../auth/principal';
import { parseOr400 } from '../http/httpError';
import type { OrgTree } from '../org/orgTree';
import type { SlaView } from './slaView';

export function slaRoutes(view: SlaView, guards: RequestHandler[], access: { org: OrgTree; refused: RefusalLog }): Router {
  const router = Router();
  router.get('/sla/at-risk', ...guards, (req, res) => {
    const query = parseOr400(atRiskQuerySchema, req.query, 'at-risk query');
    requireScopeVisible(principalOf(res), access.org, query.scope, access.refused);
    res.json({ items: view.atRisk(query) });
  });
  router.get('/sla/board', ...guards, (req, res) => {
    const query = parseOr400(boardQuerySchema, req.query, 'board query');
    requireScopeVisible(principalOf(res), access.org, query.scope, access.refused);
    res.json(view.board(query));
  });
  router.get('/sla/complaints', ...guards, (req, res) => {
    const { scope } = parseOr400(complaintDeskQuerySchema, req.query, 'complaints query');
    requireScopeVisible(principalOf(res), access.org, scope, access.refused);
    res.json(view.complaints(scope));
  });
  return router;
}
