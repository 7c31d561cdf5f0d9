import type { RequestHandler } from 'express';
import { HttpError } from './httpError';

/** Seconds a client is asked to wait while a restart reads the live figures from the store. */
const RETRY_AFTER_S = 2;

/**
 * Refuses, with 503 and Retry-After, what reads or changes the live figures while a restarted server is
 * still reading them from the store: a figure would be partial, and a change would be counted twice.
 */
export function liveFiguresWhole(live: { isReady(): boolean }): RequestHandler {
  return (_req, res, next) => {
    if (live.isReady()) return next();
    res.setHeader('Retry-After', String(RETRY_AFTER_S));
    next(new HttpError(503, 'preparing', 'The live figures are being read from the store after a start; try again in a few seconds.'));
  };
}
