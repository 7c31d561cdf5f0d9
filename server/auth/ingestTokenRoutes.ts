import express, { type RequestHandler, Router } from 'express';
import { ingestTokenCreateSchema, tokenIdSchema } from '../../shared/auth/tokenSchemas';
import { parseOr400 } from '../http/httpError';
import { type IngestTokenDeps, createIngestTokenService } from './ingestTokenService';
import { adminContextOf } from './tokenAdmin';

const BODY_LIMIT = '256kb';

/** Per-source ingest tokens under /api/v1, for admins only: create, list, rotate, revoke. */
export function ingestTokenRoutes(deps: IngestTokenDeps, guards: { admin: RequestHandler[] }): Router {
  const tokens = createIngestTokenService(deps);
  const admin = [...guards.admin, express.json({ limit: BODY_LIMIT })];
  const router = Router();

  router.get('/ingest-tokens', ...guards.admin, (_req, res) => {
    res.json({ ingestTokens: tokens.list() });
  });
  router.post('/ingest-tokens', ...admin, (req, res) => {
    res.status(201).json(tokens.create(parseOr400(ingestTokenCreateSchema, req.body, 'ingest token'), adminContextOf(res)));
  });
  router.post('/ingest-tokens/:id/rotate', ...admin, (req, res) => {
    res.json(tokens.rotate(parseOr400(tokenIdSchema, req.params.id, 'ingest token id'), adminContextOf(res)));
  });
  router.post('/ingest-tokens/:id/revoke', ...admin, (req, res) => {
    res.json({ ingestToken: tokens.revoke(parseOr400(tokenIdSchema, req.params.id, 'ingest token id'), adminContextOf(res)) });
  });
  return router;
}
