import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedStatus } from '../../client/live/feedStatus';
import { type Db, openDatabase } from '../../db/connection';
import type { Subscription } from '../../shared/live/socketContract';
import { type RedisServer, type RoleProcess, startEngineAndTwoEdges, stopRunning, tempDir } from '../support/clusterProcesses';
import { type ClusterScreen, START_TIMEOUT_MS, openClusterScreen, until } from '../support/clusterScreen';
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
  const dir = tempDir('ops-cluster-');
  const dbPath = join(dir.path, 'ops.db');
  let redis: RedisServer;
  let engine: RoleProcess;
  let edges: RoleProcess[] = [];
  let db: Db;
  const screens: ClusterScreen[] = [];
  let posted = 0;

  async function postTicket(): Promise<void> {
    posted += 1;
    const response = await post(engine.url, '/api/v1/events', { events: [createdEvent(`T-CL-${posted}`, new Date().toISOString())] }, INGEST_TOKEN);
    expect(response.status, JSON.stringify(response.json)).toBe(200);
  }
  const createdOn = (screen: ClusterScreen) => screen.view()?.values.created_today;

  // Three processes start one after another: on a loaded machine each takes tens of seconds.
  beforeAll(async () => {
    ({ redis, engine, edges } = await startEngineAndTwoEdges(dbPath));
    db = openDatabase(dbPath);
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    screens.forEach((screen) => screen.close());
    await Promise.all([engine, ...edges].filter(Boolean).map((running) => stopRunning(running)));
    await redis?.stop();
    db?.$client.close();
    redis?.remove();
    dir.remove();
  });

  it('delivers an event posted to the engine to a screen on each edge', async () => {
    screens.push(...edges.map((edge) => openClusterScreen(edge.url, VIEW_TOKEN, NETWORK)));
    await until('a snapshot on both edges', () => screens.every((screen) => screen.view() !== null));
    expect(screens.map(createdOn)).toEqual([0, 0]);
    await postTicket();
    await until('the new ticket on both screens', () => screens.every((screen) => createdOn(screen) === posted));
  });

  it('closes a revoked display on the edge that holds it', async () => {
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
    const revoked = await post(engine.url, `/api/v1/displays/${created.json.display.id}/revoke`, {}, admin);
    expect(revoked.status).toBe(200);
    await until('the revoked display told and disconnected', () => wall.revoked() && !wall.socket.connected);
    expect(screens.slice(0, 2).every((screen) => screen.socket.connected)).toBe(true);
  });

  it('keeps the sockets while Redis is down, shows them stale, and brings them back to the engine figures when it returns', async () => {
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
