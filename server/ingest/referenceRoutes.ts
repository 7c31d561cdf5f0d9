import { type RequestHandler, Router } from 'express';
import { REFERENCE_KINDS, referenceListSchema } from '../../shared/reference/referenceSchema';
import { parseOr400 } from '../http/httpError';
import type { ReferenceScope } from '../auth/referenceScope';
import type { ReferenceService } from './referenceService';

/** Reads pass through `scoped`, which keeps what the principal may see. */
export function referenceRoutes(service: ReferenceService, guards: { write: RequestHandler[]; read: RequestHandler[] }, scoped: ReferenceScope): Router {
  const router = Router();
  for (const kind of REFERENCE_KINDS) {
    router.put(`/org/${kind}`, ...guards.write, (req, res) => {
      res.json(service.upsert(kind, parseOr400(referenceListSchema(kind), req.body, `${kind} list`)));
    });
    router.get(`/org/${kind}`, ...guards.read, (_req, res) => {
      res.json({ [kind]: scoped(res, kind, service.list(kind)) });
    });
  }
  return router;
}
