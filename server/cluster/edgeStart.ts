import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import type { Db } from '../../db/connection';
import { openReadOnlyDatabase } from '../../db/readOnlyConnection';
import type { Environment } from '../../shared/config/environment';
import type { Clock } from '../clock';
import { serveBuiltClient } from '../clientServing';
import { installGracefulShutdown } from '../shutdown';
import { createEdgeApplication } from './edgeApplication';
import { linkThroughRedis } from './redisLink';

/** How often an edge started before the engine looks for the store the engine makes. */
const STORE_POLL_MS = 250;

/** The engine's store once the engine has made it and brought its schema up (an edge never migrates). */
async function storeMadeByEngine(path: string, log: (line: string) => void): Promise<Db> {
  let told = false;
  for (;;) {
    if (existsSync(path)) {
      const db = openReadOnlyDatabase(path);
      const migrated = db.$client.prepare("select count(*) as n from sqlite_master where type = 'table' and name in ('sessions', 'display_tokens')").get() as { n: number };
      if (migrated.n === 2) return db;
      db.$client.close();
    }
    if (!told) log(`waiting for the engine to make ${path}`);
    told = true;
    await new Promise((resolve) => setTimeout(resolve, STORE_POLL_MS));
  }
}

/**
 * ROLE=edge: listens for screens and serves the built client; the engine behind Redis computes. Its
 * store is the engine's file, opened read-only, so it needs the same DB_PATH on the same disk.
 */
export async function startEdge(env: Environment, redisUrl: string, clock: Clock, log: (line: string) => void, forwardApiTo?: string): Promise<void> {
  const db = await storeMadeByEngine(env.DB_PATH, log);
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
