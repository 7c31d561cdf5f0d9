import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Scope, type Subscription, subscriptionRoom } from '../../shared/live/socketContract';
import { postEvents } from '../../test/support/api';
import { loadSmallNetwork, todaysFlowEvents } from '../../test/support/smallNetwork';
import { type TestServer, VIEW_TOKEN, startTestServer } from '../../test/support/testServer';
import { useLiveDashboardStore } from './liveDashboard';

/** 10:30 in Shanghai: the flow events fall in one hour and one local day in both zones. */
const NOW = Date.parse('2026-11-23T10:30:00+08:00');
const WAIT = { timeout: 10_000, interval: 20 };
const NETWORK: Subscription = { scope: { kind: 'network' }, view: 'today' };
const EAST: Subscription = { scope: { kind: 'region', id: 'east' }, view: 'today' };
const WEST: Subscription = { scope: { kind: 'region', id: 'west' }, view: 'today' };
const SH_01: Subscription = { scope: { kind: 'center', id: 'sh-01' }, view: 'today' };

type LiveStore = ReturnType<typeof useLiveDashboardStore>;

function figures(live: LiveStore, subscription: Subscription) {
  const values = live.viewOf(subscription)?.values;
  return values ? [values.backlog_open, values.created_today, values.resolved_today] : null;
}

/** Counts the subscribes the server hears for a scope, on the real server socket of this page. */
function countSubscribes(server: TestServer, scope: Scope): { count: number } {
  const counter = { count: 0 };
  for (const socket of server.application.io.of('/').sockets.values()) {
    socket.onAny((event: string, request: { scope?: Scope }) => {
      if (event === 'dashboard:subscribe' && JSON.stringify(request.scope) === JSON.stringify(scope)) counter.count++;
    });
  }
  return counter;
}

describe('live dashboard store against a real server', () => {
  let server: TestServer;
  let live: LiveStore;

  beforeEach(async () => {
    server = await startTestServer({ pushIntervalMs: 50, clock: { now: () => NOW } });
    await loadSmallNetwork(server);
    // The store's socket speaks to the page's own origin, as it does when the server serves the page.
    Object.assign(globalThis, { location: new URL(`${server.url}/wall/network`) });
    setActivePinia(createPinia());
    live = useLiveDashboardStore();
  });
  afterEach(async () => {
    live?.disconnect();
    await server?.close();
  });

  it('keeps each of several subscriptions on its own snapshot and deltas', async () => {
    live.connect({ kind: 'display', token: VIEW_TOKEN });
    for (const subscription of [EAST, WEST, SH_01]) live.hold(subscription);
    await expect.poll(() => [EAST, WEST, SH_01].map((subscription) => figures(live, subscription)), WAIT).toEqual([[0, 0, 0], [0, 0, 0], [0, 0, 0]]);
    await expect.poll(() => live.boardScope, WAIT).toEqual(NETWORK.scope);

    expect((await postEvents(server, todaysFlowEvents(NOW))).status).toBe(200);

    // T-1 opens at sh-01 (east); T-2 opens and resolves at urc-01 (west).
    await expect.poll(() => figures(live, EAST), WAIT).toEqual([1, 1, 0]);
    await expect.poll(() => figures(live, WEST), WAIT).toEqual([0, 1, 1]);
    await expect.poll(() => figures(live, SH_01), WAIT).toEqual([1, 1, 0]);
    await expect.poll(() => live.values && [live.values.backlog_open, live.values.created_today, live.values.resolved_today], WAIT).toEqual([1, 2, 1]);
    expect(live.viewOf(EAST)!.seq).toBeGreaterThan(0);
  });

  it('takes a fresh snapshot of only the subscription whose delta sequence has a gap', async () => {
    live.connect({ kind: 'display', token: VIEW_TOKEN });
    live.hold(EAST);
    live.hold(WEST);
    await expect.poll(() => [figures(live, EAST), figures(live, WEST)], WAIT).toEqual([[0, 0, 0], [0, 0, 0]]);
    const eastSubscribes = countSubscribes(server, EAST.scope);
    const westSubscribes = countSubscribes(server, WEST.scope);
    const seq = live.viewOf(EAST)!.seq;

    // A delta two ahead of the view, as if the one between had been dropped on a slow link.
    server.application.io.to(subscriptionRoom(EAST)).emit('dashboard:delta', { ...EAST, seq: seq + 2, at: NOW, values: { backlog_open: 999 }, trend: [], trendFrom: NOW });

    await expect.poll(() => eastSubscribes.count, WAIT).toBe(1);
    expect(figures(live, EAST)).toEqual([0, 0, 0]);
    expect(westSubscribes.count).toBe(0);
  });

  it('drops a subscription and its view when its last holder lets go', async () => {
    live.connect({ kind: 'display', token: VIEW_TOKEN });
    const releaseFirst = live.hold(SH_01);
    const releaseSecond = live.hold(SH_01);
    await expect.poll(() => figures(live, SH_01), WAIT).toEqual([0, 0, 0]);

    releaseFirst();
    expect(figures(live, SH_01)).toEqual([0, 0, 0]);
    releaseSecond();
    expect(live.viewOf(SH_01)).toBeNull();
    await expect
      .poll(() => [...server.application.io.of('/').adapter.rooms.keys()].some((room) => room === subscriptionRoom(SH_01)), WAIT)
      .toBe(false);
  });
});
