import { type RequestHandler, Router } from 'express';
import { orgScopeQuerySchema } from '../../shared/api/orgScopeApi';
import { principalOf } from '../auth/principal';
import { parseOr400 } from '../http/httpError';
import type { OrgScopes } from './orgScopes';

export function orgScopeRoutes(scopes: OrgScopes, guards: RequestHandler[]): Router {
  const router = Router();
  router.get('/org/scope', ...guards, (req, res) => {
    const { scope } = parseOr400(orgScopeQuerySchema, req.query, 'scope query');
    res.json(scopes.describe(principalOf(res), scope));
  });
  return router;
}
