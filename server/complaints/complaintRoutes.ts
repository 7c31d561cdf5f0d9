import { type RequestHandler, Router } from 'express';
import {
  complaintIdSchema,
  complaintListQuerySchema,
  complaintSummaryQuerySchema,
  confirmComplaintSchema,
  escalateComplaintSchema,
  resolveComplaintSchema,
  takeComplaintSchema,
} from '../../shared/complaints/complaintApi';
import { complaintRatesQuerySchema } from '../../shared/complaints/complaintRates';
import { principalOf } from '../auth/principal';
import { parseOr400 } from '../http/httpError';
import type { ComplaintRates } from './complaintRates';
import type { ComplaintService } from './complaintService';

/**
 * /complaints: the desk's reads (sla:read, as the walls have) and its actions (complaints:handle); the
 * rates read the live figures, so their guards hold them until those are whole.
 */
export function complaintRoutes(service: ComplaintService, rates: ComplaintRates, guards: { read: RequestHandler[]; rates: RequestHandler[]; handle: RequestHandler[] }): Router {
  const router = Router();
  const idOf = (raw: unknown) => parseOr400(complaintIdSchema, raw, 'complaint id');

  router.get('/complaints', ...guards.read, (req, res) => {
    res.json(service.list(principalOf(res), parseOr400(complaintListQuerySchema, req.query, 'complaint query')));
  });
  router.get('/complaints/summary', ...guards.read, (req, res) => {
    res.json(service.summary(principalOf(res), parseOr400(complaintSummaryQuerySchema, req.query, 'complaint summary query')));
  });
  router.get('/complaints/rates', ...guards.rates, (req, res) => {
    res.json(rates(principalOf(res), parseOr400(complaintRatesQuerySchema, req.query, 'complaint rates query')));
  });
  router.get('/complaints/:id', ...guards.read, (req, res) => {
    res.json(service.detail(principalOf(res), idOf(req.params.id)));
  });
  router.post('/complaints/:id/take', ...guards.handle, (req, res) => {
    parseOr400(takeComplaintSchema, req.body ?? {}, 'take');
    res.json(service.take(principalOf(res), idOf(req.params.id)));
  });
  router.post('/complaints/:id/escalate', ...guards.handle, (req, res) => {
    res.json(service.escalate(principalOf(res), idOf(req.params.id), parseOr400(escalateComplaintSchema, req.body, 'escalation')));
  });
  router.post('/complaints/:id/resolve', ...guards.handle, (req, res) => {
    res.json(service.resolve(principalOf(res), idOf(req.params.id), parseOr400(resolveComplaintSchema, req.body, 'resolution')));
  });
  router.post('/complaints/:id/confirm', ...guards.handle, (req, res) => {
    res.json(service.confirm(principalOf(res), idOf(req.params.id), parseOr400(confirmComplaintSchema, req.body, 'confirmation call')));
  });
  return router;
}
