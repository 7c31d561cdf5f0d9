import type { Server as HttpServer } from 'node:http';
import express, { type Express } from 'express';
import { type ServerOptions, Server as SocketServer } from 'socket.io';
import type { Db } from '../db/connection';
import type { AlertRetention } from '../shared/alerts/alertRetention';
import type { EventTimeBounds } from '../shared/ingest/eventTimeBounds';
import type { ClientToServerEvents, DemoProgress, ServerToClientEvents } from '../shared/live/socketContract';
import type { Clock } from './clock';
import { type Core, createCore } from './core';
import { apiRoutes } from './apiRoutes';
import { credentialResolvers } from './auth/credentialResolvers';
import { connectDisplayScreens } from './auth/displayScreens';
import { disconnectPrincipal, disconnectWhere } from './auth/displayTokenService';
import type { SocketData } from './auth/principal';
import { authenticateSockets } from './auth/socketAuth';
import type { SecureCookies } from './auth/sessions';
import { securityHeaders } from './http/securityHeaders';
import { assignRequestId, errorHandler, notFound } from './http/httpError';
import { createDashboardHub } from './live/dashboardHub';
import { tellServerClock } from './live/serverClock';
import { createTicketWatch } from './live/ticketWatch';
import { createComplaintLive } from './complaints/complaintLive';
import { createComplaintStore } from './complaints/complaintStore';
import { retimeUntimedComplaints } from './complaints/complaintEscalationDefault';
import { refusalLogger } from './auth/accessScope';
import { createMetricScopeGuard } from './metrics/metricScopeGuard';
import { connectAlerting, createServerAlerting } from './alerts/alertWiring';
import { startWalCheckpointer } from './store/walCheckpointer';
import { nextTurn, runInSlices } from './eventLoopSlices';
import { connectEngineToEdges } from './cluster/engineLink';

const LIVE_PRUNE_INTERVAL_MS = 3_600_000;
/** How long a dropped connection can come back with its rooms and missed events. */
const RECOVERY_WINDOW_MS = 2 * 60_000;
/** Backlog, breached and at-risk are levels, not flows; their series are samples taken this often. */
const LEVEL_SAMPLE_INTERVAL_MS = 60_000;

export interface ApplicationDeps {
  db: Db;
  clock: Clock;
  ingestTokens: string[];
  viewTokens: string[];
  pushIntervalMs: number;
  /** MIN_SAMPLE: below this n a rate is shown with its n, not judged; the default when absent. */
  minSample?: number;
  maxBodyBytes: number;
  log: (line: string) => void;
  /** Express's trust proxy: how many proxies in front terminate TLS, so Secure cookies and client addresses are right. */
  trustProxy?: boolean | number | string;
  /** 'always' behind a TLS-terminating proxy the server cannot see; 'auto' follows the request. */
  secureCookies?: SecureCookies;
  /** Mounted after the API: the built client in production, Vite's middleware in development. */
  serveClient?: (app: Express) => void;
  /** Vite's dev server injects styles and its own reload socket; the CSP allows them only then. */
  devServer?: boolean;
  /** How long alert history and the webhook delivery log are kept; the defaults when absent. */
  alertRetention?: AlertRetention;
  /** WEBHOOK_ALLOW_PRIVATE: webhook targets on loopback and private networks may be saved and reached; refused when absent. */
  webhookAllowPrivate?: boolean;
  /** Which instants an event may carry around the clock's now; 2000-01-01 to a day ahead when absent. */
  eventTimeBounds?: EventTimeBounds;
  /** COMPLAINT_SURVEY_MAX_SCORE: a return visit scored at or below it opens a complaint; 2 when absent. */
  complaintSurveyMaxScore?: number;
  /**
   * Rebuild the live figures in slices after returning, so the server can listen first: until they are
   * whole, sockets are told the figures are being prepared and ingest and the figure reads answer 503.
   */
  liveStateInBackground?: boolean;
  /**
   * ROLE=engine: the screens are held by edges over a shared adapter (`socketAdapter`); this process
   * answers their snapshots and accepts no screens itself. Absent: the single process, as it always was.
   */
  role?: 'all' | 'engine';
  /** socket.io's adapter factory (the Redis streams adapter for ROLE=engine); the in-memory one when absent. */
  socketAdapter?: Partial<ServerOptions>['adapter'];
}

/** The engine holds no screens: a socket that reaches it is told to use an edge. */
const EDGE_ONLY = 'edge_only';

