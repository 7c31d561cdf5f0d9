import { describe, expect, it } from 'vitest';
import type { Subscription } from '../../shared/live/socketContract';
import { startRole, stopRunning } from '../support/clusterProcesses';
import { type ClusterScreen, START_TIMEOUT_MS, openClusterScreen, until } from '../support/clusterScreen';
import { engineAndTwoEdgesForSuite } from '../support/clusterSuite';
import { createdEvent } from '../support/smallNetwork';
import { INGEST_TOKEN, VIEW_TOKEN, authHeaders } from '../support/testServer';

/**
 * What screens go through when a process of the cluster goes: an engine restarted under them resyncs
 * them without a reload; an edge killed under them sends them to another edge.
 */
const EAST: Subscription = { scope: { kind: 'region', id: 'east' }, view: 'today' };

describe('a cluster losing a process', () => {
  const cluster = engineAndTwoEdgesForSuite('ops-cluster-failures-');
  const screens: ClusterScreen[] = [];
  cluster.closeAtEnd(() => screens.forEach((screen) => screen.close()));
  let posted = 0;

  async function postTicket(): Promise<void> {
    posted += 1;
    const response = await fetch(`${cluster.engine.url}/api/v1/events`, {
      method: 'POST',
      headers: { ...authHeaders(INGEST_TOKEN), 'content-type': 'application/json' },
      body: JSON.stringify({ events: [createdEvent(`T-FL-${posted}`, new Date().toISOString())] }),
    });
    expect(response.status).toBe(200);
  }
  const createdOn = (screen: ClusterScreen) => screen.view()?.values.created_today;

  it('resyncs the screens of a restarted engine without a reload', async () => {
    const screen = openClusterScreen(cluster.edges[0]!.url, VIEW_TOKEN, EAST);
    screens.push(screen);
    await postTicket();
    await until('the first ticket on the screen', () => createdOn(screen) === posted);
    const socketId = screen.socket.id;
    await stopRunning(cluster.engine);
    cluster.engine = await startRole('engine', { DB_PATH: cluster.dbPath, REDIS_URL: cluster.redis.url });
    await postTicket();
    await until('the restarted engine figures on the same socket', () => createdOn(screen) === posted);
    // The same connection: the page was neither reloaded nor reconnected.
    expect(screen.socket.id).toBe(socketId);
    expect(screen.snapshots()).toBeGreaterThanOrEqual(2);
    // Told, as on a restarted single process, that the figures were being prepared and then were whole.
    expect(screen.liveStatuses()).toEqual([false, true]);
  }, START_TIMEOUT_MS);

  it('sends the screens of a killed edge to another edge', async () => {
    const { edges } = cluster;
    const screen = openClusterScreen([edges[1]!.url, edges[0]!.url], VIEW_TOKEN, EAST);
    screens.push(screen);
    await until('a snapshot from the second edge', () => screen.view() !== null);
    await stopRunning(edges[1]!, 'SIGKILL');
    await until('the screen connected to the first edge', () => screen.socket.connected && (screen.socket.io as unknown as { uri: string }).uri === edges[0]!.url);
    await postTicket();
    await until('a ticket posted after the kill on the screen', () => createdOn(screen) === posted);
  });
});
