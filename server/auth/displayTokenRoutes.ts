import express, { type RequestHandler, Router } from 'express';
import { displayCreateSchema, displayUpdateSchema, pairingRequestSchema, tokenIdSchema } from '../../shared/auth/tokenSchemas';
import { parseOr400 } from '../http/httpError';
import { type DisplayTokenDeps, createDisplayTokenService } from './displayTokenService';
import { type RateLimiter, createRateLimiter, enforceRate } from './ingestRateLimit';
import { adminContextOf } from './tokenAdmin';

/** A code space of 31^8 is out of reach at this pace even across many addresses, within a code's 15 minutes. */
const PAIRING_ATTEMPTS_PER_MINUTE = 10;
const BODY_LIMIT = '16kb';

export interface DisplayTokenRouteDeps extends DisplayTokenDeps {
  /** Limits pairing attempts per client address; one of its own unless given. */
  pairingLimiter?: RateLimiter;
}

/**
 * Wall-screen display tokens under /api/v1: admins create, list, revoke and re-pair them; a screen
 * exchanges its pairing code without signing in, since it has nothing else to sign in with.
 */
export function displayTokenRoutes(deps: DisplayTokenRouteDeps, guards: { admin: RequestHandler[] }): Router {
  const displays = createDisplayTokenService(deps);
  const limiter = deps.pairingLimiter ?? createRateLimiter();
  const json = express.json({ limit: BODY_LIMIT });
  const admin = [...guards.admin, json];
  const router = Router();

  router.get('/displays', ...guards.admin, (_req, res) => {
    res.json({ displays: displays.list() });
  });
  router.post('/displays', ...admin, (req, res) => {
    res.status(201).json(displays.create(parseOr400(displayCreateSchema, req.body, 'display'), adminContextOf(res)));
  });
  router.post('/displays/pair', json, (req, res) => {
    enforceRate(limiter, res, { key: `pair:${req.ip}`, perMinute: PAIRING_ATTEMPTS_PER_MINUTE, cost: 1, refusal: 'Too many pairing attempts from this address.' });
    const { code } = parseOr400(pairingRequestSchema, req.body, 'pairing request');
    res.json(displays.pair(code));
  });
  router.patch('/displays/:id', ...admin, (req, res) => {
    const id = parseOr400(tokenIdSchema, req.params.id, 'display id');
    res.json({ display: displays.update(id, parseOr400(displayUpdateSchema, req.body, 'display'), adminContextOf(res)) });
  });
  router.post('/displays/:id/pairing', ...admin, (req, res) => {
    res.json(displays.issuePairing(parseOr400(tokenIdSchema, req.params.id, 'display id'), adminContextOf(res)));
  });
  router.post('/displays/:id/revoke', ...admin, (req, res) => {
    res.json({ display: displays.revoke(parseOr400(tokenIdSchema, req.params.id, 'display id'), adminContextOf(res)) });
  });
  return router;
}
