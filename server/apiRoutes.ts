import express, { type Router } from 'express';
import type { Permission } from '../shared/auth/roles';
import type { Db } from '../db/connection';
import { createAuditLog } from './audit/auditLog';
import { auditRoutes } from './audit/auditRoutes';
import { refusalLogger } from './auth/accessScope';
import { authRoutes, userRoutes } from './auth/authRoutes';
import { displayTokenRoutes } from './auth/displayTokenRoutes';
import type { DisplayScreens, SessionEndReason } from './auth/displayTokenService';
import { storedTicketCenters } from './auth/ingestPolicy';
import { createRateLimiter } from './auth/ingestRateLimit';
import { ingestTokenRoutes } from './auth/ingestTokenRoutes';
import { createIngestTokenUsage } from './auth/ingestTokenUsage';
import { type CredentialResolver, authenticate, requirePermission } from './auth/principal';
import { referenceScope } from './auth/referenceScope';
import type { SecureCookies } from './auth/sessions';
import type { SocketEnder } from './auth/userService';
import type { Clock } from './clock';
import type { Core } from './core';
import { healthRoutes } from './http/healthRoutes';
import { liveFiguresWhole } from './http/liveFiguresWhole';
import { notFound } from './http/httpError';
import { metricDrillRoutes } from './metrics/metricDrillRoutes';
import { metricRoutes } from './metrics/metricRoutes';
import { createMetricScopeGuard } from './metrics/metricScopeGuard';
import { seriesRoutes } from './metrics/seriesRoutes';
import { ingestRoutes } from './ingest/ingestRoutes';
import { referenceRoutes } from './ingest/referenceRoutes';
import { orgScopeRoutes } from './org/orgScopeRoutes';
import { createOrgScopes } from './org/orgScopes';
import { slaAdminRoutes } from './sla/admin/slaAdminRoutes';
import type { Alerting } from './alerts/alerting';
import { alertRoutes } from './alerts/alertRoutes';
import { createAlertService } from './alerts/alertService';
import { createSilenceService } from './alerts/silenceService';
import { liveFigureSources } from './alerts/alertWiring';
import { slaRoutes } from './sla/slaRoutes';
import { createComplaintRates } from './complaints/complaintRates';
import { complaintRoutes } from './complaints/complaintRoutes';
import { createComplaintService } from './complaints/complaintService';
import { createComplaintStore } from './complaints/complaintStore';
import { createSlaView } from './sla/slaView';
import { createTicketQueries } from './tickets/ticketQueries';
import { createTicketSearch } from './tickets/ticketSearch';
import { createTicketStory } from './tickets/ticketStory';
import { ticketRoutes } from './tickets/ticketRoutes';
import { scorecardRoutes } from './scorecard/scorecardRoutes';
import { createScorecardService } from './scorecard/scorecardService';
import { DEFAULT_MIN_SAMPLE } from '../shared/metrics/sampleSize';

export interface ApiDeps {
  db: Db;
  clock: Clock;
  core: Core;
  alerting: Alerting;
  resolvers: readonly CredentialResolver[];
  maxBodyBytes: number;
  secureCookies: SecureCookies;
  log: (line: string) => void;
  /** Ends the live sockets of a display whose token was revoked or re-paired. */
  endSessions: (principalId: string, reason: SessionEndReason) => void;
  /** Which paired screens are connected, and telling one that its display changed. */
  displayScreens?: DisplayScreens;
  /** Ends the live sockets of users signed out, reset, disabled or revoked. */
  endSockets: SocketEnder;
  /** MIN_SAMPLE: the fewest units a rate is judged on; charts show a rate over fewer with its n. */
  minSample?: number;
}

/**
 * /api/v1: health, sign-in and display pairing are open; everything after `authenticate` needs a
 * principal, and each route names the permission it needs. The authorization matrix test walks
 * this router, so a route added without a rule there fails the suite.
 */
