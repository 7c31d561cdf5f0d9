import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestTokenCreateSchema } from '../../shared/auth/tokenSchemas';
import { ENV_INGEST_RATE_PER_MINUTE, createIngestTokenService, envIngestResolver, ingestTokenResolver } from './ingestTokenService';
import type { AuditEntry } from '../audit/auditLog';
import type { CredentialResolver } from './principal';
import { secretDigest } from './tokenAdmin';
import { type TokenTestDb, adminContext as context, openTokenTestDb, thrown } from '../../test/support/tokenTestApp';

describe('ingest tokens', () => {
  let base: TokenTestDb;
  let audits: AuditEntry[];
  let tokens: ReturnType<typeof createIngestTokenService>;
  let resolve: CredentialResolver;
  const asBearer = (bearer: string) => resolve({ bearer, cookies: {} });
  const create = (body: unknown) => tokens.create(ingestTokenCreateSchema.parse(body), context);

  beforeEach(() => {
    base = openTokenTestDb();
    audits = [];
    tokens = createIngestTokenService({ db: base.db, clock: base.clock, org: base.core.org, audit: (entry) => audits.push(entry) });
    resolve = ingestTokenResolver(base.db);
  });
  afterEach(() => base.close());

  it('resolves a token to an ingest principal carrying its grant', () => {
    const issued = create({ source: 'crm', eventTypes: ['ticket.created', 'ticket.created', 'ticket.resolved'], centerIds: ['sh-01'], ratePerMinute: 120 });
    expect(issued.token).toMatch(/^ing_/);
    expect(asBearer(issued.token)).toEqual({
      kind: 'ingest',
      id: issued.ingestToken.id,
      name: 'crm',
      role: null,
      // Limited to a center, it may not write the organisation.
      permissions: new Set(['events:ingest']),
      scope: { kind: 'all' },
      ingest: { source: 'crm', eventTypes: ['ticket.created', 'ticket.resolved'], centerIds: ['sh-01'], ratePerMinute: 120 },
    });
  });

  it('grants every type and center, at 600 a minute, when the admin narrows nothing', () => {
    const issued = create({ source: 'erp' });
    expect(asBearer(issued.token)?.ingest).toEqual({ source: 'erp', eventTypes: null, centerIds: null, ratePerMinute: 600 });
    expect(asBearer(issued.token)?.permissions).toEqual(new Set(['events:ingest', 'reference:write']));
  });

  it('rotates: the old token stops working at once and the new one works, with the same grant', () => {
    const issued = create({ source: 'crm', centerIds: ['sh-02'] });
    base.clock.advance(1_000);
    const rotated = tokens.rotate(issued.ingestToken.id, context);
    expect(asBearer(issued.token)).toBeNull();
    expect(asBearer(rotated.token)?.ingest?.centerIds).toEqual(['sh-02']);
    expect(rotated.ingestToken.rotatedAt).toBe(new Date(base.clock.now()).toISOString());
  });

  it('revokes for good: the token resolves to nothing, and it can be neither rotated nor revoked again', () => {
    const issued = create({ source: 'crm' });
    tokens.revoke(issued.ingestToken.id, context);
    expect(asBearer(issued.token)).toBeNull();
    expect(thrown(() => tokens.rotate(issued.ingestToken.id, context)).status).toBe(409);
    expect(thrown(() => tokens.revoke(issued.ingestToken.id, context)).status).toBe(409);
    expect(thrown(() => tokens.rotate('no-such-token', context)).status).toBe(404);
    expect(thrown(() => create({ source: 'crm' })).code).toBe('source_taken');
  });

  it('refuses a second token for a source, and centers that do not exist, by path', () => {
    create({ source: 'crm' });
    const taken = thrown(() => create({ source: 'crm' }));
    expect([taken.status, taken.issues]).toEqual([409, [{ path: 'source', message: 'already has a token' }]]);
    const unknown = thrown(() => create({ source: 'wms', centerIds: ['sh-01', 'bj-01'] }));
    expect([unknown.status, unknown.issues]).toEqual([400, [{ path: 'centerIds.1', message: "unknown center 'bj-01'" }]]);
    expect(tokens.list().map((token) => token.source)).toEqual(['crm']);
  });

  it('lists and audits without any token or digest', () => {
    const issued = create({ source: 'crm' });
    const rotated = tokens.rotate(issued.ingestToken.id, context);
    tokens.revoke(issued.ingestToken.id, context);
    expect(audits.map((entry) => [entry.action, entry.target])).toEqual([
      ['ingest_token.create', `ingest-token:${issued.ingestToken.id}`],
      ['ingest_token.rotate', `ingest-token:${issued.ingestToken.id}`],
      ['ingest_token.revoke', `ingest-token:${issued.ingestToken.id}`],
    ]);
    const written = JSON.stringify([tokens.list(), audits.map(({ before, after }) => [before, after])]);
    for (const secret of [issued.token, rotated.token]) {
      expect(written).not.toContain(secret);
      expect(written).not.toContain(secretDigest(secret));
    }
  });

  it("takes the INGEST_TOKEN environment value as source 'env', for every type and center", () => {
    const env = envIngestResolver(['bootstrap-secret', '']);
    expect(env({ bearer: 'bootstrap-secret', cookies: {} })).toMatchObject({
      kind: 'ingest',
      id: 'env',
      name: 'env',
      ingest: { source: 'env', eventTypes: null, centerIds: null, ratePerMinute: ENV_INGEST_RATE_PER_MINUTE },
    });
    expect(env({ bearer: 'bootstrap-secreT', cookies: {} })).toBeNull();
    expect(env({ bearer: '', cookies: {} })).toBeNull();
    expect(env({ bearer: null, cookies: {} })).toBeNull();
    expect(envIngestResolver([])({ bearer: 'anything', cookies: {} })).toBeNull();
  });
});
