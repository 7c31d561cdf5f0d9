import type { Browser } from 'playwright-core';
import { io } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DashboardDelta, DashboardSnapshot, Scope } from '../../shared/live/socketContract';
import { headline, latestValues } from '../support/liveFeed';
import type { SlaFiring } from '../../shared/sla/slaFiring';
import { postEvents } from '../support/api';
import { UI, collectPageErrors, launchBrowser, newWallContext, textOf } from '../support/browser';
import { createdEvent, loadSmallNetwork, todaysFlowEvents } from '../support/smallNetwork';
import { type DashboardSocket, type Session, type TestServer, call, connectDashboard, signInAs, startTestServer } from '../support/testServer';

/** 10:30 in Shanghai, 08:30 in Urumqi: every event below falls in one hour and one local day in both zones. */
const NOW = Date.parse('2026-11-23T10:30:00+08:00');
const MINUTE = 60_000;
const iso = (epochMs: number) => new Date(epochMs).toISOString();

const EAST: Scope = { kind: 'region', id: 'east' };
const NETWORK: Scope = { kind: 'network' };

/** A ticket at a west center, created and then resolved a few minutes ago. */
const westFlow = (id: string) => [
  createdEvent(id, iso(NOW - 5 * MINUTE), { centerId: 'urc-01', customerId: 'c-003' }),
  { id: `${id}-resolved`, type: 'ticket.resolved', at: iso(NOW - MINUTE), ticketId: id, data: {} },
];
/** c-001's 7x24x4 contract answers within 30 minutes, so a ticket created 40 minutes ago is breached as it arrives. */
const overdueAt = (id: string, centerId: string) => createdEvent(id, iso(NOW - 40 * MINUTE), { centerId });

