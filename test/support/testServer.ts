import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Socket, io } from 'socket.io-client';
import { type Db, openDatabase } from '../../db/connection';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/live/socketContract';
import { type Application, createApplication } from '../../server/app';
import type { Clock } from '../../server/clock';
import { serveBuiltClient } from '../../server/clientServing';

export const INGEST_TOKEN = 'test-ingest-token-0123456789';
export const VIEW_TOKEN = 'test-view-token-0123456789ab';

export interface TestServer {
  url: string;
  dbPath: string;
  db: Db;
  application: Application;
  close(): Promise<void>;
}

/** A real server on an ephemeral port over a real SQLite file in a fresh temp dir. */
export async function startTestServer(options: { clock?: Clock; pushIntervalMs?: number; serveClient?: boolean; maxBodyBytes?: number } = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'ops-test-'));
  const dbPath = join(dir, 'ops.db');
  const db = openDatabase(dbPath);
  const httpServer = createServer();
  const application = createApplication(httpServer, {
    db,
    clock: options.clock ?? { now: () => Date.now() },
    ingestTokens: [INGEST_TOKEN],
    viewTokens: [VIEW_TOKEN],
    pushIntervalMs: options.pushIntervalMs ?? 100,
    maxBodyBytes: options.maxBodyBytes ?? 10 * 1024 * 1024,
    log: () => {},
    serveClient: options.serveClient ? serveBuiltClient : undefined,
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    dbPath,
    db,
    application,
    async close() {
      await application.close();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function call(server: TestServer, method: string, path: string, body?: unknown, token: string | null = INGEST_TOKEN) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
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
