import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './ingestRateLimit';

describe('rate limiter', () => {
  function limiterAt() {
    let at = 0;
    return { limiter: createRateLimiter(() => at), advance: (ms: number) => (at += ms) };
  }

  it("holds a minute's allowance and refills it evenly over the minute", () => {
    const { limiter, advance } = limiterAt();
    expect(limiter.take('a', 600, 600)).toEqual({ ok: true });
    expect(limiter.take('a', 600, 1)).toEqual({ ok: false, retryAfterMs: 100 });
    advance(1_000);
    expect(limiter.take('a', 600, 11)).toEqual({ ok: false, retryAfterMs: 100 });
    expect(limiter.take('a', 600, 10)).toEqual({ ok: true });
    advance(10 * 60_000);
    expect(limiter.take('a', 600, 601)).toEqual({ ok: false, retryAfterMs: 100 });
    expect(limiter.take('a', 600, 600)).toEqual({ ok: true });
  });

  it('takes nothing from a refused request', () => {
    const { limiter, advance } = limiterAt();
    limiter.take('a', 60, 50);
    expect(limiter.take('a', 60, 20).ok).toBe(false);
    expect(limiter.take('a', 60, 10)).toEqual({ ok: true });
    advance(1_000);
    expect(limiter.take('a', 60, 1)).toEqual({ ok: true });
  });

  it('keeps each key to its own bucket', () => {
    const { limiter } = limiterAt();
    expect(limiter.take('a', 10, 10).ok).toBe(true);
    expect(limiter.take('b', 10, 10).ok).toBe(true);
    expect(limiter.take('a', 10, 1).ok).toBe(false);
  });

  it('forgets full buckets once many keys have come and gone, which changes no answer', () => {
    const { limiter, advance } = limiterAt();
    for (let i = 0; i <= 10_000; i++) limiter.take(`ip-${i}`, 10, 1);
    limiter.take('busy', 10, 10);
    advance(60_000);
    limiter.take('sweeper', 10, 1);
    expect(limiter.take('busy', 10, 10).ok).toBe(true);
    expect(limiter.take('busy', 10, 1).ok).toBe(false);
  });
});
