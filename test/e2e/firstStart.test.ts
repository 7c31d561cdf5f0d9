import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Socket, io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClient, clientBuildStaleness } from '../../server/clientBuild';
import type { ClientToServerEvents, DemoProgress, ServerToClientEvents } from '../../shared/live/socketContract';

const root = resolve(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'ops-first-start-'));
const dbPath = join(dir, 'ops.db');
/** What the issue asks of a first start on this 2-core machine: health and the page within 15 s. */
const FIRST_START_BUDGET_MS = 15_000;

interface Started {
  child: ChildProcess;
  output: () => string;
  url: string;
  viewToken: string;
  /** From spawning `npm start` to the first healthy answer. */
  healthyAfterMs: number;
}

/** `npm start`, as a new user runs it, on a free port; resolves once health answers 200. */
async function npmStart(): Promise<Started> {
  const spawnedAt = performance.now();
  // Its own process group, so the whole tree (npm, tsx, the server) can be stopped together.
  const child = spawn('npm', ['start'], {
    cwd: root,
    detached: true,
    env: { ...process.env, DB_PATH: dbPath, PORT: '0', HOST: '127.0.0.1', DEMO_SCALE: '0.2', NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const listening = await new Promise<RegExpMatchArray>((resolvePromise, reject) => {
    const poll = setInterval(() => {
      const match = output.match(/listening on http:\/\/localhost:(\d+)\/\?token=(\S+)/);
      if (match) {
        clearInterval(poll);
        resolvePromise(match);
      } else if (child.exitCode !== null) {
        clearInterval(poll);
        reject(new Error(`npm start exited ${child.exitCode}:\n${output}`));
      }
    }, 20);
  });
  const url = `http://127.0.0.1:${listening[1]}`;
  for (;;) {
    const healthy = await fetch(`${url}/api/v1/health`).then((response) => response.ok, () => false);
    if (healthy) break;
    await new Promise((wait) => setTimeout(wait, 20));
  }
  return { child, output: () => output, url, viewToken: listening[2]!, healthyAfterMs: performance.now() - spawnedAt };
}

async function stop(started: Started): Promise<void> {
  const exited = new Promise((resolvePromise) => started.child.once('exit', resolvePromise));
  process.kill(-started.child.pid!, 'SIGTERM');
  await exited;
}

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
  if (first && first.child.exitCode === null && first.child.signalCode === null) await stop(first);
  rmSync(dir, { recursive: true, force: true });
});

describe('npm start on an empty database', () => {
  it('answers health and serves the overview within 15 s, then fills the history in behind it with progress for every page', async () => {
    first = await npmStart();
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
    await stop(first!);
    expect(existsSync(`${dbPath}.demo-history.json`)).toBe(true);
    const again = await npmStart();
    try {
      expect(again.output()).toMatch(/demo history: resuming the replay stopped at/);
      const progress = await firstProgress(again.url, again.viewToken);
      expect(progress.daysDone).toBeGreaterThan(0);
      expect(progress.done).toBe(false);
    } finally {
      await stop(again);
    }
  }, 120_000);
});
