import type { Server as HttpServer } from 'node:http';
import express, { type Express } from 'express';
import { Server as SocketServer } from 'socket.io';
import type { Db } from '../db/connection';
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/live/socketContract';
import type { Clock } from './clock';
import { createCore } from './core';
import { healthRoutes } from './http/healthRoutes';
import { securityHeaders } from './http/securityHeaders';
import { assignRequestId, errorHandler, notFound } from './http/httpError';
import { TokenSet, requireToken } from './http/tokenGuard';
import { ingestRoutes } from './ingest/ingestRoutes';
import { referenceRoutes } from './ingest/referenceRoutes';
import { createDashboardHub } from './live/dashboardHub';
import { createTicketQueries } from './tickets/ticketQueries';
import { ticketRoutes } from './tickets/ticketRoutes';
import { slaRoutes } from './sla/slaRoutes';
import { slaAdminRoutes } from './sla/admin/slaAdminRoutes';
import { createSlaView } from './sla/slaView';

export interface ApplicationDeps {
  db: Db;
  clock: Clock;
  ingestTokens: string[];
  viewTokens: string[];
  pushIntervalMs: number;
  maxBodyBytes: number;
  log: (line: string) => void;
  /** Mounted after the API: the built client in production, Vite's middleware in development. */
  serveClient?: (app: Express) => void;
}

/** Wires ingest → store → engines → hub onto an HTTP server, so tests can boot the real thing on any port. */
export function createApplication(httpServer: HttpServer, deps: ApplicationDeps) {
  const { db, clock, log } = deps;
  const core = createCore(db, clock, log);

  const viewTokens = new TokenSet([...deps.viewTokens, ...deps.ingestTokens]);
  // Express is attached first so socket.io, attached after, answers its own /socket.io/ requests alone.
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders());
  app.use(assignRequestId);
  const ingestGuard = requireToken(new TokenSet(deps.ingestTokens), 'ingest');
  const readGuard = requireToken(viewTokens, 'reading');
  const json = express.json({ limit: deps.maxBodyBytes });
  const api = express.Router();
  api.use(healthRoutes(db, clock));
  api.use(referenceRoutes(core.referenceService, { write: [ingestGuard, json], read: [readGuard] }));
  api.use(ingestRoutes(core.ingestService, [ingestGuard, json]));
  const slaView = createSlaView(core.slaEngine, core.slaRulebook, core.org, clock);
  api.use(ticketRoutes(createTicketQueries(db), [readGuard], (ticketId) => slaView.forTicket(ticketId)));
  api.use(slaRoutes(slaView, [readGuard]));
  api.use(slaAdminRoutes({ db, rulebook: core.slaRulebook, engine: core.slaEngine, clock, log, maxBodyBytes: deps.maxBodyBytes }, { read: [readGuard], write: [ingestGuard, json] }));
  api.use(notFound);
  app.use('/api/v1', api);
  app.use('/api', notFound);
  deps.serveClient?.(app);
  app.use(errorHandler(log));
  httpServer.on('request', app);

  const io = new SocketServer<ClientToServerEvents, ServerToClientEvents>(httpServer, {
    serveClient: false,
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000 },
  });
  io.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    if (typeof token === 'string' && viewTokens.accepts(token)) return next();
    next(new Error('unauthorized'));
  });

  const hub = createDashboardHub(io, { clock, counters: core.networkCounters, pushIntervalMs: deps.pushIntervalMs, log });
  core.onCommitted(() => hub.markDirty());
  core.onReferenceChanged(() => hub.markDirty());
  core.slaEngine.onFiring((firings) => hub.slaFired(firings));
  core.slaEngine.start();

  return {
    app,
    io,
    core,
    async close(): Promise<void> {
      core.slaEngine.stop();
      hub.stop();
      await io.close();
    },
  };
}

export type Application = ReturnType<typeof createApplication>;
