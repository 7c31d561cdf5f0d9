import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { io } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lifecycleBatch, smallNetwork } from '../test/support/smallNetwork';
import { INGEST_TOKEN, VIEW_TOKEN } from '../test/support/testServer';
import type { DashboardSocket } from '../test/support/testServer';

const MAIN = join(import.meta.dirname, 'main.ts');

/** The real server process, as `npm start` runs it, on a free port over a fresh database file. */
class ServerProcess {
  readonly child: ChildProcess;
  private output = '';
  private watchers: (() => void)[] = [];
  readonly exited: Promise<number | null>;

  constructor(
    readonly dbPath: string,
    shutdownTimeoutMs: number,
  ) {
    // As npm start runs it: one node process, so a signal reaches the server itself and not a relay that
    // gives up on it after 30 ms (tsx's CLI does, and on a loaded machine the server then died by the signal).
    this.child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        PORT: '0',
        HOST: '127.0.0.1',
        DB_PATH: dbPath,
        DEMO: 'off',
        SIM: 'off',
        INGEST_TOKEN,
        VIEW_TOKEN,
        SHUTDOWN_TIMEOUT_MS: String(shutdownTimeoutMs),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (chunk: Buffer) => {
      this.output += chunk.toString('utf8');
      for (const watcher of this.watchers) watcher();
    };
    this.child.stdout!.on('data', collect);
    this.child.stderr!.on('data', collect);
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  get log(): string {
    return this.output;
  }

  /** Resolves with the first match of `pattern` in everything the process has printed, now or later. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(this.output);
        if (match) resolve(match);
      };
      this.watchers.push(check);
      void this.exited.then((code) => reject(new Error(`server exited (${code}) before printing ${pattern}:\n${this.output}`)));
      check();
    });
  }

  async url(): Promise<string> {
    const [, port] = await this.waitFor(/listening on http:\/\/localhost:(\d+)\//);
    return `http://127.0.0.1:${port}`;
  }
}

async function loadNetwork(url: string): Promise<void> {
  for (const kind of ['regions', 'centers', 'engineers', 'customers', 'products'] as const) {
    const response = await fetch(`${url}/api/v1/org/${kind}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${INGEST_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(smallNetwork[kind]),
    });
    expect(response.status, await response.text()).toBe(200);
  }
}

/**
 * Starts POST /events and sends only the first half of the body. `Expect: 100-continue` makes the
 * server say when it has the request, so the batch is known to be in flight before anything else happens.
 */
async function startSlowIngest(url: string, body: string) {
  const bytes = Buffer.from(body, 'utf8');
  const req = request(`${url}/api/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${INGEST_TOKEN}`, 'content-type': 'application/json', 'content-length': bytes.length, expect: '100-continue' },
  });
  const response = new Promise<{ status: number; connection: string | undefined; json: unknown }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection, json: JSON.parse(text) }));
    });
    req.on('error', reject);
  });
  await new Promise<void>((resolve) => req.once('continue', () => resolve()));
  const half = Math.floor(bytes.length / 2);
  req.write(bytes.subarray(0, half));
  return { finish: () => req.end(bytes.subarray(half)), abandon: () => req.destroy(), response };
}

describe('graceful shutdown of the real server process', () => {
  let dir: string;
  let server: ServerProcess | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ops-shutdown-'));
  });
  afterEach(async () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    server = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('on SIGTERM tells the dashboard why, refuses new connections, commits the batch in flight and exits 0', async () => {
    server = new ServerProcess(join(dir, 'ops.db'), 30_000);
    const url = await server.url();
    await loadNetwork(url);
    const socket: DashboardSocket = io(url, { auth: { token: VIEW_TOKEN }, transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('connect_error', reject));
    const told = new Promise((resolve) => socket.once('server:shutdown', resolve));
    const dropped = new Promise((resolve) => socket.once('disconnect', resolve));

    const batch = lifecycleBatch('SD');
    const ingest = await startSlowIngest(url, JSON.stringify({ events: batch }));
    server.child.kill('SIGTERM');

    expect(await told).toEqual({ code: 'shutdown', message: expect.stringMatching(/restarting/) });
    expect(await dropped).toBe('io server disconnect');
    await expect(fetch(`${url}/api/v1/health`)).rejects.toThrow();

    ingest.finish();
    expect(await ingest.response).toEqual({ status: 200, connection: 'close', json: { accepted: batch.length, duplicates: 0, rejected: [] } });
    expect(await server.exited, server.log).toBe(0);
    expect(server.log).toMatch(/SIGTERM received[\s\S]*shut down cleanly/);

    const db = new Database(join(dir, 'ops.db'), { readonly: true });
    expect(db.prepare('select count(*) from ticket_events').pluck().get()).toBe(batch.length);
    db.close();
  });

  /** A server holding a request whose body never completes, so a graceful shutdown cannot finish. */
  async function serverWithStuckRequest(shutdownTimeoutMs: number): Promise<{ started: ServerProcess; ingest: Awaited<ReturnType<typeof startSlowIngest>> }> {
    // Assigned before anything can fail, so afterEach ends the process whatever happens.
    const started = (server = new ServerProcess(join(dir, 'ops.db'), shutdownTimeoutMs));
    const ingest = await startSlowIngest(await started.url(), JSON.stringify({ events: [] }));
    // The answer never comes: the process exits, or the test abandons the request.
    ingest.response.catch(() => {});
    return { started, ingest };
  }

  it('exits 1 when a request is still unfinished at the time limit', async () => {
    const { started, ingest } = await serverWithStuckRequest(300);
    started.child.kill('SIGTERM');
    expect(await started.exited, started.log).toBe(1);
    expect(started.log).toMatch(/did not finish within 300 ms; exiting anyway/);
    ingest.abandon();
  });

  it('exits 1 at once on a second signal', async () => {
    const { started, ingest } = await serverWithStuckRequest(60_000);
    started.child.kill('SIGINT');
    await started.waitFor(/SIGINT received;/);
    started.child.kill('SIGINT');
    expect(await started.exited, started.log).toBe(1);
    expect(started.log).toMatch(/SIGINT received again; exiting without waiting/);
    ingest.abandon();
  });
});