/** Wires ingest → store → engines → hub onto an HTTP server, so tests can boot the real thing on any port. */
export function createApplication(httpServer: HttpServer, deps: ApplicationDeps) {
  const { db, clock, log } = deps;
  const core = createCore(db, clock, log, { eventTimeBounds: deps.eventTimeBounds, liveStateInBackground: deps.liveStateInBackground, complaintSurveyMaxScore: deps.complaintSurveyMaxScore });
  const checkpointer = startWalCheckpointer(db, { log });

  const resolvers = credentialResolvers(db, clock, { ingestTokens: deps.ingestTokens, viewTokens: deps.viewTokens });
  // Express is attached first so socket.io, attached after, answers its own /socket.io/ requests alone.
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy ?? false);
  app.use(securityHeaders({ devServer: deps.devServer ?? false }));
  app.use(assignRequestId);
  const io = new SocketServer<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>(httpServer, {
    serveClient: false,
    connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_WINDOW_MS },
    ...(deps.socketAdapter ? { adapter: deps.socketAdapter } : {}),
  });
  const engine = deps.role === 'engine';
  const guard = createMetricScopeGuard({ db, org: core.org, refused: refusalLogger(log) });
  const hub = createDashboardHub(io, {
    clock, metrics: core.liveMetrics, org: core.org, pushIntervalMs: deps.pushIntervalMs, minSample: deps.minSample, recoveryWindowMs: RECOVERY_WINDOW_MS, log, guard,
    ...(engine ? { firstSeq: () => Date.now(), screensElsewhere: true } : {}),
  });
  const edges = engine ? connectEngineToEdges(io as never, { hub, db, clock, log }) : null;
  const alerting = createServerAlerting(core, log, { retention: deps.alertRetention, webhook: { allowPrivate: deps.webhookAllowPrivate ?? false } });
  const api = apiRoutes({
    db, clock, core, alerting, resolvers, log, maxBodyBytes: deps.maxBodyBytes, secureCookies: deps.secureCookies ?? 'auto',
    endSessions: edges ? edges.endPrincipal : (principalId, reason) => disconnectPrincipal(io, principalId, reason),
    displayScreens: edges ? edges.displayScreens : connectDisplayScreens(io, db),
    endSockets: edges ? edges.endWhere : (matches, reason) => disconnectWhere(io, matches, reason),
    minSample: deps.minSample,
  });
  app.use('/api/v1', api);
  app.use('/api', notFound);
  deps.serveClient?.(app);
  app.use(errorHandler(log));
  httpServer.on('request', app);

  if (engine) io.use((_socket, next) => next(new Error(EDGE_ONLY)));
  else authenticateSockets(io, resolvers);
  tellServerClock(io, clock);

  core.liveMetrics.onChange((centerIds) => hub.metricsChanged(centerIds));
  core.onReferenceChanged(() => hub.referenceChanged());
  if (edges) core.onReferenceChanged(() => edges.referenceChanged());
  const ticketWatch = createTicketWatch(io, { db, org: core.org, refused: refusalLogger(log), roomsElsewhere: engine });
  core.onCommitted((batch) => ticketWatch.committed(batch.ticketIds, batch.committedAt));
  const complaintLive = createComplaintLive(io, createComplaintStore(db), core.org);
  core.onCommitted((batch) => complaintLive.committed(batch));
  // Instants older than any window, and alert history and deliveries past retention, are dropped hourly, so the store holds weeks, not years.
  const closing = new AbortController();
  const prune = async () => {
    await runInSlices(core.liveMetrics.pruneSteps(clock.now()), { signal: closing.signal });
    await runInSlices(core.seriesRollup.pruneSteps(clock.now()), { signal: closing.signal });
    await runInSlices(alerting.pruneSteps(clock.now()), { signal: closing.signal });
  };
  const pruneTimer = setInterval(() => void prune().catch((error: unknown) => log(`prune failed: ${String(error)}`)), LIVE_PRUNE_INTERVAL_MS);
  pruneTimer.unref();
  const sampleLevels = () => core.seriesRollup.sampleLevels(clock.now(), core.liveMetrics.centerLevels(clock.now()));
  let levelTimer: ReturnType<typeof setInterval> | undefined;
  // What reads or changes the live figures starts once they are whole: level samples, SLA rounds, alert rounds, dashboards.
  const startOnLiveFigures = () => {
    sampleLevels();
    levelTimer = setInterval(sampleLevels, LEVEL_SAMPLE_INTERVAL_MS);
    levelTimer.unref();
    core.slaEngine.onFiring((firings) => hub.slaFired(firings));
    connectAlerting(alerting, core, io);
    // A store whose policy set predates the complaint escalation clock has it added at start; its open complaints are timed here.
    retimeUntimedComplaints(db, core.slaEngine, core.slaRulebook.rules().policies);
    core.slaEngine.start();
    hub.liveReady();
    edges?.liveReady();
  };
  const liveReady = core.rebuild ? Promise.resolve(core.rebuild) : rebuildInBackground(core, clock, closing.signal);
  if (core.rebuild) startOnLiveFigures();
  else void liveReady.then((rebuilt) => rebuilt && startOnLiveFigures(), (error: unknown) => log(`rebuilding the live figures failed: ${String(error)}`));

  return {
    app,
    api,
    io,
    core,
    alerting,
    checkpointer,
    /** Settles once the live figures are whole, with what rebuilding them took; null when closed before. */
    liveReady,
    /** How far the demo history has got, to every screen: through the edges when they hold them (ROLE=engine). */
    announceDemoProgress(progress: DemoProgress): void {
      if (edges) edges.demoProgress(progress);
      else io.emit('demo:progress', progress);
    },
    async close(): Promise<void> {
      closing.abort();
      core.slaEngine.stop();
      await alerting.stop();
      hub.stop();
      edges?.stop();
      clearInterval(pruneTimer);
      if (levelTimer) clearInterval(levelTimer);
      await io.close();
      await checkpointer?.stop();
    },
  };
}

/** The live figures read a slice of tickets a loop turn, after the server has had its turn to listen. */
async function rebuildInBackground(core: Core, clock: Clock, signal: AbortSignal): Promise<{ tickets: number; ms: number } | null> {
  await nextTurn();
  const started = performance.now();
  await runInSlices(core.liveMetrics.rebuildSteps(clock.now()), { signal });
  return core.liveMetrics.isReady() ? { tickets: core.liveMetrics.size(), ms: performance.now() - started } : null;
}

export type Application = ReturnType<typeof createApplication>;
