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
/** An engineer with no part in the bursts: nothing they hold moves. */
const BYSTANDER: Scope = { kind: 'engineer', id: 'e-003' };
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

const sameScope = (a: Scope, b: Scope) => JSON.stringify(a) === JSON.stringify(b);

/** Resolves once each of `rooms` has had a heartbeat: a push round that had no delta to send them. */
function quietRound(socket: DashboardSocket, rooms: readonly Scope[]): Promise<void> {
  return new Promise<void>((resolve) => {
    const heard = new Set<number>();
    const listener = (beat: DashboardHeartbeat) => {
      const index = rooms.findIndex((scope) => sameScope(scope, beat.scope));
      if (index >= 0) heard.add(index);
      if (heard.size < rooms.length) return;
      socket.off('dashboard:heartbeat', listener);
      resolve();
    };
    socket.on('dashboard:heartbeat', listener);
  });
}

/** Counts the push rounds as a room hears them: each round sends every room one message, a delta or a heartbeat. */
function roundsOf(socket: DashboardSocket, scope: Scope): { count: number } {
  const rounds = { count: 0 };
  const heard = (message: { scope: Scope }) => {
    if (sameScope(message.scope, scope)) rounds.count++;
  };
  socket.on('dashboard:heartbeat', heard);
  socket.on('dashboard:delta', heard);
  return rounds;
}

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, (index + 1) * size));
}

describe('the live protocol', () => {
  it('coalesces a burst of 1,000 events in 25 batches into at most one delta per room per push round', async () => {
    server = await startTestServer({ pushIntervalMs: 1_000 });
    await loadSmallNetwork(server);
    const socket = await open();
    const rooms = [NETWORK, EAST, URUMQI];
    const before = await Promise.all(rooms.map((scope) => subscribe(socket, { scope })));
    // Subscribed last, so each round ends with it: one heartbeat (or delta) a round, so it counts them.
    await subscribe(socket, { scope: BYSTANDER });
    const rounds = roundsOf(socket, BYSTANDER);
    await quietRound(socket, rooms);
    const roundsBefore = rounds.count;
    const batches = chunks(burst(1_000, 'B'), 40);
    const answers = await Promise.all(batches.map((batch) => postEvents(server, batch)));
    const roundsDuring = rounds.count - roundsBefore;
    expect(answers.map((answer) => answer.json.accepted)).toEqual(batches.map((batch) => batch.length));

    // A fresh subscribe answers the room's state, so a delta dropped on a busy socket (they are volatile) loses nothing here.
    const now = () => Promise.all(rooms.map((scope) => subscribe(socket, { scope })));
    let after: DashboardSnapshot[] = [];
    await expect
      .poll(async () => (after = await now()).map((snapshot) => snapshot.values.backlog_open))
      .toEqual([before[0]!.values.backlog_open! + 1_000, 667, 333]);
    const pushes = after.map((snapshot, index) => snapshot.seq - before[index]!.seq);
    // At most one delta a round, whatever number of batches fell into it: the round under way when the burst began,
    // those heard while it was posted, and the one that flushed the rest. A hub that sent each batch would make 25.
    for (const count of pushes) expect(count).toBeGreaterThan(0);
    for (const count of pushes) expect(count).toBeLessThanOrEqual(roundsDuring + 2);
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

  it("sends a round's deltas before its heartbeats: news does not wait behind the proofs of life of rooms that did not move", async () => {
    server = await startTestServer({ pushIntervalMs: 200 });
    await loadSmallNetwork(server);
    const socket = await open();
    // Subscribed first, so a round taken room by room would beat for the bystander before URUMQI's delta.
    await subscribe(socket, { scope: BYSTANDER });
    await subscribe(socket, { scope: URUMQI });
    await quietRound(socket, [BYSTANDER, URUMQI]);
    const heard: Array<{ kind: 'delta' | 'heartbeat'; scope: Scope }> = [];
    socket.on('dashboard:heartbeat', (beat) => heard.push({ kind: 'heartbeat', scope: beat.scope }));
    socket.on('dashboard:delta', (delta) => heard.push({ kind: 'delta', scope: delta.scope }));
    await postEvents(server, [createdEvent('O-1', iso(Date.now() - MINUTE), { centerId: 'urc-01' })]);
    const isDelta = (message: (typeof heard)[number]) => message.kind === 'delta' && sameScope(message.scope, URUMQI);
    await expect.poll(() => heard.some(isDelta)).toBe(true);
    const before = heard.slice(0, heard.findIndex(isDelta));
    // Since URUMQI's last heartbeat (the end of the round before), nothing: the bystander's heartbeat of the delta's round comes after it.
    const sinceLastRound = before.slice(before.findLastIndex((message) => sameScope(message.scope, URUMQI)) + 1);
    expect(sinceLastRound).toEqual([]);
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
