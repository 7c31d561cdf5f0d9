import { type RequestHandler, Router } from 'express';
import { z } from 'zod';
import {
  acknowledgeBodySchema, alertListQuerySchema, assignBodySchema, bulkAcknowledgeSchema, bulkSilenceSchema, fingerprintSchema, ruleIdSchema, silenceCreateSchema, silenceExtendSchema,
  silenceIdSchema, silenceListQuerySchema, targetCreateSchema,
} from '../../shared/alerts/alertApi';
import { alertRuleChangeSchema, alertRuleDefinitionSchema } from '../../shared/alerts/ruleSchema';
import { toIso } from '../../shared/time/isoInstant';
import { adminContextOf } from '../auth/tokenAdmin';
import type { Clock } from '../clock';
import { HttpError, parseOr400 } from '../http/httpError';
import type { Alerting } from './alerting';
import { deliveryView, ruleView, slaPolicyView } from './alertViews';
import type { SilenceService } from './silenceService';
import { slaAlertPolicySchema } from '../../shared/alerts/slaAlertPolicy';
import type { FigureSources } from './ruleObservation';
import { previewRule } from './rulePreview';
import { type AlertService, targetView } from './alertService';

export interface AlertRouteGuards {
  /** Reading alerts, rules and silences: what a wall screen shows. */
  read: RequestHandler[];
  acknowledge: RequestHandler[];
  silence: RequestHandler[];
  admin: RequestHandler[];
}

const ruleCreateSchema = alertRuleChangeSchema.extend({ id: ruleIdSchema });
const deliveryQuerySchema = z.strictObject({ targetId: z.string().max(64).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) });