export function apiRoutes(deps: ApiDeps): Router {
  const { db, clock, core, log } = deps;
  const can = (permission: Permission) => requirePermission(permission);
  const json = express.json({ limit: deps.maxBodyBytes });
  const refused = refusalLogger(log);
  const audit = createAuditLog(db, clock);
  const record = (entry: Parameters<typeof audit.record>[0]) => audit.record(entry);
  const slaView = createSlaView(core.slaEngine, core.slaRulebook, core.org, clock, () => deps.alerting.slaPolicy.policy());

  const api = express.Router();
  const whole = liveFiguresWhole(core.liveMetrics);
  api.use(healthRoutes(db, clock, core.liveMetrics));
  api.use(authRoutes({ db, clock, audit: record, secureCookies: deps.secureCookies, endSockets: deps.endSockets }));
  const displays = displayTokenRoutes({ db, clock, org: core.org, audit: record, endSessions: deps.endSessions, screens: deps.displayScreens }, { admin: [authenticate(deps.resolvers), can('tokens:admin')] });
  api.use(displays);
  api.use(authenticate(deps.resolvers));
  api.use(userRoutes({ db, clock, audit: record, endSockets: deps.endSockets }, { read: [can('users:read')], admin: [can('users:admin')] }));
  const ingestUsage = createIngestTokenUsage(db, clock);
  api.use(ingestTokenRoutes({ db, clock, org: core.org, audit: record, usage: ingestUsage }, { admin: [can('tokens:admin')] }));
  api.use(auditRoutes(audit, [can('audit:read')]));
  api.use(referenceRoutes(core.referenceService, { write: [can('reference:write'), json], read: [can('tickets:read')] }, referenceScope(core.org, refused)));
  // The names a board shows, for wall screens too: they may not read the organisation lists above.
  api.use(orgScopeRoutes(createOrgScopes(core.org, refused), [can('dashboard:read')]));
  api.use(ingestRoutes(core.ingestService, [can('events:ingest'), whole, json], { rateLimiter: createRateLimiter(), centersOfTickets: storedTicketCenters(db), usage: ingestUsage }, deps.alerting.holdRounds));
  api.use(ticketRoutes({ queries: createTicketQueries(db, core.org), story: createTicketStory(db), search: createTicketSearch(db), slaOf: (ticketId) => slaView.forTicket(ticketId), org: core.org, refused }, [can('tickets:read')]));
  api.use(slaRoutes(slaView, [can('sla:read')], { org: core.org, refused }));
  const complaints = createComplaintService({
    store: createComplaintStore(db), story: createTicketStory(db), ingest: core.ingestService, slaOf: (ticketIds) => slaView.forTickets(ticketIds), org: core.org, clock, audit: record, refused,
  });
  const complaintRates = createComplaintRates({ live: core.liveMetrics, org: core.org, clock, refused });
  api.use(complaintRoutes(complaints, complaintRates, { read: [can('sla:read')], rates: [can('sla:read'), whole], handle: [can('complaints:handle'), whole, json] }));
  const metricDeps = { db, org: core.org, clock, live: core.liveMetrics, guard: createMetricScopeGuard({ db, org: core.org, refused }) };
  api.use(metricRoutes(metricDeps, [can('tickets:read'), whole]));
  api.use(metricDrillRoutes(metricDeps, [can('tickets:read')]));
  api.use(seriesRoutes(metricDeps, [can('dashboard:read')], deps.minSample ?? DEFAULT_MIN_SAMPLE));
  const scorecards = createScorecardService({ db, org: core.org, clock, guard: metricDeps.guard, audit: record, slaOf: (ticketId) => slaView.forTicket(ticketId) });
  api.use(scorecardRoutes(scorecards, { read: [can('tickets:read')], exclude: [can('scorecards:exclude'), json], star: [can('dashboard:read')] }));
  api.use(slaAdminRoutes({ db, rulebook: core.slaRulebook, engine: core.slaEngine, clock, log, maxBodyBytes: deps.maxBodyBytes, audit: record }, { read: [can('sla:read')], write: [can('sla:admin'), whole] }));
  // Reading alerts needs dashboard:read, as the wall screens that show them have; engineers, who have no board, see none.
  const alertService = createAlertService({ db, clock, alerting: deps.alerting, audit: record, refused });
  const silenceService = createSilenceService({ db, clock, alerting: deps.alerting, audit: record, refused });
  api.use(alertRoutes({ alerting: deps.alerting, service: alertService, silences: silenceService, clock, figures: liveFigureSources(core) }, {
    read: [can('dashboard:read')], acknowledge: [can('alerts:acknowledge'), json], silence: [can('alerts:silence'), json], admin: [can('alerts:admin'), whole, json],
  }));
  api.use(notFound);
  return api;
}
