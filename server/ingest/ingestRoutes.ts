import { type RequestHandler, type Response, Router } from 'express';
import { ENV_INGEST_SOURCE } from '../../shared/auth/tokenSchemas';
import { type IngestResult, MAX_EVENTS_PER_BATCH, ingestBatchSchema } from '../../shared/ingest/eventSchema';
import { type CentersOfTickets, answerWithinGrant, screenEvents } from '../auth/ingestPolicy';
import { type RateLimiter, admitIngestBatch } from '../auth/ingestRateLimit';
import { type IngestOutcome, type IngestTokenUsageStore, outcomeOfResult } from '../auth/ingestTokenUsage';
import type { Principal } from '../auth/principal';
import { HttpError, parseOr400 } from '../http/httpError';
import type { IngestService } from './ingestService';
import { type WholeBatchHold, ingestInSlices } from './ingestSlices';

/** What an ingest token's grant is enforced with: its events-per-minute budget and the tickets' stored centers. */
export interface IngestScreening {
  rateLimiter: RateLimiter;
  centersOfTickets: CentersOfTickets;
  /** Where each stored token's requests are counted, accepted and refused, for the ingest tokens page. */
  usage?: Pick<IngestTokenUsageStore, 'record'>;
}

/** A request refused whole (malformed, too large, over its rate) counts every event it carried as refused, for one reason. */
function refusedWhole(body: unknown, error: HttpError): IngestOutcome {
  const events = (body as { events?: unknown } | undefined)?.events;
  const issue = error.issues?.[0];
  return { accepted: 0, rejected: Array.isArray(events) ? Math.max(events.length, 1) : 1, reasons: [{ eventId: null, reason: issue ? `${issue.path}: ${issue.message}` : error.message }] };
}

/** With `screening`, a principal carrying an ingest grant is held to it; without one, the guards alone decide. */
export function ingestRoutes(ingestService: IngestService, guards: RequestHandler[], screening?: IngestScreening, hold?: WholeBatchHold): Router {
  const router = Router();
  router.post('/events', ...guards, async (req, res) => {
    const principal = res.locals.principal as Principal | undefined;
    const counted = screening?.usage && principal?.ingest && principal.id !== ENV_INGEST_SOURCE ? { usage: screening.usage, tokenId: principal.id } : null;
    try {
      const result = await ingestBatch(req.body, principal, res);
      counted?.usage.record(counted.tokenId, outcomeOfResult(result));
      res.json(result);
    } catch (error) {
      if (counted && error instanceof HttpError) counted.usage.record(counted.tokenId, refusedWhole(req.body, error));
      throw error;
    }
  });

  /** Large batches are committed a slice at a time with the loop yielded between (see ingestInSlices); answered after the last. */
  async function ingestBatch(body: unknown, principal: Principal | undefined, res: Response): Promise<IngestResult> {
    const events = (body as { events?: unknown } | undefined)?.events;
    if (Array.isArray(events) && events.length > MAX_EVENTS_PER_BATCH) {
      throw new HttpError(413, 'batch_too_large', `A batch holds at most ${MAX_EVENTS_PER_BATCH} events; this one has ${events.length}.`, [
        { path: 'events', message: `must hold at most ${MAX_EVENTS_PER_BATCH} events` },
      ]);
    }
    const batch = parseOr400(ingestBatchSchema, body, 'event batch');
    if (!screening || !principal?.ingest) return ingestInSlices(ingestService, batch.events, 'api', hold);
    admitIngestBatch(screening.rateLimiter, principal, principal.ingest, batch.events.length, res);
    const screened = screenEvents(principal.ingest, batch.events, screening.centersOfTickets);
    const allowed = screened.allowed.map(({ event }) => event);
    return answerWithinGrant(screened, await ingestInSlices(ingestService, allowed, principal.ingest.source, hold));
  }
  return router;
}
