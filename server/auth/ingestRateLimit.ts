import type { Response } from 'express';
import { HttpError } from '../http/httpError';
import type { IngestGrant, Principal } from './principal';

const MINUTE_MS = 60_000;
/** Past this many keys, buckets that have refilled completely are dropped: they are the same as no bucket. */
const SWEEP_ABOVE_KEYS = 10_000;

export type RateVerdict = { ok: true } | { ok: false; retryAfterMs: number };

interface Bucket {
  tokens: number;
  at: number;
  perMinute: number;
}

/**
 * Token buckets in memory, one per key: each holds at most a minute's allowance and refills
 * evenly over the minute. `now` is a monotonic millisecond clock; tests step their own.
 */
export function createRateLimiter(now: () => number = () => performance.now()) {
  const buckets = new Map<string, Bucket>();

  function level(bucket: Bucket | undefined, perMinute: number, at: number): number {
    if (!bucket) return perMinute;
    return Math.min(perMinute, bucket.tokens + ((at - bucket.at) * perMinute) / MINUTE_MS);
  }

  function sweep(at: number): void {
    for (const [key, bucket] of buckets) if (level(bucket, bucket.perMinute, at) >= bucket.perMinute) buckets.delete(key);
  }

  return {
    /** Takes `cost` from the key's bucket, or takes nothing and says how long until it could. */
    take(key: string, perMinute: number, cost: number): RateVerdict {
      const at = now();
      const available = level(buckets.get(key), perMinute, at);
      if (cost > available) return { ok: false, retryAfterMs: Math.ceil(((cost - available) * MINUTE_MS) / perMinute) };
      buckets.set(key, { tokens: available - cost, at, perMinute });
      if (buckets.size > SWEEP_ABOVE_KEYS) sweep(at);
      return { ok: true };
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;

/** Takes from a bucket, or answers 429 with Retry-After in whole seconds. */
export function enforceRate(limiter: RateLimiter, res: Response, limit: { key: string; perMinute: number; cost: number; refusal: string }): void {
  const verdict = limiter.take(limit.key, limit.perMinute, limit.cost);
  if (verdict.ok) return;
  const seconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
  res.setHeader('Retry-After', String(seconds));
  throw new HttpError(429, 'rate_limited', `${limit.refusal} Retry after ${seconds} s.`);
}

/**
 * Admits a batch against its token's events-per-minute allowance, counting every event sent,
 * valid or not, since each costs the server the same work. A batch larger than a whole minute's
 * allowance could never pass, so it is refused as too large rather than told to wait.
 */
export function admitIngestBatch(limiter: RateLimiter, principal: Principal, grant: IngestGrant, eventCount: number, res: Response): void {
  const { source, ratePerMinute } = grant;
  if (eventCount > ratePerMinute) {
    throw new HttpError(413, 'batch_too_large', `Source '${source}' may send at most ${ratePerMinute} events a minute, so a batch of ${eventCount} can never be accepted; split it.`, [
      { path: 'events', message: `must hold at most ${ratePerMinute} events for this token` },
    ]);
  }
  enforceRate(limiter, res, {
    key: `ingest:${principal.id}`,
    perMinute: ratePerMinute,
    cost: eventCount,
    refusal: `Source '${source}' may send ${ratePerMinute} events a minute, and this batch of ${eventCount} would go over.`,
  });
}
