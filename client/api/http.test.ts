import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './http';

const NOW = Date.parse('2026-11-23T02:30:00Z');

describe('parseRetryAfter', () => {
  it('reads a number of seconds', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
  });

  it('reads an HTTP date as the time left until it', () => {
    expect(parseRetryAfter('Mon, 23 Nov 2026 02:45:00 GMT', NOW)).toBe(15 * 60_000);
  });

  it('never answers with a wait in the past', () => {
    expect(parseRetryAfter('Mon, 23 Nov 2026 02:00:00 GMT', NOW)).toBe(0);
  });

  it('has nothing to say for a missing or unreadable header', () => {
    expect(parseRetryAfter(null, NOW)).toBeNull();
    expect(parseRetryAfter('', NOW)).toBeNull();
    expect(parseRetryAfter('soon', NOW)).toBeNull();
  });
});
