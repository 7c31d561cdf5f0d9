import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DashboardDelta, DashboardHeartbeat, DashboardSnapshot } from '../../shared/live/socketContract';
import { headline, latestValues } from '../support/liveFeed';
import { postEvents } from '../support/api';
import { loadSmallNetwork, todaysFlowEvents } from '../support/smallNetwork';
import { type DashboardSocket, INGEST_TOKEN, type TestServer, connectDashboard, startTestServer } from '../support/testServer';

/** 10:30 in Shanghai: the events below all fall in one hour and one local day in both zones. */
const NOW = Date.parse('2026-11-23T10:30:00+08:00');

describe('live path: POST events → socket counters', () => {
  let server: TestServer;
  let socket: DashboardSocket | undefined;

  beforeEach(async () => {
    server = await startTestServer({ pushIntervalMs: 50, clock: { now: () => NOW } });
    await loadSmallNetwork(server);
  });
  afterEach(async () => {
    socket?.disconnect();
    await server.close();
  });

  it('pushes changed counters after a batch commits', async () => {
    socket = await connectDashboard(server);
    const snapshot = await new Promise<DashboardSnapshot>((resolve, reject) => {
      socket!.emit('dashboard:subscribe', { scope: { kind: 'network' } }, (ack) => (ack.ok ? resolve(ack.data) : reject(new Error(ack.error.message))));
    });
    expect(headline(snapshot.values)).toEqual({ open: 0, createdToday: 0, resolvedToday: 0 });
    expect(snapshot.trend).toHaveLength(24);

    const deltas: DashboardDelta[] = [];
    socket.on('dashboard:delta', (delta) => deltas.push(delta));
    const now = NOW;
    const response = await postEvents(server, todaysFlowEvents(now));
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ accepted: 3, duplicates: 0, rejected: [] });

    await expect.poll(() => headline(latestValues(snapshot, deltas))).toEqual({ open: 1, createdToday: 2, resolvedToday: 1 });
    const latest = deltas.at(-1)!;
    expect(latest.seq).toBe(snapshot.seq + deltas.length);
    const trend = new Map(snapshot.trend.map((bucket) => [bucket.hourStart, bucket]));
    for (const delta of deltas) for (const bucket of delta.trend) trend.set(bucket.hourStart, bucket);
    expect(trend.get(Math.floor(now / 3_600_000) * 3_600_000)).toMatchObject({ created: 2, resolved: 1 });
  });

  it('sends heartbeats carrying the last seq while nothing changes', async () => {
    socket = await connectDashboard(server);
    const snapshot = await new Promise<DashboardSnapshot>((resolve, reject) => {
      socket!.emit('dashboard:subscribe', { scope: { kind: 'network' } }, (ack) => (ack.ok ? resolve(ack.data) : reject(new Error(ack.error.message))));
    });
    expect(snapshot.pushIntervalMs).toBe(50);
    const beats: DashboardHeartbeat[] = [];
    socket.on('dashboard:heartbeat', (beat) => beats.push(beat));
    await expect.poll(() => beats.length).toBeGreaterThanOrEqual(2);
    expect(beats.every((beat) => beat.seq === snapshot.seq)).toBe(true);
  });

  it('refuses a socket without a valid token', async () => {
    await expect(connectDashboard(server, 'wrong-token-wrong-token')).rejects.toThrow(/unauthorized/);
  });

  it('refuses a socket whose valid token lacks dashboard:read, such as an ingest token', async () => {
    await expect(connectDashboard(server, INGEST_TOKEN)).rejects.toThrow(/unauthorized/);
  });
});
