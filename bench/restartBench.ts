/**
 * A restart as an operator makes one: `npm start` on an existing store (BENCH_DB_PATH, copied first so
 * the original stays as it was), timed from spawning to the listening line, to the first healthy answer,
 * to the page, and to health saying the live figures are whole. Prints figures; asserts nothing.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const source = process.env.BENCH_DB_PATH;
if (!source || !existsSync(source)) throw new Error('BENCH_DB_PATH must name an existing store, e.g. one a first start filled in');
const runs = Number(process.env.BENCH_RUNS ?? 3);
const root = resolve(import.meta.dirname, '..');

async function untilOk(url: string, accept: (body: { live?: string }) => boolean): Promise<void> {
  for (;;) {
    const ok = await fetch(url).then(async (response) => response.ok && accept(await response.json().catch(() => ({}))), () => false);
    if (ok) return;
    await new Promise((wait) => setTimeout(wait, 50));
  }
}

async function oneRestart(dbPath: string): Promise<void> {
  const load = loadavg()[0]!.toFixed(1);
  const spawnedAt = performance.now();
  const child: ChildProcess = spawn('npm', ['start'], {
    cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DB_PATH: dbPath, PORT: '0', HOST: '127.0.0.1', SIM: 'off', NODE_ENV: 'development' },
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const port = await new Promise<string>((done, fail) => {
    const poll = setInterval(() => {
      const match = output.match(/listening on http:\/\/localhost:(\d+)/);
      if (match) done(match[1]!);
      else if (child.exitCode !== null) fail(new Error(output));
      if (match || child.exitCode !== null) clearInterval(poll);
    }, 10);
  });
  const listening = performance.now() - spawnedAt;
  const url = `http://127.0.0.1:${port}`;
  await untilOk(`${url}/api/v1/health`, () => true);
  const healthy = performance.now() - spawnedAt;
  await untilOk(`${url}/`, () => true);
  const page = performance.now() - spawnedAt;
  await untilOk(`${url}/api/v1/health`, (body) => body.live === 'ready');
  const ready = performance.now() - spawnedAt;
  const exited = new Promise((done) => child.once('exit', done));
  process.kill(-child.pid!, 'SIGTERM');
  await exited;
  const rebuilt = output.match(/live metrics rebuilt from the store: (\d+) tickets in (\d+) ms/);
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const built = output.includes('client build needed') ? ', client built first' : '';
  const started = output.match(/started in ([\d.]+) s, ([\d.]+) s of CPU/);
  console.log(`load ${load}${built}: listening ${s(listening)}, health ${s(healthy)}, page ${s(page)}, live figures whole ${s(ready)} (${rebuilt ? `${rebuilt[1]} tickets read in ${rebuilt[2]} ms` : 'no rebuild line'}); the process: ${started ? `${started[1]} s to listening, ${started[2]} s of CPU` : '?'}`);
}

const dir = mkdtempSync(join(tmpdir(), 'restart-bench-'));
try {
  const dbPath = join(dir, 'ops.db');
  copyFileSync(source, dbPath);
  for (let run = 0; run < runs; run++) await oneRestart(dbPath);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
