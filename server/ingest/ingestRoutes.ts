import { type RequestHandler, Router } from 'express';
import { MAX_EVENTS_PER_BATCH, ingestBatchSchema } from '../../shared/ingest/eventSchema';
import { type CentersOfTickets, ingestWithinGrant } from '../auth/ingestPolicy';
import { type RateLimiter, admitIngestBatch } from '../auth/ingestRateLimit';
import type { Principal } from '../auth/principal';
import { HttpError, parseOr400 } from '../http/httpError';
import type { IngestService } from './ingestService';

/** What an ingest token's grant is enforced with: its events-per-minute budget and the tickets' stored centers. */
export interface IngestScreening {
  rateLimiter: RateLimiter;
  centersOfTickets: CentersOfTickets;
}

/** With `screening`, a principal carrying an ingest grant is held to it; without one, the guards alone decide. */
export function ingestRoutes(ingestService: IngestService, guards: RequestHandler[], screening?: IngestScreening): Router {
  const router = Router();
  router.post('/events', ...guards, (req, res) => {
    const events = (req.body as { events?: unknown } | undefined)?.events;
    if (Array.isArray(events) && events.length > MAX_EVENTS_PER_BATCH) {
      throw new HttpError(413, 'batch_too_large', `A batch holds at most ${MAX_EVENTS_PER_BATCH} events; this one has ${events.length}.`, [
        { path: 'events', message: `must hold at most ${MAX_EVENTS_PER_BATCH} events` },
      ]);
    }
    const batch = parseOr400(ingestBatchSchema, req.body, 'event batch');
    const principal = res.locals.principal as Principal | undefined;
    if (!screening || !principal?.ingest) {
      res.json(ingestService.ingest(batch.events, 'api'));
      return;
    }
    admitIngestBatch(screening.rateLimiter, principal, principal.ingest, batch.events.length, res);
    res.json(ingestWithinGrant(ingestService, principal.ingest, batch.events, screening.centersOfTickets, principal.ingest.source));
  });
  return router;
}
