import type { Server as HttpServer } from 'node:http';
import express, { type Express } from 'express';
import { type ServerOptions, Server as SocketServer } from 'socket.io';
import type { Db } from '../../db/connection';
import { CLUSTER_EVENTS } from '../../shared/live/clusterContract';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/live/socketContract';
import { refusalLogger } from '../auth/accessScope';
import { edgeCredentialResolvers } from '../auth/credentialResolvers';
import { connectDisplayScreens } from '../auth/displayScreens';
import type { SocketData } from '../auth/principal';
import { authenticateSockets } from '../auth/socketAuth';
import type { Clock } from '../clock';
import { healthRoutes } from '../http/healthRoutes';
import { assignRequestId, errorHandler, notFound } from '../http/httpError';
import { securityHeaders } from '../http/securityHeaders';
import { tellServerClock } from '../live/serverClock';
import { createTicketWatch } from '../live/ticketWatch';
import { createMetricScopeGuard } from '../metrics/metricScopeGuard';
import { createOrgTree } from '../org/orgTree';
import { relayEngineStatus } from './edgeStatus';
import { serveSubscriptionsFromEngine } from './edgeSubscriptions';

/** The same window the engine's single-process predecessor gives a dropped connection. */
const RECOVERY_WINDOW_MS = 2 * 60_000;

export interface EdgeDeps {
  /** The engine's store, opened read-only. */
  db: Db;
  clock: Clock;
  viewTokens: string[];
  log: (line: string) => void;
  adapter: Partial<ServerOptions>['adapter'];
  /** Whether Redis answers: an edge cut off from it keeps its sockets but hears nothing. */
  redisUp: () => boolean;
  edgeId: string;
  trustProxy?: boolean | number | string;
  /** Mounted after health: the built client. */
  serveClient?: (app: Express) => void;
  /** Mounted before the client: what forwards /api to the engine when the edges front one port. */
  forwardApi?: (app: Express) => void;
}

/**
 * An edge (ROLE=edge): sockets and the static client, nothing else. Who a socket speaks for is read
 * from the shared store as the single process reads it; the figures come from the engine through Redis.
 */
export function createEdgeApplication(httpServer: HttpServer, deps: EdgeDeps) {
  const { db, clock, log } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy ?? false);
  app.use(securityHeaders({ devServer: false }));
  app.use(assignRequestId);
  app.use('/api/v1/edge', healthRoutes(db, clock, { isReady: deps.redisUp }));
  deps.forwardApi?.(app);
  app.use('/api', notFound);
  deps.serveClient?.(app);
  app.use(errorHandler(log));
  httpServer.on('request', app);

  const io = new SocketServer<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>(httpServer, {
    serveClient: false,
    connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_WINDOW_MS },
    adapter: deps.adapter,
  });
  authenticateSockets(io, edgeCredentialResolvers(db, clock, deps.viewTokens));
  tellServerClock(io, clock);
  const org = createOrgTree(db);
  const refused = refusalLogger(log);
  const guard = createMetricScopeGuard({ db, org, refused });
  connectDisplayScreens(io, db);
  relayEngineStatus(io, log);
  createTicketWatch(io, { db, org, refused });
  const subscriptions = serveSubscriptionsFromEngine(io as unknown as SocketServer, { guard, edgeId: deps.edgeId });
  io.of('/').on(CLUSTER_EVENTS.referenceChanged as never, () => org.forget());

  return {
    app,
    io,
    async close(): Promise<void> {
      subscriptions.stop();
      await io.close();
    },
  };
}

export type EdgeApplication = ReturnType<typeof createEdgeApplication>;
