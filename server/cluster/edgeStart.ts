import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { openReadOnlyDatabase } from '../../db/readOnlyConnection';
import type { Environment } from '../../shared/config/environment';
import type { Clock } from '../clock';
import { serveBuiltClient } from '../clientServing';
import { installGracefulShutdown } from '../shutdown';
import { createEdgeApplication } from './edgeApplication';
import { linkThroughRedis } from './redisLink';

/** How often an edge started before the engine looks for the store the engine makes. */
const STORE_POLL_MS = 250;

async function storeMadeByEngine(path: string, log: (line: string) => void): Promise<void> {
  if (existsSync(path)) return;
  log(`waiting for the engine to make ${path}`);
  while (!existsSync(path)) await new Promise((resolve) => setTimeout(resolve, STORE_POLL_MS));
}

/**
 * ROLE=edge: listens for screens and serves the built client; the engine behind Redis computes. Its
 * store is the engine's file, opened read-only, so it needs the same DB_PATH on the same disk.
 */
export async function startEdge(env: Environment, redisUrl: string, clock: Clock, log: (line: string) => void, forwardApiTo?: string): Promise<void> {
  await storeMadeByEngine(env.DB_PATH, log);
  const db = openReadOnlyDatabase(env.DB_PATH);
  const redis = await linkThroughRedis(redisUrl, log);
  const httpServer = createServer();
  const forwardApi = forwardApiTo ? (await import('./apiForwarding')).forwardApiTo(forwardApiTo, log) : undefined;
  const edgeId = `${process.pid}-${randomUUID().slice(0, 8)}`;
  const edge = createEdgeApplication(httpServer, {
    db, clock, log, edgeId, adapter: redis.adapter, redisUp: redis.isUp, viewTokens: env.VIEW_TOKEN ? [env.VIEW_TOKEN] : [],
    trustProxy: env.TRUST_PROXY, serveClient: serveBuiltClient, forwardApi,
  });
  await new Promise<void>((resolve) => httpServer.listen(env.PORT, env.HOST, resolve));
  const address = httpServer.address();
  log(`edge ${edgeId} listening on http://localhost:${typeof address === 'object' && address ? address.port : env.PORT}/ for screens (figures from the engine through ${redisUrl})`);
  installGracefulShutdown({
    httpServer, io: edge.io as never, db, log, timeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    application: { close: async () => { await edge.close(); await redis.close(); } },
  });
}
