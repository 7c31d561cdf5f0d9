import express, { type RequestHandler, type Response, Router } from 'express';
import type { Db } from '../../../db/connection';
import {
  calendarIdSchema,
  calendarReplacementSchema,
  holidayAdditionsSchema,
  jobIdSchema,
  policyPreviewSchema,
  policySetChangeSchema,
  policyVersionSchema,
  recomputeRequestSchema,
} from '../../../shared/sla/adminSchema';
import type { AuditEntry } from '../../audit/auditLog';
import { principalOf } from '../../auth/principal';
import type { Clock } from '../../clock';
import { HttpError, parseOr400 } from '../../http/httpError';
import type { SlaEngine } from '../slaEngine';
import type { SlaRulebook } from '../slaRulebook';
import { createCalendarAdmin } from './calendarAdmin';
import { createCalendarRepository } from './calendarRepository';
import { createPolicyAdmin } from './policyAdmin';
import { createPolicyRepository } from './policyRepository';
import { createRecomputeJobs } from './recomputeJobs';
import { countTickets } from './ticketTally';

export interface SlaAdminDeps {
  db: Db;
  rulebook: SlaRulebook;
  engine: Pick<SlaEngine, 'evaluate' | 'ticketIdsPage' | 'recomputeTickets'>;
  clock: Clock;
  log: (line: string) => void;
  /** Largest JSON or ICS body accepted; 1 MiB unless told. */
  maxBodyBytes?: number;
  /** Policy and calendar changes are admin actions: who, when, what, before and after. */
  audit: (entry: AuditEntry) => void;
}

/**
 * The SLA admin API under /api/v1: business calendars, the versioned policy set with a dry-run
 * preview, and the background recomputes that follow a change. Paths are relative to /api/v1.
 */
export function slaAdminRoutes(deps: SlaAdminDeps, guards: { read: RequestHandler[]; write: RequestHandler[] }): Router {
  const { db, rulebook, engine, clock, log } = deps;
  const limit = deps.maxBodyBytes ?? 1024 * 1024;
  const calendars = createCalendarRepository(db);
  const policies = createPolicyRepository(db);
  const jobs = createRecomputeJobs({ engine, clock, log, countTickets: (openOnly) => countTickets(db, openOnly) });
  const calendarAdmin = createCalendarAdmin({ db, calendars, policies, rulebook, jobs, clock });
  const policyAdmin = createPolicyAdmin({ db, calendars, policies, rulebook, engine, jobs, clock });

  const read = guards.read;
  const write = [...guards.write, express.json({ limit })];
  const icsText = express.text({ type: 'text/calendar', limit });
  const router = Router();

  function audited(res: Response, action: string, target: string, before: unknown, after: unknown): void {
    deps.audit({ actor: principalOf(res), action, target, before, after, requestId: res.locals.requestId });
  }
  function calendarNow(id: string): unknown {
    try {
      return calendarAdmin.get(id);
    } catch {
      return null;
    }
  }

  router.get('/sla/calendars', ...read, (_req, res) => {
    res.json({ calendars: calendarAdmin.list() });
  });
  router.get('/sla/calendars/:id', ...read, (req, res) => {
    res.json(calendarAdmin.get(parseOr400(calendarIdSchema, req.params.id, 'calendar id')));
  });
  router.put('/sla/calendars/:id', ...write, (req, res) => {
    const id = parseOr400(calendarIdSchema, req.params.id, 'calendar id');
    calendarAdmin.refuseFixed(id);
    const calendar = parseOr400(calendarReplacementSchema(id), req.body, 'calendar');
    const before = calendarNow(id);
    const { created, ...result } = calendarAdmin.replace(calendar, principalOf(res).name);
    audited(res, created ? 'sla.calendar.create' : 'sla.calendar.replace', `calendar:${id}`, before, calendarNow(id));
    res.status(created ? 201 : 200).json(result);
  });
  router.delete('/sla/calendars/:id', ...write, (req, res) => {
    const id = parseOr400(calendarIdSchema, req.params.id, 'calendar id');
    const before = calendarNow(id);
    const result = calendarAdmin.remove(id);
    audited(res, 'sla.calendar.delete', `calendar:${id}`, before, null);
    res.json(result);
  });
  router.post('/sla/calendars/:id/holidays', ...write, (req, res) => {
    const id = parseOr400(calendarIdSchema, req.params.id, 'calendar id');
    const before = calendarNow(id);
    const result = calendarAdmin.addHolidays(id, parseOr400(holidayAdditionsSchema, req.body, 'holiday list'), principalOf(res).name);
    audited(res, 'sla.calendar.holidays', `calendar:${id}`, before, calendarNow(id));
    res.json(result);
  });
  router.post('/sla/calendars/:id/holidays.ics', ...guards.write, icsText, (req, res) => {
    const id = parseOr400(calendarIdSchema, req.params.id, 'calendar id');
    if (typeof req.body !== 'string') throw new HttpError(415, 'unsupported_media_type', 'Send the ICS text with Content-Type: text/calendar.');
    const before = calendarNow(id);
    const result = calendarAdmin.importIcs(id, req.body, principalOf(res).name);
    audited(res, 'sla.calendar.holidays_ics', `calendar:${id}`, before, calendarNow(id));
    res.json(result);
  });

  router.get('/sla/policies', ...read, (_req, res) => {
    res.json(policyAdmin.inForce());
  });
  router.get('/sla/policies/versions', ...read, (_req, res) => {
    res.json({ versions: policyAdmin.versions() });
  });
  router.get('/sla/policies/versions/:version', ...read, (req, res) => {
    res.json(policyAdmin.version(parseOr400(policyVersionSchema, req.params.version, 'policy version')));
  });
  router.post('/sla/policies/preview', ...write, async (req, res) => {
    res.json(await policyAdmin.preview(parseOr400(policyPreviewSchema, req.body, 'policy preview').policies));
  });
  router.put('/sla/policies', ...write, (req, res) => {
    const change = parseOr400(policySetChangeSchema, req.body, 'policy set');
    const before = policyAdmin.inForce();
    const result = policyAdmin.save(change, principalOf(res).name);
    audited(res, 'sla.policies.save', `policy-version:${result.version}`, before, policyAdmin.inForce());
    res.json(result);
  });

  router.post('/sla/recompute', ...write, (req, res) => {
    const { scope } = parseOr400(recomputeRequestSchema, req.body ?? {}, 'recompute request');
    const job = jobs.start(scope, `requested by ${principalOf(res).name}`);
    audited(res, 'sla.recompute', `scope:${scope}`, null, { jobId: job.id });
    res.status(202).json({ job });
  });
  router.get('/sla/jobs', ...read, (_req, res) => {
    res.json({ jobs: jobs.recent() });
  });
  router.get('/sla/jobs/:id', ...read, (req, res) => {
    const id = parseOr400(jobIdSchema, req.params.id, 'job id');
    const job = jobs.get(id);
    if (!job) throw new HttpError(404, 'not_found', `No recompute job '${id}'; jobs are kept in memory and a restart forgets them.`);
    res.json(job);
  });

  return router;
}
