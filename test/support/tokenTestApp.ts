import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { Router } from 'express';
import { Server } from 'socket.io';
import { type Socket, io as connectSocket } from 'socket.io-client';
import type { Db } from '../../db/connection';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/live/socketContract';
import { REFERENCE_KINDS, referenceListSchema } from '../../shared/reference/referenceSchema';
import { type ManualClock, TEST_START, manualClock } from './manualClock';
import { smallNetwork } from './smallNetwork';
import { openTempDb } from './tempDb';
import { type Core, createCore } from '../../server/core';
import { HttpError, assignRequestId, errorHandler } from '../../server/http/httpError';
import { ingestRoutes } from '../../server/ingest/ingestRoutes';
import { displayTokenRoutes } from '../../server/auth/displayTokenRoutes';
import { connectDisplayScreens } from '../../server/auth/displayScreens';
import { createIngestTokenUsage } from '../../server/auth/ingestTokenUsage';
import { disconnectPrincipal, displayTokenResolver } from '../../server/auth/displayTokenService';
import { storedTicketCenters } from '../../server/auth/ingestPolicy';
import { createRateLimiter } from '../../server/auth/ingestRateLimit';
import { ingestTokenRoutes } from '../../server/auth/ingestTokenRoutes';
import { envIngestResolver, ingestTokenResolver } from '../../server/auth/ingestTokenService';
import { type CredentialResolver, type Principal, authenticate, principalForRole, requirePermission, resolvePrincipal } from '../../server/auth/principal';
import type { AuditEntry } from '../../server/audit/auditLog';

/** Token tests run over a real SQLite file holding the small test network, on a clock they step by hand. */

export const NOW = TEST_START;
export const ADMIN_BEARER = 'test-admin-bearer';
export const MANAGER_BEARER = 'test-manager-bearer';
export const ENV_INGEST_TOKEN = 'test-env-ingest-token-0123456789';

export const adminContext: { actor: Principal; requestId: string } = {
  actor: principalForRole({ kind: 'user', id: 'u-admin', name: 'root', role: 'admin', scope: { kind: 'all' } }),
  requestId: 'req-1',
};

/** The HttpError a service call throws, for its status, code and issues. */
export function thrown(act: () => unknown): HttpError {
  try {
    act();
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error('expected an HttpError');
}

/** Signed-in people are another part's work; here an admin and a manager stand behind fixed bearers. */
const staffResolver: CredentialResolver = ({ bearer }) => {
  if (bearer === ADMIN_BEARER) return adminContext.actor;
  if (bearer === MANAGER_BEARER) return principalForRole({ kind: 'user', id: 'u-manager', name: 'mgr', role: 'manager', scope: { kind: 'all' } });
  return null;
};

export interface TokenTestDb {
  db: Db;
  core: Core;
  clock: ManualClock;
  close(): void;
}

export function openTokenTestDb(): TokenTestDb {
  const temp = openTempDb('ops-tokens-');
  const { db } = temp;
  const clock = manualClock(NOW);
  const core = createCore(db, clock);
  for (const kind of REFERENCE_KINDS) core.referenceService.upsert(kind, referenceListSchema(kind).parse(smallNetwork[kind]));
  return {
    db,
    core,
    clock,
    close: temp.close,
  };
}

export interface TokenTestApp extends TokenTestDb {
  url: string;
  audits: AuditEntry[];
  /** Steps the rate limiters' own clock, apart from the server clock. */
  advanceRateClock(ms: number): void;
  connect(token: string): Promise<Socket<ServerToClientEvents, ClientToServerEvents>>;
  closeApp(): Promise<void>;
}

/** The token routes and the ingest route, mounted as the application mounts them, on an ephemeral port with socket.io. */
export async function startTokenTestApp(): Promise<TokenTestApp> {
  const base = openTokenTestDb();
  const { db, core, clock } = base;
  const audits: AuditEntry[] = [];
  let rateMs = 0;
  const rateLimiter = createRateLimiter(() => rateMs);
  const httpServer = createServer();
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(httpServer, { serveClient: false });
  const resolvers = [staffResolver, displayTokenResolver(db, clock), ingestTokenResolver(db), envIngestResolver([ENV_INGEST_TOKEN])];
  const admin = [authenticate(resolvers), requirePermission('tokens:admin')];
  const audit = (entry: AuditEntry) => audits.push(entry);

  const api = Router();
  api.use(displayTokenRoutes({ db, clock, org: core.org, audit, endSessions: (id, reason) => disconnectPrincipal(io, id, reason), screens: connectDisplayScreens(io, db), pairingLimiter: rateLimiter }, { admin }));
  const usage = createIngestTokenUsage(db, clock);
  api.use(ingestTokenRoutes({ db, clock, org: core.org, audit, usage }, { admin }));
  const ingestGuards = [authenticate(resolvers), requirePermission('events:ingest'), express.json({ limit: '10mb' })];
  api.use(ingestRoutes(core.ingestService, ingestGuards, { rateLimiter, centersOfTickets: storedTicketCenters(db), usage }));
  const app = express();
  app.use(assignRequestId);
  app.use('/api/v1', api);
  app.use(errorHandler(() => {}));
  httpServer.on('request', app);

  io.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown }).token;
    const principal = resolvePrincipal(resolvers, { bearer: typeof token === 'string' ? token : null, cookies: {} });
    if (!principal) return next(new Error('unauthorized'));
    socket.data.principal = principal;
    next();
  });

  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  return {
    ...base,
    url,
    audits,
    advanceRateClock: (ms) => (rateMs += ms),
    async connect(token) {
      const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connectSocket(url, { auth: { token }, transports: ['websocket'], reconnection: false });
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', (error) => reject(error));
      });
      return socket;
    },
    async closeApp() {
      await io.close();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      base.close();
    },
  };
}

export async function request(app: { url: string }, method: string, path: string, options: { body?: unknown; bearer?: string | null } = {}) {
  const headers: Record<string, string> = {};
  const bearer = options.bearer === undefined ? ADMIN_BEARER : options.bearer;
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${app.url}/api/v1${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await response.text();
  return { status: response.status, json: (text ? JSON.parse(text) : null) as any, text, headers: response.headers };
}
