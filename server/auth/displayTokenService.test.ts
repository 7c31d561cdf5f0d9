import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scopeParamSchema } from '../../shared/api/slaApi';
import type { DisplayCreate } from '../../shared/auth/tokenSchemas';
import { PAIRING_TTL_MS, type SessionEndReason, accessScopeOf, createDisplayTokenService, displayTokenResolver } from './displayTokenService';
import type { AuditEntry } from '../audit/auditLog';
import type { CredentialResolver } from './principal';
import { secretDigest } from './tokenAdmin';
import { type TokenTestDb, adminContext as context, openTokenTestDb, thrown } from '../../test/support/tokenTestApp';

function creation(scope: string, board = 'network'): DisplayCreate {
  return { name: '浦东大厅', scope: scopeParamSchema.parse(scope), board, thresholds: null };
}

describe('display tokens', () => {
  let base: TokenTestDb;
  let audits: AuditEntry[];
  let ended: [string, SessionEndReason][];
  let displays: ReturnType<typeof createDisplayTokenService>;
  let resolve: CredentialResolver;
  const asBearer = (bearer: string) => resolve({ bearer, cookies: {} });

  beforeEach(() => {
    base = openTokenTestDb();
    audits = [];
    ended = [];
    displays = createDisplayTokenService({
      db: base.db,
      clock: base.clock,
      org: base.core.org,
      audit: (entry) => audits.push(entry),
      endSessions: (id, reason) => ended.push([id, reason]),
    });
    resolve = displayTokenResolver(base.db, base.clock);
  });
  afterEach(() => base.close());

  it('pairs a screen by code: the paired token resolves to a read-only display principal for its scope and board', () => {
    const created = displays.create(creation('region:east', 'breach'), context);
    expect(created.pairing.code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/);
    expect(created.pairing.path).toBe(`/pair/${created.pairing.code}`);
    expect(Date.parse(created.pairing.expiresAt) - base.clock.now()).toBe(PAIRING_TTL_MS);

    const paired = displays.pair(created.pairing.code);
    expect(paired.display).toEqual({ id: created.display.id, name: '浦东大厅', scope: 'region:east', board: 'breach' });
    const principal = asBearer(paired.token);
    expect(principal).toMatchObject({ kind: 'display', id: created.display.id, name: '浦东大厅', role: 'display', board: 'breach' });
    expect(principal?.scope).toEqual({ kind: 'grants', regionIds: ['east'], centerIds: [] });
    // Read-only: its boards, and the at-risk list a breach board shows.
    expect([...principal!.permissions]).toEqual(['dashboard:read', 'sla:read']);
    // Only a digest is kept, so pairing mints a new token, and the one shown at creation is retired.
    expect(asBearer(created.token)).toBeNull();
    expect(displays.list()[0]!.pairingExpiresAt).toBeNull();
  });

  it('keeps the token shown at creation working until a code is used', () => {
    const created = displays.create(creation('network'), context);
    expect(asBearer(created.token)?.scope).toEqual({ kind: 'all' });
  });

  it('accepts a code once', () => {
    const { pairing } = displays.create(creation('center:sh-01'), context);
    displays.pair(pairing.code);
    const second = thrown(() => displays.pair(pairing.code));
    expect([second.status, second.code]).toEqual([410, 'pairing_code_invalid']);
  });

  it('refuses an expired code, and accepts it until the moment it expires', () => {
    const first = displays.create(creation('center:sh-01'), context);
    const second = displays.create(creation('center:sh-02'), context);
    base.clock.advance(PAIRING_TTL_MS - 1);
    expect(displays.pair(first.pairing.code).display.scope).toBe('center:sh-01');
    base.clock.advance(1);
    const expired = thrown(() => displays.pair(second.pairing.code));
    expect([expired.status, expired.code]).toEqual([410, 'pairing_code_expired']);
  });

  it('refuses a code that was never issued', () => {
    expect(thrown(() => displays.pair('ABCDEFGH')).code).toBe('pairing_code_invalid');
  });

  it('revokes: the token resolves to nothing, its code is void, its sockets are ended, and revocation is final', () => {
    const created = displays.create(creation('network'), context);
    const revoked = displays.revoke(created.display.id, context);
    expect(revoked.revokedAt).toBe(new Date(base.clock.now()).toISOString());
    expect(revoked.pairingExpiresAt).toBeNull();
    expect(asBearer(created.token)).toBeNull();
    expect(thrown(() => displays.pair(created.pairing.code)).code).toBe('pairing_code_invalid');
    expect(ended).toEqual([[created.display.id, { code: 'display_revoked', message: expect.any(String) }]]);
    expect(thrown(() => displays.revoke(created.display.id, context)).status).toBe(409);
    expect(thrown(() => displays.issuePairing(created.display.id, context)).status).toBe(409);
    expect(thrown(() => displays.revoke('no-such-display', context)).status).toBe(404);
  });

  it('re-pairs: the screen in use keeps working until the new code is used, then is ended and its token refused', () => {
    const created = displays.create(creation('network'), context);
    const first = displays.pair(created.pairing.code);
    const { pairing } = displays.issuePairing(created.display.id, context);
    expect(asBearer(first.token)).not.toBeNull();

    const second = displays.pair(pairing.code);
    expect(asBearer(first.token)).toBeNull();
    expect(asBearer(second.token)?.id).toBe(created.display.id);
    expect(ended.at(-1)).toEqual([created.display.id, { code: 'display_repaired', message: expect.any(String) }]);
  });

  it('records the last time a screen was seen, at most once a minute', () => {
    const { token, display } = displays.create(creation('network'), context);
    const lastSeen = () => displays.list().find((row) => row.id === display.id)!.lastSeenAt;
    expect(lastSeen()).toBeNull();
    asBearer(token);
    const first = new Date(base.clock.now()).toISOString();
    expect(lastSeen()).toBe(first);
    base.clock.advance(59_999);
    asBearer(token);
    expect(lastSeen()).toBe(first);
    base.clock.advance(1);
    asBearer(token);
    expect(lastSeen()).toBe(new Date(base.clock.now()).toISOString());
  });

  it('refuses a scope that names nothing in the organisation tree, by path', () => {
    for (const scope of ['region:north', 'center:bj-01']) {
      const error = thrown(() => displays.create(creation(scope), context));
      expect([error.status, error.issues]).toEqual([400, [{ path: 'scope', message: `unknown ${scope.replace(':', " '")}'` }]]);
    }
    expect(displays.list()).toEqual([]);
  });

  it('audits creation, re-pairing and revocation without any token, code or digest', () => {
    const created = displays.create(creation('region:sh'), context);
    displays.issuePairing(created.display.id, context);
    const paired = displays.pair(displays.issuePairing(created.display.id, context).pairing.code);
    displays.revoke(created.display.id, context);
    expect(audits.map((entry) => [entry.action, entry.target, entry.requestId])).toEqual([
      ['display.create', `display:${created.display.id}`, 'req-1'],
      ['display.pairing_issued', `display:${created.display.id}`, 'req-1'],
      ['display.pairing_issued', `display:${created.display.id}`, 'req-1'],
      ['display.revoke', `display:${created.display.id}`, 'req-1'],
    ]);
    expect(audits[3]!.before).toMatchObject({ revokedAt: null });
    expect(audits[3]!.after).toMatchObject({ revokedAt: expect.any(String) });
    const written = JSON.stringify(audits.map(({ before, after }) => ({ before, after })));
    for (const secret of [created.token, paired.token, created.pairing.code]) {
      expect(written).not.toContain(secret);
      expect(written).not.toContain(secretDigest(secret));
    }
  });

  it('answers null for credentials that are not a display token', () => {
    displays.create(creation('network'), context);
    expect(resolve({ bearer: null, cookies: {} })).toBeNull();
    expect(asBearer('dsp_not-a-real-token')).toBeNull();
    expect(asBearer('ing_something-else')).toBeNull();
  });

  it('maps each stored scope to what the display may see', () => {
    expect(accessScopeOf('network')).toEqual({ kind: 'all' });
    expect(accessScopeOf('region:east')).toEqual({ kind: 'grants', regionIds: ['east'], centerIds: [] });
    expect(accessScopeOf('center:sh-01')).toEqual({ kind: 'grants', regionIds: [], centerIds: ['sh-01'] });
    expect(accessScopeOf('everything')).toBeNull();
  });
});
