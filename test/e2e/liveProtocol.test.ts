import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { DashboardDelta, DashboardHeartbeat, DashboardSnapshot, Scope, Subscription } from '../../shared/live/socketContract';
import { postEvents } from '../support/api';
import { headline, latestValues } from '../support/liveFeed';
import { createdEvent, loadSmallNetwork } from '../support/smallNetwork';
import { type DashboardSocket, type TestServer, VIEW_TOKEN, connectDashboard, startTestServer } from '../support/testServer';

const MINUTE = 60_000;
const NETWORK: Scope = { kind: 'network' };
const EAST: Scope = { kind: 'region', id: 'east' };
const URUMQI: Scope = { kind: 'center', id: 'urc-01' };
const iso = (at: number) => new Date(at).toISOString();

let server: TestServer;
const sockets: DashboardSocket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await server.close();
});

async function open(): Promise<DashboardSocket> {
  sockets.push(await connectDashboard(server));
  return sockets.at(-1)!;
}

async function subscribe(socket: DashboardSocket, subscription: { scope: Scope; view?: Subscription['view'] }): Promise<DashboardSnapshot> {
  const ack = await socket.emitWithAck('dashboard:subscribe', subscription);
  if (!ack.ok) throw new Error(`${ack.error.code}: ${ack.error.message}`);
  return ack.data;
}

function deltasOf(socket: DashboardSocket): DashboardDelta[] {
  const received: DashboardDelta[] = [];
  socket.on('dashboard:delta', (delta) => received.push(delta));
  return received;
}

/** Tickets spread over every center, each event its own new ticket. */
function burst(count: number, prefix: string): ReturnType<typeof createdEvent>[] {
  const centers = ['sh-01', 'sh-02', 'urc-01'];
  return Array.from({ length: count }, (_, i) => createdEvent(`${prefix}-${i}`, iso(Date.now() - 10 * MINUTE), { centerId: centers[i % 3]!, customerId: 'c-002' }));
}

/** Resolves once every one of `rooms` subscribed rooms has had a heartbeat: a push round that had no delta to send. */
function quietRound(socket: DashboardSocket, rooms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const heard = new Set<string>();
    const listener = (beat: DashboardHeartbeat) => {
      heard.add(JSON.stringify(beat.scope));
      if (heard.size < rooms) return;
      socket.off('dashboard:heartbeat', listener);
      resolve();
    };
    socket.on('dashboard:heartbeat', listener);
  });
}

describe('the live protocol', () => {
  it('coalesces a burst of 1,000 events into one delta per room within a push interval', async () => {
    // Long enough that posting the burst surely fits between two pushes on a machine busy with other work.
    server = await startTestServer({ pushIntervalMs: 5_000 });
    await loadSmallNetwork(server);
    const socket = await open();
    const rooms = [NETWORK, EAST, URUMQI];
    const snapshots = await Promise.all(rooms.map((scope) => subscribe(socket, { scope })));
    const deltas = deltasOf(socket);
    // Heartbeats of all three rooms mark the end of a push round with nothing to say: the burst goes in right after one.
    await quietRound(socket, rooms.length);
    const events = burst(1_000, 'B');
    for (let start = 0; start < events.length; start += 250) expect((await postEvents(server, events.slice(start, start + 250))).json.accepted).toBe(250);
    await expect.poll(() => deltas.length).toBe(3);
    // A whole round more passes with nothing further to say.
    await quietRound(socket, rooms.length);
    expect(deltas.map((delta) => delta.scope)).toEqual(expect.arrayContaining(rooms));
    expect(deltas).toHaveLength(3);
    const byRoom = (scope: Scope) => deltas.find((delta) => JSON.stringify(delta.scope) === JSON.stringify(scope))!;
    expect(byRoom(NETWORK).values.backlog_open).toBe(snapshots[0]!.values.backlog_open! + 1_000);
    expect(byRoom(EAST).values.backlog_open).toBe(667);
    expect(byRoom(URUMQI).values.backlog_open).toBe(333);
    for (const delta of deltas) expect(delta.seq).toBe(snapshots[rooms.findIndex((scope) => JSON.stringify(scope) === JSON.stringify(delta.scope))]!.seq + 1);
  });

  it('shows a client that missed a delta the gap, and a fresh subscribe brings it level', async () => {
    server = await startTestServer({ pushIntervalMs: 50 });
    await loadSmallNetwork(server);
    const socket = await open();
    const first = await subscribe(socket, { scope: NETWORK });
    const deltas = deltasOf(socket);
    await postEvents(server, burst(3, 'G1'));
    await expect.poll(() => deltas.length).toBeGreaterThan(0);
    await postEvents(server, burst(3, 'G2'));
    await expect.poll(() => headline(latestValues(first, deltas)).open).toBe(6);
    // Pretend the first delta never arrived: the next one's seq is two past what the client holds.
    const kept = deltas.slice(1);
    expect(kept[0]!.seq).toBeGreaterThan(first.seq + 1);
    const resync = await subscribe(socket, { scope: NETWORK });
    expect(resync.seq).toBe(deltas.at(-1)!.seq);
    expect(resync.values).toEqual(latestValues(first, deltas));
    const beat = await new Promise<DashboardHeartbeat>((resolve) => socket.once('dashboard:heartbeat', resolve));
    expect(beat.seq).toBe(resync.seq);
  });

  it('keeps each subscription to its own scope and view, with its own sequence', async () => {
    server = await startTestServer({ pushIntervalMs: 50 });
    await loadSmallNetwork(server);
    const east = await open();
    const west = await open();
    const eastDeltas = deltasOf(east);
    const westDeltas = deltasOf(west);
    await subscribe(east, { scope: EAST, view: '24h' });
    await subscribe(west, { scope: URUMQI });
    await postEvents(server, [createdEvent('W-1', iso(Date.now() - MINUTE), { centerId: 'urc-01' })]);
    await expect.poll(() => westDeltas.length).toBe(1);
    await postEvents(server, [createdEvent('E-1', iso(Date.now() - MINUTE), { centerId: 'sh-02' })]);
    await expect.poll(() => eastDeltas.length).toBe(1);
    expect(eastDeltas[0]).toMatchObject({ scope: EAST, view: '24h', seq: 1, values: { backlog_open: 1 } });
    expect(westDeltas.map((delta) => delta.scope)).toEqual([URUMQI]);
  });

  it('resumes after a dropped connection with its rooms recovered, or else with a fresh snapshot', async () => {
    server = await startTestServer({ pushIntervalMs: 50 });
    await loadSmallNetwork(server);
    const socket: DashboardSocket = io(server.url, { auth: { token: VIEW_TOKEN }, transports: ['websocket'] });
    sockets.push(socket);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const snapshot = await subscribe(socket, { scope: NETWORK });
    const deltas = deltasOf(socket);
    // Recovery resumes from the offset of the last broadcast received; a heartbeat is one.
    await new Promise<void>((resolve) => socket.once('dashboard:heartbeat', () => resolve()));
    // Drop the transport under the socket, as a flaky network would; the client reconnects by itself.
    socket.io.engine.close();
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    expect(socket.recovered).toBe(true);
    await postEvents(server, burst(2, 'R'));
    await expect.poll(() => headline(latestValues(snapshot, deltas)).open).toBe(2);
    expect(deltas[0]!.seq).toBe(snapshot.seq + 1);
  });
});
