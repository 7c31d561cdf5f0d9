import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANAGER_BEARER, type TokenTestApp, request, startTokenTestApp } from '../../test/support/tokenTestApp';

describe('display token API', () => {
  let app: TokenTestApp;
  beforeAll(async () => {
    app = await startTokenTestApp();
  });
  afterAll(() => app.closeApp());

  const create = (body: unknown) => request(app, 'POST', '/displays', { body });

  it('creates a display, shows its token once, and pairs a screen by the code without signing in', async () => {
    const created = await create({ name: '浦东大厅', scope: 'center:sh-01', board: 'network' });
    expect(created.status).toBe(201);
    expect(created.json.token).toMatch(/^dsp_[A-Za-z0-9_-]{43}$/);
    const { code, path } = created.json.pairing;
    expect(path).toBe(`/pair/${code}`);

    const listed = await request(app, 'GET', '/displays');
    expect(listed.json.displays).toEqual([created.json.display]);
    expect(listed.text).not.toContain(created.json.token);
    expect(listed.text).not.toContain(code);

    // Typed by hand on a TV: lower case and a dash in the middle are fine.
    const typed = `${code.slice(0, 4).toLowerCase()}-${code.slice(4)}`;
    const paired = await request(app, 'POST', '/displays/pair', { body: { code: typed }, bearer: null });
    expect(paired.status).toBe(200);
    expect(paired.json.display).toEqual({ id: created.json.display.id, name: '浦东大厅', scope: 'center:sh-01', board: 'network' });

    const socket = await app.connect(paired.json.token);
    socket.disconnect();
    await expect(app.connect(created.json.token)).rejects.toThrow('unauthorized');

    const again = await request(app, 'POST', '/displays/pair', { body: { code }, bearer: null });
    expect([again.status, again.json.error.code]).toEqual([410, 'pairing_code_invalid']);
  });

  it('revoking a display tells its live socket why, then disconnects it for good', async () => {
    const created = await create({ name: '华东墙', scope: 'region:east', board: 'breach' });
    const screen = await app.connect(created.json.token);
    const bystander = await app.connect((await create({ name: '西南墙', scope: 'region:west', board: 'network' })).json.token);
    const heard: string[] = [];
    screen.on('session:revoked', (reason) => heard.push(`revoked:${reason.code}`));
    const disconnected = new Promise<string>((resolve) => screen.on('disconnect', (reason) => resolve(reason)));

    const revoked = await request(app, 'POST', `/displays/${created.json.display.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.json.display.revokedAt).toEqual(expect.any(String));
    heard.push(`disconnect:${await disconnected}`);
    expect(heard).toEqual(['revoked:display_revoked', 'disconnect:io server disconnect']);
    expect(bystander.connected).toBe(true);
    bystander.disconnect();
    await expect(app.connect(created.json.token)).rejects.toThrow('unauthorized');
  });

  it('re-pairs a display with a fresh code', async () => {
    const created = await create({ name: '松江', scope: 'center:sh-02', board: 'network' });
    const issued = await request(app, 'POST', `/displays/${created.json.display.id}/pairing`);
    expect(issued.status).toBe(200);
    expect(issued.json.pairing.code).not.toBe(created.json.pairing.code);
    expect(issued.json.display.pairingExpiresAt).toBe(issued.json.pairing.expiresAt);
    expect((await request(app, 'POST', '/displays/pair', { body: { code: created.json.pairing.code }, bearer: null })).status).toBe(410);
    expect((await request(app, 'POST', '/displays/pair', { body: { code: issued.json.pairing.code }, bearer: null })).status).toBe(200);
  });

  it('audits each admin action under the admin who did it and the request id, never with a secret', async () => {
    app.audits.length = 0;
    const created = await create({ name: '审计', scope: 'network', board: 'network' });
    await request(app, 'POST', `/displays/${created.json.display.id}/revoke`);
    expect(app.audits.map((entry) => [entry.actor.name, entry.action])).toEqual([
      ['root', 'display.create'],
      ['root', 'display.revoke'],
    ]);
    expect(app.audits[0]!.requestId).toBe(created.headers.get('x-request-id'));
    expect(JSON.stringify(app.audits.map(({ before, after }) => [before, after]))).not.toContain(created.json.token);
  });

  it.each([
    { body: { name: 'x', scope: 'planet:mars', board: 'network' }, path: 'scope', message: /network, region:<id> or center:<id>/ },
    { body: { name: 'x', scope: 'region:north', board: 'network' }, path: 'scope', message: /unknown region 'north'/ },
    { body: { name: 'x', scope: 'center:bj-01', board: 'network' }, path: 'scope', message: /unknown center 'bj-01'/ },
    { body: { name: 'x', scope: 'network', board: '   ' }, path: 'board', message: /must not be empty/ },
    { body: { name: 'x', scope: 'network', board: 'wall' }, path: 'board', message: /board one of network, region, center, breach/ },
    { body: { name: 'x', scope: 'network', board: 'network:30,breach:2' }, path: 'board', message: /seconds must be 5 to 3600/ },
    { body: { name: 'x', scope: 'network', board: 'region@north:20' }, path: 'board', message: /stop 1: unknown region 'north'/ },
    { body: { name: 'x', scope: 'network', board: 'breach', thresholds: 'breached_open:one:5' }, path: 'thresholds', message: /metric:warning:alert/ },
    { body: { name: '', scope: 'network', board: 'network' }, path: 'name', message: /must not be empty/ },
    { body: { name: 'x', scope: 'network', board: 'network', token: 'mine' }, path: '', message: /token/ },
  ])('refuses a display whose $path is wrong, with its path and reason', async ({ body, path, message }) => {
    const response = await create(body);
    expect(response.status).toBe(400);
    expect(response.json.error.issues).toEqual([{ path, message: expect.stringMatching(message) }]);
  });

  it('renames, re-scopes and changes the board and thresholds of a display, telling a connected screen at once', async () => {
    const created = await create({ name: '大厅', scope: 'network', board: 'network' });
    const screen = await app.connect(created.json.token);
    const profiles: unknown[] = [];
    screen.on('display:profile', (profile) => profiles.push(profile));
    const change = { name: '华东大厅', scope: 'region:east', board: 'region:30,breach:20', thresholds: 'breached_open:1:5' };
    const changed = await request(app, 'PATCH', `/displays/${created.json.display.id}`, { body: change });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.json.display).toMatchObject(change);
    await expect.poll(() => profiles).toContainEqual(change);
    expect(app.audits.at(-1)).toMatchObject({ action: 'display.update', before: { name: '大厅' }, after: { name: '华东大厅', scope: 'region:east' } });
    const unknown = await request(app, 'PATCH', `/displays/${created.json.display.id}`, { body: { board: 'slideshow' } });
    expect([unknown.status, unknown.json.error.issues[0].path]).toEqual([400, 'board']);
    expect((await request(app, 'PATCH', `/displays/${created.json.display.id}`, { body: {} })).status).toBe(400);
    screen.close();
  });

  it('refuses a malformed pairing code by path, and unknown ids with 404', async () => {
    const malformed = await request(app, 'POST', '/displays/pair', { body: { code: 'OIL01' }, bearer: null });
    expect([malformed.status, malformed.json.error.issues[0].path]).toEqual([400, 'code']);
    expect((await request(app, 'POST', '/displays/no-such/revoke')).status).toBe(404);
    expect((await request(app, 'POST', '/displays/no-such/pairing')).status).toBe(404);
  });

  it('is for admins only, apart from pairing', async () => {
    expect((await request(app, 'GET', '/displays', { bearer: null })).status).toBe(401);
    expect((await request(app, 'GET', '/displays', { bearer: MANAGER_BEARER })).status).toBe(403);
    const created = await create({ name: '屏', scope: 'network', board: 'network' });
    expect((await request(app, 'POST', '/displays', { bearer: created.json.token, body: { name: 'y', scope: 'network', board: 'network' } })).status).toBe(403);
    expect((await request(app, 'POST', `/displays/${created.json.display.id}/revoke`, { bearer: created.json.token })).status).toBe(403);
  });

  it('limits pairing attempts per address, answering 429 with Retry-After', async () => {
    app.advanceRateClock(60_000);
    const attempt = () => request(app, 'POST', '/displays/pair', { body: { code: 'ABCDEFGH' }, bearer: null });
    for (let i = 0; i < 10; i++) expect((await attempt()).status).toBe(410);
    const limited = await attempt();
    expect([limited.status, limited.json.error.code, limited.headers.get('retry-after')]).toEqual([429, 'rate_limited', '6']);
    app.advanceRateClock(6_000);
    expect((await attempt()).status).toBe(410);
  });
});
