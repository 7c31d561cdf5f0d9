import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { INGEST_TOKEN, VIEW_TOKEN } from './testServer';

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

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise));
  const { port } = server.address() as { port: number };
  await new Promise((resolvePromise) => server.close(resolvePromise));
  return port;
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
  const found = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (found.error || found.status !== 0) throw new Error('redis-server is not installed: `apt-get install redis-server` (.ci/run installs it for CI)');
  const dir = mkdtempSync(join(tmpdir(), 'ops-redis-'));
  const port = await freePort();
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
  return { ...running, url: `http://127.0.0.1:${port}` };
}

export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
