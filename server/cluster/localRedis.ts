import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';

export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export function redisServerOnPath(): boolean {
  const found = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  return !found.error && found.status === 0;
}

/**
 * A redis-server for one machine's cluster, on loopback with its data beside the store: the adapter's
 * streams and recovery sessions only, so a lost file costs the screens one resync, nothing else.
 */
export async function startLocalRedis(dir: string, log: (line: string) => void): Promise<{ url: string; process: ChildProcess }> {
  mkdirSync(dir, { recursive: true });
  const port = await freeLoopbackPort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes('Ready to accept connections')) return;
      // Its later lines are not read; flowing, they never fill the pipe.
      child.stdout!.removeAllListeners('data').resume();
      resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited ${code} at start:\n${output}`)));
  });
  log(`started redis-server on 127.0.0.1:${port} (data in ${dir})`);
  return { url: `redis://127.0.0.1:${port}`, process: child };
}
