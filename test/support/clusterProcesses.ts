import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freeLoopbackPort, redisServerOnPath } from '../../server/cluster/localRedis';
import { smallNetwork } from './smallNetwork';
import { INGEST_TOKEN, VIEW_TOKEN, authHeaders } from './testServer';

const root = resolve(import.meta.dirname, '..', '..');

export interface Running {
  child: ChildProcess;
  output: () => string;
}

/** Resolves once the output matches; fails at once, with the output, if the process exits first. */
export function waitForLine(running: Running, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolvePromise, reject) => {
    const poll = setInterval(() => {
      const match = running.output().match(pattern);
      if (match) {
        clearInterval(poll);
        resolvePromise(match);
      } else if (running.child.exitCode !== null || running.child.signalCode !== null) {
        clearInterval(poll);
        reject(new Error(`process exited (${running.child.exitCode ?? running.child.signalCode}) before ${pattern}:\n${running.output()}`));
      }
    }, 25);
  });
}

function spawnRunning(command: string, args: string[], env: Record<string, string>): Running {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

export async function stopRunning(running: Running, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (running.child.exitCode !== null || running.child.signalCode !== null) return;
  const exited = new Promise((resolvePromise) => running.child.once('exit', resolvePromise));
  running.child.kill(signal);
  await exited;
}

export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** The same port and directory again, as after a Redis restart. */
  start(): Promise<void>;
  remove(): void;
}

/** A real redis-server on an ephemeral port with its own directory; a missing redis-server fails the test, naming the fix. */
export async function startRedis(): Promise<RedisServer> {
  if (!redisServerOnPath()) throw new Error('redis-server is not installed: `apt-get install redis-server` (.ci/run installs it for CI)');
  const dir = mkdtempSync(join(tmpdir(), 'ops-redis-'));
  const port = await freeLoopbackPort();
  let running: Running | null = null;
  const start = async () => {
    running = spawnRunning('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], {});
    await waitForLine(running, /Ready to accept connections/);
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    start,
    stop: async () => {
      if (running) await stopRunning(running);
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface RoleProcess extends Running {
  url: string;
}

const BASE_ENV = { HOST: '127.0.0.1', NODE_ENV: 'test', DEMO: 'off', SIM: 'off', INGEST_TOKEN, VIEW_TOKEN, PUSH_INTERVAL_MS: '200' };

/** `server/main.ts` in one role, as its own process on a free port; resolves once it listens. */
export async function startRole(role: 'engine' | 'edge', env: { DB_PATH: string; REDIS_URL: string } & Record<string, string>): Promise<RoleProcess> {
  const running = spawnRunning(process.execPath, ['--import', 'tsx', 'server/main.ts'], { ...BASE_ENV, ROLE: role, PORT: '0', ...env });
  const pattern = role === 'engine' ? /listening on http:\/\/localhost:(\d+)\// : /edge \S+ listening on http:\/\/localhost:(\d+)\//;
  const [, port] = await waitForLine(running, pattern);
  const url = `http://127.0.0.1:${port}`;
  // An engine listens before its live figures are whole and answers ingest 503 until they are.
  while (role === 'engine') {
    const health = (await fetch(`${url}/api/v1/health`).then((response) => response.json(), () => null)) as { live?: string } | null;
    if (health?.live === 'ready') break;
    if (running.child.exitCode !== null) throw new Error(`the engine exited before its live figures were whole:\n${running.output()}`);
    await new Promise((wait) => setTimeout(wait, 50));
  }
  return { ...running, url };
}

export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Redis, then an engine on a fresh store with the small network loaded, then two edges over the same store. */
export async function startEngineAndTwoEdges(dbPath: string): Promise<{ redis: RedisServer; engine: RoleProcess; edges: RoleProcess[] }> {
  const redis = await startRedis();
  const engine = await startRole('engine', { DB_PATH: dbPath, REDIS_URL: redis.url });
  const edges = await Promise.all([0, 1].map(() => startRole('edge', { DB_PATH: dbPath, REDIS_URL: redis.url })));
  for (const kind of ['regions', 'centers', 'engineers', 'customers', 'products'] as const) {
    const response = await fetch(`${engine.url}/api/v1/org/${kind}`, { method: 'PUT', headers: { ...authHeaders(INGEST_TOKEN), 'content-type': 'application/json' }, body: JSON.stringify(smallNetwork[kind]) });
    if (response.status !== 200) throw new Error(`loading ${kind}: ${response.status} ${await response.text()}`);
  }
  return { redis, engine, edges };
}