/** Alert routes. Handlers parse and answer; alertService holds the checks, changes and audit. */
export function alertRoutes(deps: { alerting: Alerting; service: AlertService; silences: SilenceService; clock: Clock; figures: FigureSources }, guards: AlertRouteGuards): Router {
  const { alerting, service, silences, clock } = deps;
  const router = Router();

  router.get('/alerts', ...guards.read, (req, res) => {
    // asOf: the server's clock, which a sped-up demo or a test runs apart from the browser's; ages count from it.
    res.json(service.list(adminContextOf(res), parseOr400(alertListQuerySchema, req.query, 'alert query')));
  });
  router.get('/alerts/:fingerprint', ...guards.read, (req, res) => {
    res.json(service.detail(adminContextOf(res), parseOr400(fingerprintSchema, req.params.fingerprint, 'alert fingerprint')));
  });
  router.post('/alerts/:fingerprint/acknowledge', ...guards.acknowledge, (req, res) => {
    const fingerprint = parseOr400(fingerprintSchema, req.params.fingerprint, 'alert fingerprint');
    const { comment } = parseOr400(acknowledgeBodySchema, req.body ?? {}, 'acknowledgement');
    res.json({ alert: service.acknowledge(adminContextOf(res), fingerprint, comment) });
  });
  router.post('/alerts/:fingerprint/assign', ...guards.acknowledge, (req, res) => {
    const fingerprint = parseOr400(fingerprintSchema, req.params.fingerprint, 'alert fingerprint');
    const { assignee, comment } = parseOr400(assignBodySchema, req.body ?? {}, 'assignment');
    res.json({ alert: service.assign(adminContextOf(res), fingerprint, assignee, comment) });
  });

  router.post('/alerts/acknowledge', ...guards.acknowledge, (req, res) => {
    const { fingerprints, comment } = parseOr400(bulkAcknowledgeSchema, req.body ?? {}, 'acknowledgement');
    res.json(service.bulkAcknowledge(adminContextOf(res), fingerprints, comment));
  });
  router.post('/alerts/silence', ...guards.silence, (req, res) => {
    const { fingerprints, durationMs, comment } = parseOr400(bulkSilenceSchema, req.body ?? {}, 'silence');
    const context = adminContextOf(res);
    const { bodies, outcome } = service.silencesFor(context, fingerprints, durationMs, comment);
    const created = silences.createMany(context, bodies);
    res.status(201).json({ ...outcome, silences: created.map((silence) => silences.view(silence, clock.now())) });
  });

  router.get('/alert-silences', ...guards.read, (req, res) => {
    res.json(silences.list(adminContextOf(res), parseOr400(silenceListQuerySchema, req.query, 'silence query')));
  });
  router.post('/alert-silences', ...guards.silence, (req, res) => {
    const silence = silences.create(adminContextOf(res), parseOr400(silenceCreateSchema, req.body ?? {}, 'silence'));
    res.status(201).json({ silence: silences.view(silence, clock.now()) });
  });
  router.patch('/alert-silences/:id', ...guards.silence, (req, res) => {
    const id = parseOr400(silenceIdSchema, req.params.id, 'silence id');
    const silence = silences.extend(adminContextOf(res), id, parseOr400(silenceExtendSchema, req.body ?? {}, 'silence change'));
    res.json({ silence: silences.view(silence, clock.now()) });
  });
  router.delete('/alert-silences/:id', ...guards.silence, (req, res) => {
    const silence = silences.expire(adminContextOf(res), parseOr400(silenceIdSchema, req.params.id, 'silence id'));
    res.json({ silence: silences.view(silence, clock.now()) });
  });

  router.get('/alert-sla-policy', ...guards.read, (_req, res) => {
    res.json(slaPolicyView(alerting));
  });
  router.put('/alert-sla-policy', ...guards.admin, (req, res) => {
    service.saveSlaPolicy(adminContextOf(res), parseOr400(slaAlertPolicySchema, req.body ?? {}, 'SLA alert policy'));
    res.json(slaPolicyView(alerting));
  });

  router.get('/alert-rules', ...guards.read, (_req, res) => {
    res.json({ rules: alerting.rules.all().map(ruleView) });
  });
  router.post('/alert-rules', ...guards.admin, (req, res) => {
    const { id, ...change } = parseOr400(ruleCreateSchema, req.body ?? {}, 'alert rule');
    res.status(201).json({ rule: service.saveRule(adminContextOf(res), id, change, true) });
  });
  router.put('/alert-rules/:id', ...guards.admin, (req, res) => {
    const id = parseOr400(ruleIdSchema, req.params.id, 'rule id');
    res.json({ rule: service.saveRule(adminContextOf(res), id, parseOr400(alertRuleChangeSchema, req.body ?? {}, 'alert rule'), false) });
  });
  router.delete('/alert-rules/:id', ...guards.admin, (req, res) => {
    service.deleteRule(adminContextOf(res), parseOr400(ruleIdSchema, req.params.id, 'rule id'));
    res.status(204).end();
  });
  router.post('/alert-rules/preview', ...guards.admin, (req, res) => {
    const { definition } = parseOr400(z.strictObject({ definition: alertRuleDefinitionSchema }), req.body ?? {}, 'rule preview');
    res.json(previewRule(definition, alerting.scopes, deps.figures, clock.now()));
  });

  router.get('/notification-targets', ...guards.admin, (_req, res) => {
    res.json({ targets: alerting.notifications.targets().map((target) => targetView(target, alerting.scopes)) });
  });
  router.post('/notification-targets', ...guards.admin, async (req, res) => {
    const body = parseOr400(targetCreateSchema, req.body ?? {}, 'notification target');
    const refused = await alerting.refusedTargetUrl(body.url);
    if (refused) throw new HttpError(400, 'invalid_request', 'The notification target is not valid.', [{ path: 'url', message: refused }]);
    res.status(201).json({ target: service.createTarget(adminContextOf(res), body) });
  });
  router.delete('/notification-targets/:id', ...guards.admin, (req, res) => {
    service.deleteTarget(adminContextOf(res), parseOr400(z.string().max(64), req.params.id, 'target id'));
    res.status(204).end();
  });
  router.get('/alert-deliveries', ...guards.admin, (req, res) => {
    const { targetId, limit } = parseOr400(deliveryQuerySchema, req.query, 'delivery query');
    res.json({ deliveries: alerting.notifications.deliveries(targetId ?? null, limit).map(deliveryView) });
  });
  return router;
}
