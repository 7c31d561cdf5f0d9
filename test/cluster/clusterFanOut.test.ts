import { describe, expect, it } from 'vitest';
import { feedStatus } from '../../client/live/feedStatus';
import type { Subscription } from '../../shared/live/socketContract';
import { type ClusterScreen, openClusterScreen, until } from '../support/clusterScreen';
import { engineAndTwoEdgesForSuite } from '../support/clusterSuite';
import { createdEvent } from '../support/smallNetwork';
import { INGEST_TOKEN, VIEW_TOKEN, type Session, authHeaders, signInAs } from '../support/testServer';

/**
 * One engine and two edges as real processes over a real redis-server: a screen on each edge, both on
 * the network board, hear what is posted to the engine; a display revoked on the engine is closed on its
 * edge; Redis stopped and started again, the screens come back to the engine's figures.
 */
const NETWORK: Subscription = { scope: { kind: 'network' }, view: 'today' };

async function post(url: string, path: string, body: unknown, auth: string | Session) {
  const response = await fetch(`${url}${path}`, { method: 'POST', headers: { ...authHeaders(auth, 'POST'), 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json().catch(() => null)) as any };
}

describe('engine and edges through Redis', () => {
  const cluster = engineAndTwoEdgesForSuite('ops-cluster-');
  const screens: ClusterScreen[] = [];
  cluster.closeAtEnd(() => screens.forEach((screen) => screen.close()));
  let posted = 0;

  async function postTicket(): Promise<void> {
    posted += 1;
    const response = await post(cluster.engine.url, '/api/v1/events', { events: [createdEvent(`T-CL-${posted}`, new Date().toISOString())] }, INGEST_TOKEN);
    expect(response.status, JSON.stringify(response.json)).toBe(200);
  }
  const createdOn = (screen: ClusterScreen) => screen.view()?.values.created_today;

  it('delivers an event posted to the engine to a screen on each edge', async () => {
    screens.push(...cluster.edges.map((edge) => openClusterScreen(edge.url, VIEW_TOKEN, NETWORK)));
    await until('a snapshot on both edges', () => screens.every((screen) => screen.view() !== null));
    expect(screens.map(createdOn)).toEqual([0, 0]);
    await postTicket();
    await until('the new ticket on both screens', () => screens.every((screen) => createdOn(screen) === posted));
  });

  it('closes a revoked display on the edge that holds it', async () => {
    const { engine, edges, db } = cluster;
    const admin = await signInAs({ url: engine.url, db }, { username: 'cluster-admin', role: 'admin' });
    const created = await post(engine.url, '/api/v1/displays', { name: '上海大屏', scope: 'network', board: 'network' }, admin);
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const wall = openClusterScreen(edges[1]!.url, created.json.token, NETWORK, { reconnection: false });
    screens.push(wall);
    await until('the paired display subscribed on the second edge', () => wall.view() !== null);
    await until('the engine to know the display is online', async () => {
      const listed = await fetch(`${engine.url}/api/v1/displays`, { headers: authHeaders(admin) }).then((response) => response.json() as Promise<any>);
      return listed.displays.find((display: { id: string; online: boolean }) => display.id === created.json.display.id)?.online === true;
    });
    // The edge reads the store read-only; the engine records the screen's connect, as the single process does.
    const lastSeen = () => (db.$client.prepare('select last_seen_at as at from display_tokens where id = ?').get(created.json.display.id) as { at: number | null }).at;
    await until('the engine to record the display seen on its edge', () => lastSeen() !== null);
    const revoked = await post(engine.url, `/api/v1/displays/${created.json.display.id}/revoke`, {}, admin);
    expect(revoked.status).toBe(200);
    await until('the revoked display told and disconnected', () => wall.revoked() && !wall.socket.connected);
    expect(screens.slice(0, 2).every((screen) => screen.socket.connected)).toBe(true);
  });

  it('keeps the sockets while Redis is down, shows them stale, and brings them back to the engine figures when it returns', async () => {
    const { redis } = cluster;
    const pair = screens.slice(0, 2);
    const status = (screen: ClusterScreen) => feedStatus(screen.socket.connected ? 'connected' : 'reconnecting', screen.lastHeardAt(), Date.now(), screen.view()?.pushIntervalMs);
    await redis.stop();
    await postTicket();
    // The engine takes the ticket, but without Redis nothing reaches the edges: the screens keep their
    // sockets and, hearing nothing, show the stale overlay.
    await until('both screens stale', () => pair.every((screen) => status(screen) === 'stale'));
    expect(pair.map((screen) => screen.socket.connected)).toEqual([true, true]);
    expect(pair.map(createdOn)).toEqual([posted - 1, posted - 1]);
    await redis.start();
    await until('both screens live at the engine figures again', () => pair.every((screen) => createdOn(screen) === posted && status(screen) === 'live'));
    await postTicket();
    await until('a ticket posted after the return on both screens', () => pair.every((screen) => createdOn(screen) === posted));
    expect(pair.map((screen) => screen.socket.connected)).toEqual([true, true]);
  });
});
