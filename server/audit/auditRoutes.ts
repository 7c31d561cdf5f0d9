import { type RequestHandler, Router } from 'express';
import { auditQuerySchema } from '../../shared/api/auditQuery';
import { parseOr400 } from '../http/httpError';
import type { AuditLog } from './auditLog';

/** `GET /audit` and `GET /audit/facets` (under /api/v1): the guards must admit only principals with `audit:read`. */
export function auditRoutes(auditLog: AuditLog, guards: RequestHandler[]): Router {
  const router = Router();
  router.get('/audit', ...guards, (req, res) => {
    res.json(auditLog.list(parseOr400(auditQuerySchema, req.query, 'audit query')));
  });
  router.get('/audit/facets', ...guards, (_req, res) => {
    res.json(auditLog.facets());
  });
  return router;
}
