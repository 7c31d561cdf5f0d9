import { Router } from 'express';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import type { Clock } from '../clock';

/** Reachable without credentials, for load balancers and the wall screen's watchdog; `live` says whether a start has read the live figures yet. */
export function healthRoutes(db: Db, clock: Clock, live: { isReady(): boolean }): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    const database = db.get<{ ok: number }>(sql`select 1 as ok`)?.ok === 1 ? 'ok' : 'failing';
    res.status(database === 'ok' ? 200 : 503).json({ status: database === 'ok' ? 'ok' : 'degraded', database, live: live.isReady() ? 'ready' : 'preparing', uptimeMs: Math.round(process.uptime() * 1000), now: clock.now() });
  });
  return router;
}
