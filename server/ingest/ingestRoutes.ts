import { type RequestHandler, Router } from 'express';
import { MAX_EVENTS_PER_BATCH, ingestBatchSchema } from '../../shared/ingest/eventSchema';
import { HttpError, parseOr400 } from '../http/httpError';
import type { IngestService } from './ingestService';

export function ingestRoutes(ingestService: IngestService, guards: RequestHandler[]): Router {
  const router = Router();
  router.post('/events', ...guards, (req, res) => {
    const events = (req.body as { events?: unknown } | undefined)?.events;
    if (Array.isArray(events) && events.length > MAX_EVENTS_PER_BATCH) {
      throw new HttpError(413, 'batch_too_large', `A batch holds at most ${MAX_EVENTS_PER_BATCH} events; this one has ${events.length}.`, [
        { path: 'events', message: `must hold at most ${MAX_EVENTS_PER_BATCH} events` },
      ]);
    }
    const batch = parseOr400(ingestBatchSchema, req.body, 'event batch');
    res.json(ingestService.ingest(batch.events, 'api'));
  });
  return router;
}
