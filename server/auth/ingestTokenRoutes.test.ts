import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createdEvent } from '../../test/support/smallNetwork';
import { ENV_INGEST_TOKEN, MANAGER_BEARER, type TokenTestApp, request, startTokenTestApp } from '../../test/support/tokenTestApp';

const AT = '2026-11-23T09:15:00+08:00';

describe('ingest token API and the ingest route it guards', () => {
  let app: TokenTestApp;
  beforeAll(async () => {
    app = await startTokenTestApp();
  });
  afterAll(() => app.closeApp());

  const createToken = (body: unknown) => request(app, 'POST', '/ingest-tokens', { body });
  const postEvents = (bearer: string, events: unknown[]) => request(app, 'POST', '/events', { bearer, body: { events } });

  it('creates a token shown once, and lists it without the token', async () => {
    const created = await createToken({ source: 'crm-list', eventTypes: ['ticket.created'] });
    expect(created.status).toBe(201);
    expect(created.json.ingestToken).toMatchObject({ source: 'crm-list', eventTypes: ['ticket.created'], centerIds: null, ratePerMinute: 600, createdBy: 'root' });
    const listed = await request(app, 'GET', '/ingest-tokens');
    expect(listed.json.ingestTokens).toContainEqual(created.json.ingestToken);
    expect(listed.text).not.toContain(created.json.token);
  });

  it('rejects events outside the grant one by one, at their batch index, and accepts the rest', async () => {
    const { json } = await createToken({ source: 'sh-crm', eventTypes: ['ticket.created', 'ticket.resolved'], centerIds: ['sh-01', 'sh-02'] });
    const events = [
      createdEvent('T-1', AT),
      createdEvent('T-2', AT, { centerId: 'urc-01' }),
      { id: 'T-1-assigned', type: 'ticket.assigned', at: AT, ticketId: 'T-1', data: { engineerId: 'e-001' } },
      { id: 'T-1-resolved', type: 'ticket.resolved', at: AT },
      { id: 'T-1-resolved', type: 'ticket.resolved', at: AT, ticketId: 'T-1', data: {} },
    ];
    const response = await postEvents(json.token, events);
    expect(response.status).toBe(200);
    expect(response.json.accepted).toBe(2);
    expect(response.json.rejected.map((r: { index: number; errors: { path: string }[] }) => [r.index, r.errors.map((e) => e.path)])).toEqual([
      [1, ['data.centerId']],
      [2, ['type']],
      [3, ['ticketId']],
    ]);
  });

  it('counts what each token sent in the last 24 h, accepted and rejected, with the latest reasons and when it was last used', async () => {
    const { json } = await createToken({ source: 'usage-crm', centerIds: ['sh-01'], ratePerMinute: 3 });
    expect((await request(app, 'GET', '/ingest-tokens')).json.ingestTokens.find((token: { id: string }) => token.id === json.ingestToken.id)).toMatchObject({
      lastUsedAt: null,
      usage: { accepted24h: 0, rejected24h: 0, latestRejections: [] },
    });
    await postEvents(json.token, [createdEvent('T-U1', AT), createdEvent('T-U2', AT, { centerId: 'urc-01' })]);
    expect((await postEvents(json.token, [createdEvent('T-U3', AT), createdEvent('T-U4', AT)])).status).toBe(429);
    const listed = (await request(app, 'GET', '/ingest-tokens')).json.ingestTokens.find((token: { id: string }) => token.id === json.ingestToken.id);
    expect(listed.lastUsedAt).toEqual(expect.any(String));
    expect(listed.usage).toMatchObject({ accepted24h: 1, rejected24h: 3 });
    expect(listed.usage.latestRejections.map((rejection: { eventId: string | null; reason: string }) => [rejection.eventId, rejection.reason])).toEqual([
      [null, expect.stringMatching(/3 events a minute/)],
      ['T-U2-created', expect.stringMatching(/^data\.centerId: /)],
    ]);
  });

  it('rotates: the old token is refused at once and the new one accepted', async () => {
    const { json } = await createToken({ source: 'erp-rotate' });
    expect((await postEvents(json.token, [createdEvent('T-R1', AT)])).status).toBe(200);
    const rotated = await request(app, 'POST', `/ingest-tokens/${json.ingestToken.id}/rotate`);
    expect(rotated.status).toBe(200);
    expect(rotated.json.token).not.toBe(json.token);
    expect((await postEvents(json.token, [createdEvent('T-R2', AT)])).status).toBe(401);
    expect((await postEvents(rotated.json.token, [createdEvent('T-R2', AT)])).json.accepted).toBe(1);

    const revoked = await request(app, 'POST', `/ingest-tokens/${json.ingestToken.id}/revoke`);
    expect(revoked.json.ingestToken.revokedAt).toEqual(expect.any(String));
    expect((await postEvents(rotated.json.token, [createdEvent('T-R3', AT)])).status).toBe(401);
  });

  it("holds each token to its events a minute with 429 and Retry-After, and refuses a batch over a minute's worth as too large", async () => {
    const { json } = await createToken({ source: 'slow', ratePerMinute: 6 });
    const batch = (from: number, count: number) => Array.from({ length: count }, (_, i) => createdEvent(`T-S${from + i}`, AT));
    expect((await postEvents(json.token, batch(0, 4))).json.accepted).toBe(4);
    const limited = await postEvents(json.token, batch(4, 3));
    expect([limited.status, limited.json.error.code, limited.headers.get('retry-after')]).toEqual([429, 'rate_limited', '10']);
    expect((await postEvents(json.token, batch(4, 2))).json.accepted).toBe(2);
    app.advanceRateClock(10_000);
    expect((await postEvents(json.token, batch(6, 1))).json.accepted).toBe(1);

    const tooLarge = await postEvents(json.token, batch(10, 7));
    expect([tooLarge.status, tooLarge.json.error.code, tooLarge.json.error.issues]).toEqual([413, 'batch_too_large', [{ path: 'events', message: 'must hold at most 6 events for this token' }]]);
    // Another token's allowance is its own.
    expect((await postEvents(ENV_INGEST_TOKEN, batch(20, 7))).json.accepted).toBe(7);
  });

  it.each([
    { body: { source: 'has space' }, path: 'source' },
    { body: { source: 'env' }, path: 'source' },
    { body: { source: 'x', eventTypes: ['ticket.exploded'] }, path: 'eventTypes.0' },
    { body: { source: 'x', eventTypes: [] }, path: 'eventTypes' },
    { body: { source: 'x', centerIds: ['nowhere'] }, path: 'centerIds.0' },
    { body: { source: 'x', ratePerMinute: 0 }, path: 'ratePerMinute' },
    { body: { source: 'x', ratePerMinute: '60' }, path: 'ratePerMinute' },
  ])('refuses a token whose $path is wrong, by path', async ({ body, path }) => {
    const response = await createToken(body);
    expect(response.status).toBe(400);
    expect(response.json.error.issues.map((issue: { path: string }) => issue.path)).toEqual([path]);
  });

  it('answers 404 for an unknown token and 409 for a taken source', async () => {
    expect((await request(app, 'POST', '/ingest-tokens/no-such/rotate')).status).toBe(404);
    await createToken({ source: 'twice' });
    expect((await createToken({ source: 'twice' })).status).toBe(409);
  });

  it('is for admins only; an ingest token cannot manage tokens', async () => {
    expect((await request(app, 'GET', '/ingest-tokens', { bearer: null })).status).toBe(401);
    expect((await request(app, 'GET', '/ingest-tokens', { bearer: MANAGER_BEARER })).status).toBe(403);
    expect((await request(app, 'POST', '/ingest-tokens', { bearer: ENV_INGEST_TOKEN, body: { source: 'sneaky' } })).status).toBe(403);
  });
});
