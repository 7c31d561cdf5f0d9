import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Socket, io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClient, clientBuildStaleness } from '../../server/clientBuild';
import type { ClientToServerEvents, DashboardSnapshot, ServerToClientEvents } from '../../shared/live/socketContract';
import { type Started, npmStart, stopStarted, waitForOutput } from '../support/npmStart';

const dir = mkdtempSync(join(tmpdir(), 'ops-restart-'));
/** Two days of a tenth of the demo's traffic: a store with history, made quickly. */
const env = { DB_PATH: join(dir, 'ops.db'), DEMO_DAYS: '2', DEMO_SCALE: '0.1' };
let running: Started | null = null;

async function health(url: string): Promise<{ status: string; live: string }> {
  const response = await fetch(`${url}/api/v1/health`);
  expect(response.status).toBe(200);
  return (await response.json()) as { status: string; live: string };
}

/** The network board as a wall screen gets it: held until the live figures are whole, then a snapshot. */
function networkSnapshot(started: Started): Promise<{ snapshot: DashboardSnapshot; preparingSeen: boolean }> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(started.url, { auth: { token: started.viewToken }, transports: ['websocket'], reconnection: false });
  let preparingSeen = false;
  socket.on('live:status', (status) => (preparingSeen ||= !status.ready));
  return new Promise<{ snapshot: DashboardSnapshot; preparingSeen: boolean }>((resolvePromise, reject) => {
    socket.on('connect', () =>
      socket.emit('dashboard:subscribe', { scope: { kind: 'network' }, view: 'today' }, (answer) => (answer.ok ? resolvePromise({ snapshot: answer.data, preparingSeen }) : reject(new Error(answer.error.message)))),
    );
  }).finally(() => socket.close());
}

beforeAll(async () => {
  if (clientBuildStaleness() !== null) await buildClient(() => {});
  const first = await npmStart(env);
  running = first;
  await waitForOutput(first, /demo history replayed/);
  await stopStarted(first);
}, 600_000);

afterAll(async () => {
  if (running) await stopStarted(running);
  rmSync(dir, { recursive: true, force: true });
});

describe('npm start on a database that already holds a network and its history', () => {
  it('answers health and serves the page before the live figures are read, and gives screens their figures once they are', async () => {
    running = await npmStart(env);
    // Health answers whether or not the live figures are whole yet; it says which.
    expect(['preparing', 'ready']).toContain((await health(running.url)).live);
    const page = await fetch(`${running.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="app">');

    const { snapshot } = await networkSnapshot(running);
    expect(snapshot.values.backlog_open).toBeGreaterThan(0);
    await waitForOutput(running, /live metrics rebuilt from the store: (\d+) tickets/);
    expect((await health(running.url)).live).toBe('ready');
    // The start did not replay the history again: the store's network and tickets were kept.
    expect(running.output()).not.toMatch(/demo history \[/);
  }, 300_000);
});
