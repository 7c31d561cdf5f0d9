import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { Server as SocketServer } from 'socket.io';
import { type Socket, io as ioClient } from 'socket.io-client';
import { asc, ne } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { auditLog } from '../../db/schema';
import { type ManualClock, manualClock } from './manualClock';
import { smallNetwork } from './smallNetwork';
import { type TempDb, openTempDb } from './tempDb';
import type { UserCreation } from '../../shared/auth/userSchemas';
import type { ServerToClientEvents } from '../../shared/live/socketContract';
import { createAuditLog } from '../../server/audit/auditLog';
import { assignRequestId, errorHandler } from '../../server/http/httpError';
import { createReferenceStore } from '../../server/store/referenceStore';
import { type AuthRouteDeps, authRoutes, userRoutes } from '../../server/auth/authRoutes';
import { type Principal, authenticate, parseCookies, principalForRole, principalOf, requirePermission, resolvePrincipal } from '../../server/auth/principal';
import { sessionResolver } from '../../server/auth/sessions';
import { type SocketEnder, createUserService } from '../../server/auth/userService';

export type ClientSocket = Socket<Pick<ServerToClientEvents, 'session:revoked'>, Record<string, never>>;

/** Who makes the users a test starts from, in the audit log. */
export const testSetup = principalForRole({ kind: 'user', id: 'test-setup', name: 'test-setup', role: 'admin', scope: { kind: 'all' } });

/** A real SQLite file in a fresh temp dir, holding the small network's regions, centers and engineers unless told not to. */
export function openTestDb(options: { org: boolean } = { org: true }): TempDb {
  const temp = openTempDb('ops-auth-');
  const reference = createReferenceStore(temp.db);
  if (options.org) for (const kind of ['regions', 'centers', 'engineers'] as const) reference.upsert(kind, smallNetwork[kind].map((row) => ({ ...row })) as never);
  return temp;
}

export interface AuthServer {
  url: string;
  db: Db;
  clock: ManualClock;
  /** The audit log's rows but the test's own setup, oldest first. */
  audited(): (typeof auditLog.$inferSelect)[];
  /** A dashboard socket connected with a browser's session cookie, as the page would connect it. */
  connectSocket(cookie: string | null): Promise<ClientSocket>;
  /** A user whose password the test knows and need not change. */
  addUser(input: Partial<UserCreation> & Pick<UserCreation, 'username' | 'role'>): Promise<{ id: string; password: string }>;
  /** Stops this server and starts a fresh one, as a restarted process would, on the same database file and clock. */
  restart(): Promise<AuthServer>;
  close(): Promise<void>;
}

type AuthServerOptions = Partial<Pick<AuthRouteDeps, 'secureCookies' | 'loginLimits'>>;

/**
 * The auth and user routes on a real HTTP server over a real SQLite file holding the small network,
 * with `/api/v1/probe` behind the session resolver for what a signed-in request may do.
 */
export function startAuthServer(options: AuthServerOptions = {}): Promise<AuthServer> {
  return listen(openTestDb(), manualClock(), options);
}

async function listen(temp: TempDb, clock: ManualClock, options: AuthServerOptions): Promise<AuthServer> {
  const { db } = temp;
  const audit = createAuditLog(db, clock);
  const signedIn = authenticate([sessionResolver(db, clock)]);

  const server: Server = createServer();
  // As the app does: a socket's principal is settled at its handshake, from the same session cookie.
  const io = new SocketServer<Record<string, never>, Pick<ServerToClientEvents, 'session:revoked'>>(server, { serveClient: false });
  io.use((socket, next) => {
    const principal = resolvePrincipal([sessionResolver(db, clock)], { bearer: null, cookies: parseCookies(socket.handshake.headers.cookie) });
    if (!principal) return next(new Error('unauthorized'));
    socket.data.principal = principal;
    next();
  });
  const endSockets: SocketEnder = (matches, reason) => {
    for (const socket of io.of('/').sockets.values()) {
      if (!matches(socket.data.principal as Principal)) continue;
      socket.emit('session:revoked', reason);
      socket.disconnect(true);
    }
  };

  const api = express.Router();
  api.use(authRoutes({ db, clock, audit: audit.record, endSockets, ...options }));
  api.use(userRoutes({ db, clock, audit: audit.record, endSockets }, { read: [signedIn], admin: [signedIn] }));
  api.all('/probe', signedIn, requirePermission('dashboard:read'), (_req, res) => {
    const principal = principalOf(res);
    res.json({ id: principal.id, name: principal.name, role: principal.role, scope: principal.scope });
  });
  const app = express();
  app.use(assignRequestId);
  app.use('/api/v1', api);
  app.use(errorHandler(() => {}));
  server.on('request', app);

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const users = createUserService({ db, clock, audit: audit.record });
  const stop = async () => {
    await io.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return {
    url: `${origin}/api/v1`,
    db,
    clock,
    audited: () => db.select().from(auditLog).where(ne(auditLog.actor, testSetup.name)).orderBy(asc(auditLog.id)).all(),
    async connectSocket(cookie) {
      const socket: ClientSocket = ioClient(origin, { transports: ['websocket'], reconnection: false, extraHeaders: cookie ? { cookie } : {} });
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', (error) => reject(error));
      });
      return socket;
    },
    async addUser(input) {
      const { user, oneTimePassword } = await users.create({ grants: [], engineerId: null, ...input }, { actor: testSetup }, { mustChangePassword: false });
      return { id: user.id, password: oneTimePassword };
    },
    async restart() {
      await stop();
      temp.reopen();
      return listen(temp, clock, options);
    },
    async close() {
      await stop();
      temp.close();
    },
  };
}

export interface Reply {
  status: number;
  json: any;
  headers: Headers;
}

export interface Browser {
  readonly cookie: string | null;
  readonly csrf: string | null;
  /** Sends the cookie it holds and, on anything but GET, its CSRF token; `headers` override both. */
  send(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  login(username: string, password: string): Promise<Reply>;
  /** Signs in and fails the test when that does not work. */
  signIn(username: string, password: string): Promise<Browser>;
}

/** One browser: keeps the session cookie it is given and, once signed in, the CSRF token. */
export function browser(server: Pick<AuthServer, 'url'>): Browser {
  let cookie: string | null = null;
  let csrf: string | null = null;
  const client: Browser = {
    get cookie() {
      return cookie;
    },
    get csrf() {
      return csrf;
    },
    async send(method, path, body, headers = {}) {
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(cookie ? { cookie } : {}),
          ...(csrf && method !== 'GET' ? { 'x-csrf-token': csrf } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const setCookie = response.headers.get('set-cookie');
      if (setCookie) {
        const pair = setCookie.split(';')[0]!;
        cookie = pair.endsWith('=') ? null : pair;
      }
      const text = await response.text();
      return { status: response.status, json: text ? JSON.parse(text) : null, headers: response.headers };
    },
    async login(username, password) {
      const reply = await client.send('POST', '/auth/login', { username, password });
      if (reply.status === 200) csrf = reply.json.csrfToken;
      return reply;
    },
    async signIn(username, password) {
      const reply = await client.login(username, password);
      if (reply.status !== 200) throw new Error(`sign-in as ${username}: ${reply.status} ${JSON.stringify(reply.json)}`);
      return client;
    },
  };
  return client;
}
