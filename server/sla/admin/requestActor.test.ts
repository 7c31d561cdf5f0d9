import { describe, expect, it } from 'vitest';
import { requestActor } from './requestActor';

const request = (authorization?: string) => ({ headers: authorization === undefined ? {} : { authorization } });

describe('requestActor', () => {
  it('names the bearer token by the first 8 hex digits of its SHA-256', () => {
    // sha256("secret-token") = 930bbdc5…, computed independently with `printf secret-token | sha256sum`.
    expect(requestActor(request('Bearer secret-token'), { locals: {} })).toBe('token:930bbdc5');
  });

  it('prefers an actor set by earlier middleware, then the principal, and says anonymous without either or a token', () => {
    expect(requestActor(request('Bearer secret-token'), { locals: { actor: 'alice', principal: { name: 'bob' } } })).toBe('alice');
    expect(requestActor(request('Bearer secret-token'), { locals: { principal: { name: 'bob' } } })).toBe('bob');
    expect(requestActor(request(), { locals: {} })).toBe('anonymous');
  });
});
