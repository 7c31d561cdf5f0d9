import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Socket, io } from 'socket.io-client';
import type { Db } from '../../db/connection';
import { type TempDb, openTempDb } from './tempDb';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/live/socketContract';
import { type Application, createApplication } from '../../server/app';
import type { Clock } from '../../server/clock';
import { serveBuiltClient } from '../../server/clientServing';
import { principalForRole } from '../../server/auth/principal';
import { createUserService } from '../../server/auth/userService';
import { systemClock } from '../../server/clock';
import type { Grant, Role } from '../../shared/auth/roles';
import type { EventTimeBounds } from '../../shared/ingest/eventTimeBounds';

export const INGEST_TOKEN = 'test-ingest-token-0123456789';
export const VIEW_TOKEN = 'test-view-token-0123456789ab';
/** The admin every test server signs in at start: the name its changes are recorded under. */
export const ADMIN_USERNAME = 'test-admin';

/** A signed-in browser session: the cookie it sends and the CSRF token it echoes on changes. */
export interface Session {
  cookie: string;
  csrf: string;
}

export interface TestServer {
  url: string;
  dbPath: string;
  db: Db;
  application: Application;
  /** An admin signed in at start: what `call` uses unless told otherwise. */
  admin: Session;
  close(): Promise<void>;
}

const testSetup = principalForRole({ kind: 'user', id: 'test-setup', name: 'test-setup', role: 'admin', scope: { kind: 'all' } });

export async function signIn(url: string, username: string, password: string): Promise<Session> {
  const response = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const body = (await response.json()) as { csrfToken?: string };
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (response.status !== 200 || !cookie || !body.csrfToken) throw new Error(`signing in ${username}: ${response.status} ${JSON.stringify(body)}`);
  return { cookie, csrf: body.csrfToken };
}

/** Creates a user with a known password (its grants must exist) and signs them in. */
export async function signInAs(server: Pick<TestServer, 'url' | 'db'>, user: { username: string; role: Exclude<Role, 'display'>; grants?: Grant[]; engineerId?: string | null }): Promise<Session> {
  const users = createUserService({ db: server.db, clock: systemClock, audit: () => {} });
  const { oneTimePassword } = await users.create({ displayName: user.username, grants: [], engineerId: null, ...user }, { actor: testSetup }, { mustChangePassword: false });
  return signIn(server.url, user.username, oneTimePassword);
}

/** A real server on an ephemeral port over a real SQLite file in a fresh temp dir. */
/** `port` reopens a server where a stopped one was, so open pages can find their way back to it. */
/** `database` starts it on a file the test has already written, as a server starts on an old database; closing the server removes it. */
export async function startTestServer(
  options: { clock?: Clock; pushIntervalMs?: number; minSample?: number; serveClient?: boolean; maxBodyBytes?: number; port?: number; webhookAllowPrivate?: boolean; eventTimeBounds?: EventTimeBounds; database?: TempDb; log?: (line: string) => void } = {},
): Promise<TestServer> {
  const temp = options.database ?? openTempDb();
  const { db, path: dbPath } = temp;
  const httpServer = createServer();
  const application = createApplication(httpServer, {
    db,
    clock: options.clock ?? { now: () => Date.now() },
    ingestTokens: [INGEST_TOKEN],
    viewTokens: [VIEW_TOKEN],
    pushIntervalMs: options.pushIntervalMs ?? 100,
    minSample: options.minSample,
    maxBodyBytes: options.maxBodyBytes ?? 10 * 1024 * 1024,
    log: options.log ?? (() => {}),
    serveClient: options.serveClient ? serveBuiltClient : undefined,
    webhookAllowPrivate: options.webhookAllowPrivate,
    eventTimeBounds: options.eventTimeBounds,
  });
  await new Promise<void>((resolve) => httpServer.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const admin = await signInAs({ url, db }, { username: ADMIN_USERNAME, role: 'admin' });
  return {
    url,
    dbPath,
    db,
    application,
    admin,
    async close() {
      await application.close();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      temp.close();
    },
  };
}

/** The headers that carry `auth` on a request: a bearer token, or a session's cookie and, on changes, its CSRF token. */
export function authHeaders(auth: string | Session | null, method = 'GET'): Record<string, string> {
  if (typeof auth === 'string') return { authorization: `Bearer ${auth}` };
  if (!auth) return {};
  return method === 'GET' ? { cookie: auth.cookie } : { cookie: auth.cookie, 'x-csrf-token': auth.csrf };
}

/** A request as the admin session unless `auth` names a bearer token, another session, or null for none. */
export async function call(server: TestServer, method: string, path: string, body?: unknown, auth: string | Session | null = server.admin) {
  const headers = authHeaders(auth, method);
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: response.status, json: json as any, text, headers: response.headers };
}

export type DashboardSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export async function connectDashboard(server: TestServer, token = VIEW_TOKEN): Promise<DashboardSocket> {
  const socket: DashboardSocket = io(server.url, { auth: { token }, transports: ['websocket'], reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  return socket;
}
