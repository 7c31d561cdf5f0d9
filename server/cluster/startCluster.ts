import cluster, { type Worker } from 'node:cluster';
import { dirname, join, resolve } from 'node:path';
import { EnvironmentError, readEnvironment } from '../../shared/config/environment';
import { readClusterEnvironment } from '../../shared/config/clusterEnvironment';
import { buildClient, clientBuildStaleness } from '../clientBuild';
import { freeLoopbackPort, redisServerOnPath, startLocalRedis } from './localRedis';

/**
 * npm run start:cluster: one engine and EDGES edges behind one port, on one machine, with node's own
 * cluster module sharing the public port among the edges (round-robin on connections). The edges serve
 * the client and the sockets and forward /api to the engine on loopback. A worker that dies is started
 * again; while it is down its screens reconnect to the other edges.
 */
const RESTART_DELAY_MS = 1_000;
const log = (line: string) => console.log(`[${new Date().toISOString()}] [cluster] ${line}`);

async function main(): Promise<void> {
  const env = readEnvironment(process.env);
  const settings = readClusterEnvironment({ ...process.env, ROLE: 'all' });
  const redis = settings.REDIS_URL
    ? { url: settings.REDIS_URL, process: null }
    : redisServerOnPath()
      ? await startLocalRedis(join(dirname(resolve(env.DB_PATH)), 'redis'), log)
      : null;
  if (!redis) throw new EnvironmentError('start:cluster needs Redis: set REDIS_URL, or install redis-server (apt-get install redis-server) for a local one.');
  const staleness = clientBuildStaleness();
  if (staleness !== null) {
    log(`client build needed: ${staleness}`);
    await buildClient(log);
  }
  const enginePort = settings.ENGINE_PORT || (await freeLoopbackPort());
  const engineEnv = { ROLE: 'engine', REDIS_URL: redis.url, PORT: String(enginePort), HOST: '127.0.0.1', TRUST_PROXY: 'loopback' };
  const edgeEnv = { ROLE: 'edge', REDIS_URL: redis.url, ENGINE_URL: `http://127.0.0.1:${enginePort}` };

  cluster.setupPrimary({ exec: resolve(import.meta.dirname, '..', 'main.ts'), execArgv: ['--no-memory-reducer', '--import', 'tsx'] });
  let stopping = false;
  const roles = new Map<Worker, 'engine' | 'edge'>();
  const fork = (role: 'engine' | 'edge') => roles.set(cluster.fork(role === 'engine' ? engineEnv : edgeEnv), role);
  cluster.on('exit', (worker, code, signal) => {
    const role = roles.get(worker)!;
    roles.delete(worker);
    if (stopping) return;
    log(`${role} ${worker.process.pid} exited (${signal ?? code}); starting another in ${RESTART_DELAY_MS} ms`);
    setTimeout(() => fork(role), RESTART_DELAY_MS);
  });

  fork('engine');
  // The edges open the engine's store read-only, so they start once the engine listens with it made.
  await new Promise<void>((resolveListening) => cluster.once('listening', () => resolveListening()));
  for (let i = 0; i < settings.EDGES; i++) fork('edge');
  log(`engine on 127.0.0.1:${enginePort}, ${settings.EDGES} edges on ${env.HOST}:${env.PORT}, Redis at ${redis.url}`);

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping the edges, the engine and the local Redis`);
    for (const worker of roles.keys()) worker.process.kill('SIGTERM');
    const done = () => {
      redis.process?.kill('SIGTERM');
      process.exit(0);
    };
    if (roles.size === 0) done();
    else cluster.on('exit', () => roles.size === 0 && done());
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvironmentError ? error.message : error);
  process.exit(1);
});
