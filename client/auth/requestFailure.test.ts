import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/http';
import { requestFailure } from './requestFailure';

const NOW = Date.parse('2026-11-23T10:30:00+08:00');

describe('requestFailure', () => {
  it('tells wrong credentials from a locked account and from a rate limit, with when to retry', () => {
    expect(requestFailure(new ApiError(401, 'unauthorized', 'no'), 'signIn', NOW)).toEqual({ kind: 'wrongCredentials', retryAt: null });
    expect(requestFailure(new ApiError(423, 'locked', 'no', 900_000), 'signIn', NOW)).toEqual({ kind: 'locked', retryAt: NOW + 900_000 });
    expect(requestFailure(new ApiError(429, 'rate_limited', 'no', 30_000), 'signIn', NOW)).toEqual({ kind: 'rateLimited', retryAt: NOW + 30_000 });
  });

  it('reads a refusal by what was asked', () => {
    expect(requestFailure(new ApiError(401, 'unauthorized', 'no'), 'changePassword', NOW).kind).toBe('wrongCurrentPassword');
    const wrongCurrent = new ApiError(400, 'invalid_request', 'no', null, [{ path: 'current', message: 'is not your current password' }]);
    expect(requestFailure(wrongCurrent, 'changePassword', NOW).kind).toBe('wrongCurrentPassword');
    const tooShort = new ApiError(400, 'invalid_request', 'no', null, [{ path: 'next', message: 'must be at least 10 characters' }]);
    expect(requestFailure(tooShort, 'changePassword', NOW).kind).toBe('passwordRejected');
    expect(requestFailure(new ApiError(404, 'not_found', 'no'), 'pair', NOW).kind).toBe('invalidCode');
    expect(requestFailure(new ApiError(410, 'gone', 'no'), 'pair', NOW).kind).toBe('invalidCode');
  });

  it('does not blame the person for a server that is down or for a CSRF refusal', () => {
    expect(requestFailure(new ApiError(0, 'network', 'offline'), 'signIn', NOW).kind).toBe('unreachable');
    expect(requestFailure(new ApiError(503, 'unavailable', 'later'), 'pair', NOW).kind).toBe('unreachable');
    expect(requestFailure(new ApiError(403, 'csrf', 'no'), 'changePassword', NOW).kind).toBe('unexpected');
    expect(requestFailure(new Error('boom'), 'signIn', NOW).kind).toBe('unexpected');
  });
});