async function connectWithSession(server: TestServer, session: Session): Promise<DashboardSocket> {
  const socket: DashboardSocket = io(server.url, { extraHeaders: { cookie: session.cookie }, transports: ['websocket'], reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

async function snapshotOf(socket: DashboardSocket, scope: Scope): Promise<DashboardSnapshot> {
  const ack = await socket.emitWithAck('dashboard:subscribe', { scope });
  if (!ack.ok) throw new Error(`subscribing to ${JSON.stringify(scope)}: ${ack.error.code} ${ack.error.message}`);
  return ack.data;
}

function collect<T>(socket: DashboardSocket, event: 'dashboard:delta' | 'sla:fired'): T[] {
  const received: T[] = [];
  socket.on(event, (payload: unknown) => received.push(payload as T));
  return received;
}

describe('scoped live dashboards', () => {
  let server: TestServer;
  let supervisorEast: Session;
  const sockets: DashboardSocket[] = [];

  beforeEach(async () => {
    server = await startTestServer({ pushIntervalMs: 50, clock: { now: () => NOW } });
    await loadSmallNetwork(server);
    supervisorEast = await signInAs(server, { username: 'sup.east', role: 'supervisor', grants: [EAST] });
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await server.close();
  });

  async function track(socket: Promise<DashboardSocket>): Promise<DashboardSocket> {
    sockets.push(await socket);
    return sockets.at(-1)!;
  }

  it("gives a region supervisor their region's counters, counting only its centers' tickets", async () => {
    await postEvents(server, [createdEvent('E-1', iso(NOW - 10 * MINUTE)), createdEvent('E-2', iso(NOW - 9 * MINUTE), { centerId: 'sh-02' }), ...westFlow('W-1')]);
    const supervisor = await track(connectWithSession(server, supervisorEast));

    expect(await supervisor.emitWithAck('dashboard:defaultScope')).toEqual({ ok: true, data: { scope: EAST } });
    const east = await snapshotOf(supervisor, EAST);
    expect(east).toMatchObject({ scope: EAST, view: 'today', seq: 0 });
    expect(headline(east.values)).toEqual({ open: 2, createdToday: 2, resolvedToday: 0 });
    expect(east.trend.reduce((sum, bucket) => sum + bucket.created, 0)).toBe(2);
    const city = await snapshotOf(supervisor, { kind: 'region', id: 'sh' });
    expect(headline(city.values)).toEqual({ open: 2, createdToday: 2, resolvedToday: 0 });

    const network = await snapshotOf(await track(connectDashboard(server)), NETWORK);
    expect(headline(network.values)).toEqual({ open: 2, createdToday: 3, resolvedToday: 1 });
  });

  it('pushes a west event to the network room but not to the east room', async () => {
    const supervisor = await track(connectWithSession(server, supervisorEast));
    const wall = await track(connectDashboard(server));
    const eastSnapshot = await snapshotOf(supervisor, EAST);
    const networkSnapshot = await snapshotOf(wall, NETWORK);
    const eastDeltas = collect<DashboardDelta>(supervisor, 'dashboard:delta');
    const networkDeltas = collect<DashboardDelta>(wall, 'dashboard:delta');

    await postEvents(server, westFlow('W-1'));
    await expect.poll(() => headline(latestValues(networkSnapshot, networkDeltas))).toEqual({ open: 0, createdToday: 1, resolvedToday: 1 });
    expect(networkDeltas.every((delta) => delta.scope.kind === 'network')).toBe(true);

    // An east event next: the east room's first delta must be that one, with the next seq, so the west one never reached it.
    await postEvents(server, [createdEvent('E-1', iso(NOW - MINUTE))]);
    await expect.poll(() => eastDeltas.length).toBeGreaterThan(0);
    expect(eastDeltas[0]).toMatchObject({ scope: EAST, seq: eastSnapshot.seq + 1 });
    expect(headline(latestValues(eastSnapshot, eastDeltas.slice(0, 1)))).toEqual({ open: 1, createdToday: 1, resolvedToday: 0 });
  });

  it('refuses a supervisor any scope outside their grant, and names what is wrong with a bad one', async () => {
    const supervisor = await track(connectWithSession(server, supervisorEast));
    expect(await supervisor.emitWithAck('dashboard:subscribe', { scope: { kind: 'region', id: 'west' } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await supervisor.emitWithAck('dashboard:subscribe', { scope: { kind: 'center', id: 'urc-01' } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await supervisor.emitWithAck('dashboard:subscribe', { scope: NETWORK })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await supervisor.emitWithAck('dashboard:subscribe', { scope: { kind: 'region', id: 'nowhere' } })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const malformed = { scope: { kind: 'region', id: 'has space' } } as unknown as { scope: Scope };
    expect(await supervisor.emitWithAck('dashboard:subscribe', malformed)).toMatchObject({ ok: false, error: { code: 'invalid_request', issues: [{ path: 'scope.id' }] } });

    const wall = await track(connectDashboard(server));
    expect(await wall.emitWithAck('dashboard:subscribe', { scope: { kind: 'center', id: 'nowhere' } })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await wall.emitWithAck('dashboard:defaultScope')).toEqual({ ok: true, data: { scope: NETWORK } });
  });

  it("gives a center display token its center's counters, as its default board", async () => {
    const created = await call(server, 'POST', '/api/v1/displays', { name: '浦东大屏', scope: 'center:sh-01', board: 'network' });
    expect(created.status, created.text).toBe(201);
    await postEvents(server, [createdEvent('E-1', iso(NOW - 10 * MINUTE)), createdEvent('E-2', iso(NOW - 9 * MINUTE), { centerId: 'sh-02' })]);

    const screen = await track(connectDashboard(server, created.json.token as string));
    const answer = await screen.emitWithAck('dashboard:defaultScope');
    expect(answer).toEqual({ ok: true, data: { scope: { kind: 'center', id: 'sh-01' } } });
    const snapshot = await snapshotOf(screen, { kind: 'center', id: 'sh-01' });
    expect(headline(snapshot.values)).toEqual({ open: 1, createdToday: 1, resolvedToday: 0 });
    expect((await screen.emitWithAck('dashboard:subscribe', { scope: EAST })).ok).toBe(false);
  });

  it("sends sla:fired to the ticket's center room and not to another center's", async () => {
    const pudong = await track(connectDashboard(server));
    const songjiang = await track(connectDashboard(server));
    await snapshotOf(pudong, { kind: 'center', id: 'sh-01' });
    await snapshotOf(songjiang, { kind: 'center', id: 'sh-02' });
    const atPudong = collect<SlaFiring[]>(pudong, 'sla:fired');
    const atSongjiang = collect<SlaFiring[]>(songjiang, 'sla:fired');

    await postEvents(server, [overdueAt('T-PD', 'sh-01')]);
    await expect.poll(() => atPudong.flat().some((firing) => firing.kind === 'sla.breached')).toBe(true);
    // Then one at sh-02: once it has arrived, anything sent to that socket before it has arrived too.
    await postEvents(server, [overdueAt('T-SJ', 'sh-02')]);
    await expect.poll(() => atSongjiang.flat().some((firing) => firing.kind === 'sla.breached')).toBe(true);

    expect(new Set(atPudong.flat().map((firing) => firing.ticketId))).toEqual(new Set(['T-PD']));
    expect(new Set(atSongjiang.flat().map((firing) => firing.ticketId))).toEqual(new Set(['T-SJ']));
  });

  it('lets one socket hold several scopes, hear each firing once, and leave a scope', async () => {
    const wall = await track(connectDashboard(server));
    await snapshotOf(wall, NETWORK);
    await snapshotOf(wall, EAST);
    await snapshotOf(wall, { kind: 'center', id: 'sh-01' });
    const fired = collect<SlaFiring[]>(wall, 'sla:fired');
    const deltas = collect<DashboardDelta>(wall, 'dashboard:delta');

    await postEvents(server, [overdueAt('T-PD', 'sh-01')]);
    await expect.poll(() => deltas.filter((delta) => delta.scope.kind === 'center').length).toBe(1);
    await expect.poll(() => new Set(deltas.map((delta) => JSON.stringify(delta.scope))).size).toBe(3);
    const breaches = fired.flat().filter((firing) => firing.kind === 'sla.breached');
    expect(breaches).toHaveLength(1);

    const networkSeq = Math.max(...deltas.filter((delta) => delta.scope.kind === 'network').map((delta) => delta.seq));
    expect(await wall.emitWithAck('dashboard:unsubscribe', { scope: NETWORK })).toEqual({ ok: true, data: { scope: NETWORK, view: 'today' } });
    deltas.length = 0;
    await postEvents(server, westFlow('W-1'));
    await postEvents(server, [createdEvent('E-1', iso(NOW - MINUTE), { centerId: 'sh-02' })]);
    await expect.poll(() => deltas.length).toBeGreaterThan(0);
    expect(deltas.map((delta) => delta.scope)).toEqual([EAST]);

    // The network room emptied and rests: subscribing again within the recovery window continues its sequence, brought up to date.
    const again = await snapshotOf(wall, NETWORK);
    expect(again.seq).toBeGreaterThanOrEqual(networkSeq);
    expect(headline(again.values)).toEqual({ open: 2, createdToday: 3, resolvedToday: 1 });
  });
});

describe('a center wall screen in a real browser', () => {
  let browser: Browser;
  let server: TestServer;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("shows its center's board, not a refusal, and counts only that center's tickets", async () => {
    server = await startTestServer({ serveClient: true, pushIntervalMs: 100, clock: { now: () => NOW } });
    await loadSmallNetwork(server);
    const created = await call(server, 'POST', '/api/v1/displays', { name: '浦东大屏', scope: 'center:sh-01', board: 'network' });
    expect(created.status, created.text).toBe(201);
    const context = await newWallContext(browser);
    const page = await context.newPage();
    const pageErrors = collectPageErrors(page);
    const counters = () => Promise.all(['counter-open', 'counter-created-today', 'counter-resolved-today'].map((testId) => textOf(page, testId)));

    await page.goto(`${server.url}/?token=${created.json.token as string}`);
    await expect.poll(counters, UI).toEqual(['0', '0', '0']);
    // One ticket at sh-01, and one created and resolved at the west center, which this screen does not count.
    await postEvents(server, todaysFlowEvents(NOW));
    await expect.poll(counters, UI).toEqual(['1', '1', '0']);
    expect(await page.getByTestId('feed-status').getAttribute('data-status')).toBe('live');
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
