import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import type { Subscription } from '../../shared/live/socketContract';
import { type RedisServer, type RoleProcess, startRedis, startRole, stopRunning, tempDir } from '../support/clusterProcesses';
import { type ClusterScreen, START_TIMEOUT_MS, openClusterScreen, until } from '../support/clusterScreen';
import { VIEW_TOKEN } from '../support/testServer';

/**
 * A screen on an edge hears what a screen on the single process hears while the engine starts: that the
 * live figures are being prepared, then that they are whole, and how far the demo history has got. The
 * edge is up with the screen on it before the engine starts, so the screen hears the engine from its first word.
 */
const NETWORK: Subscription = { scope: { kind: 'network' }, view: 'today' };

describe('an engine starting under the screens of an edge', () => {
  const dir = tempDir('ops-cluster-status-');
  const dbPath = join(dir.path, 'ops.db');
  let redis: RedisServer;
  let edge: RoleProcess;
  let engine: RoleProcess | null = null;
  const screens: ClusterScreen[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    // The schema the edge waits for, as an engine that has started once leaves it.
    openDatabase(dbPath).$client.close();
    edge = await startRole('edge', { DB_PATH: dbPath, REDIS_URL: redis.url });
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    screens.forEach((screen) => screen.close());
    await Promise.all([engine, edge].filter((running) => running !== null && running !== undefined).map((running) => stopRunning(running!)));
    await redis?.stop();
    redis?.remove();
    dir.remove();
  });

  it('tells the screen the figures are being prepared, then whole, and the demo history to its end', async () => {
    const screen = openClusterScreen(edge.url, VIEW_TOKEN, NETWORK);
    screens.push(screen);
    await until('the screen connected to the edge', () => screen.socket.connected);
    engine = await startRole('engine', { DB_PATH: dbPath, REDIS_URL: redis.url, DEMO: 'on', DEMO_DAYS: '1' });
    await until('the demo history done on the screen', () => screen.demoProgress().some((progress) => progress.done));
    await until('a snapshot of the demo network', () => screen.view() !== null);
    expect(screen.liveStatuses()).toEqual([false, true]);
    const progress = screen.demoProgress();
    expect(progress.at(-1)!.done).toBe(true);
    expect(progress.filter((step) => step.done)).toHaveLength(1);

    // A screen that connects once all is whole hears nothing of it, as on the single process.
    const later = openClusterScreen(edge.url, VIEW_TOKEN, NETWORK);
    screens.push(later);
    await until('a snapshot on the later screen', () => later.view() !== null);
    expect(later.liveStatuses()).toEqual([]);
    expect(later.demoProgress()).toEqual([]);
  });
});
