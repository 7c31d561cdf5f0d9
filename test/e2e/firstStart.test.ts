import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Socket, io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClient, clientBuildStaleness } from '../../server/clientBuild';
import type { ClientToServerEvents, DemoProgress, ServerToClientEvents } from '../../shared/live/socketContract';
import { type Started, npmStart, stopStarted } from '../support/npmStart';

const dir = mkdtempSync(join(tmpdir(), 'ops-first-start-'));
const dbPath = join(dir, 'ops.db');
/** What the issue asks of a first start on this 2-core machine: health and the page within 15 s. */
const FIRST_START_BUDGET_MS = 15_000;

function firstProgress(url: string, token: string): Promise<DemoProgress> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, { auth: { token }, transports: ['websocket'], reconnection: false });
  return new Promise<DemoProgress>((resolvePromise) => socket.once('demo:progress', resolvePromise)).finally(() => socket.close());
}

let first: Started | null = null;

beforeAll(async () => {
  // The start being measured is one with dist/ built, as after `npm test`'s build or any earlier start.
  if (clientBuildStaleness() !== null) await buildClient(() => {});
}, 300_000);

afterAll(async () => {
  if (first) await stopStarted(first);
  rmSync(dir, { recursive: true, force: true });
});

describe('npm start on an empty database', () => {
  it('answers health and serves the overview within 15 s, then fills the history in behind it with progress for every page', async () => {
    first = await npmStart({ DB_PATH: dbPath, DEMO_SCALE: '0.2' });
    expect(first.healthyAfterMs).toBeLessThan(FIRST_START_BUDGET_MS);
    expect(first.output()).toContain('client build up to date');

    const page = await fetch(`${first.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('<div id="app">');

    // Thirty days at a fifth of the traffic take far longer than this to replay: the page is told what is being prepared.
    const progress = await firstProgress(first.url, first.viewToken);
    expect(progress).toMatchObject({ days: 30, done: false });
    expect(progress.daysDone).toBeLessThan(30);
    expect(existsSync(`${dbPath}.demo-history.json`)).toBe(true);
  }, 120_000);

  it('resumes a replay stopped half way when started again', async () => {
    await stopStarted(first!);
    expect(existsSync(`${dbPath}.demo-history.json`)).toBe(true);
    const again = await npmStart({ DB_PATH: dbPath, DEMO_SCALE: '0.2' });
    try {
      expect(again.output()).toMatch(/demo history: resuming the replay stopped at/);
      const progress = await firstProgress(again.url, again.viewToken);
      expect(progress.daysDone).toBeGreaterThan(0);
      expect(progress.done).toBe(false);
    } finally {
      await stopStarted(again);
    }
  }, 120_000);
});
