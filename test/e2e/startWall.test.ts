import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClient, clientBuildStaleness } from '../../server/clientBuild';
import { startWallTokenPath } from '../../server/auth/startWall';
import { UI, collectPageErrors, launchBrowser, newWallContext } from '../support/browser';
import { INGEST_TOKEN } from '../support/testServer';

const TSX = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'tsx');
const MAIN = join(import.meta.dirname, '..', '..', 'server', 'main.ts');
/** What the issue asks: a wall opened from the printed address is live again within 10 s of a restart. */
const BACK_LIVE_WITHIN_MS = 10_000;

interface Started {
  child: ChildProcess;
  address: string;
  listeningAt: number;
  output: () => string;
}

/** A port nothing listens on, so the second start can take the first one's place. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/** The server as `npm start` runs it, without VIEW_TOKEN; resolves with the wall address it prints. */
async function start(dbPath: string, port: number): Promise<Started> {
  const { VIEW_TOKEN: _unset, ...inherited } = process.env;
  const child = spawn(TSX, [MAIN], {
    env: { ...inherited, NODE_ENV: 'development', PORT: String(port), HOST: '127.0.0.1', DB_PATH: dbPath, DEMO: 'off', SIM: 'off', INGEST_TOKEN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const printed = new Promise<{ address: string; at: number }>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /listening on (http:\/\/localhost:\d+\/\?token=\S+)/.exec(output);
      if (match) resolve({ address: match[1]!, at: performance.now() });
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`server exited ${code}:\n${output}`)));
  });
  const { address, at } = await printed;
  return { child, address: address.replace('localhost', '127.0.0.1'), listeningAt: at, output: () => output };
}

async function stop(started: Started): Promise<void> {
  const exited = new Promise((resolve) => started.child.once('exit', resolve));
  started.child.kill('SIGTERM');
  await exited;
}

describe('the wall address npm start prints', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ops-start-wall-'));
  const dbPath = join(dir, 'ops.db');
  let browser: Browser;
  let running: Started | null = null;

  beforeAll(async () => {
    if (clientBuildStaleness() !== null) await buildClient(() => {});
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    if (running && running.child.exitCode === null) await stop(running);
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is the same after a restart, and a wall opened from it is live again within 10 s', async () => {
    const port = await freePort();
    running = await start(dbPath, port);
    const first = running.address;
    expect(first).toMatch(/\?token=dsp_/);
    expect(statSync(startWallTokenPath(dbPath)).mode & 0o777).toBe(0o600);

    const context = await newWallContext(browser);
    const page = await context.newPage();
    const pageErrors = collectPageErrors(page);
    await page.goto(first);
    await expect.poll(() => page.getByTestId('feed-status').getAttribute('data-status'), UI).toBe('live');

    await stop(running);
    await expect.poll(() => page.getByTestId('feed-status').getAttribute('data-status'), UI).not.toBe('live');
    running = await start(dbPath, port);
    expect(running.address).toBe(first);
    await page.waitForFunction(() => document.querySelector('[data-testid="feed-status"]')?.getAttribute('data-status') === 'live', undefined, { timeout: UI.timeout, polling: 100 });
    expect(performance.now() - running.listeningAt).toBeLessThan(BACK_LIVE_WITHIN_MS);
    expect(await page.getByTestId('unpaired-notice').count()).toBe(0);
    expect(pageErrors.filter((error) => !/ERR_CONNECTION_REFUSED|WebSocket/.test(error))).toEqual([]);
    await context.close();
  }, 240_000);
});
