/**
 * npm run bench:cluster — screens shared through Redis (#22): BENCH_CLIENTS socket.io clients (10,000)
 * across 4 edges, each on the network, a region or a center in turn, while 5 events are posted to the
 * engine every 500 ms; and the single process (ROLE=all) at BENCH_SINGLE_CLIENTS (2,000) the same way.
 * Lag = arrival − the delta's own timestamp on the machine's one clock. Every process measures itself:
 * the edges' and the engine's CPU and event-loop delay, Redis's CPU from /proc, and the load generators
 * (separate processes, one per server) report their own CPU. BENCH_MODE=cluster|single|both; the whole
 * run is bounded by BENCH_DEADLINE_S (360).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openReadOnlyDatabase } from '../db/readOnlyConnection';
import { startLocalRedis } from '../server/cluster/localRedis';
import type { Scope } from '../shared/live/socketContract';
import { type EdgeTraceReport, type EngineTraceReport, describeEdgeTrace, describeEngineTrace, percentile } from './clusterBenchTrace';
import { BENCH_INGEST_TOKEN } from './liveBenchConstants';
import type { ProcessStats } from './processStats';

const MODE = process.env.BENCH_MODE ?? 'both';
const CLUSTER_CLIENTS = Number(process.env.BENCH_CLIENTS ?? 10_000);
const SINGLE_CLIENTS = Number(process.env.BENCH_SINGLE_CLIENTS ?? 2_000);
const EDGES = Number(process.env.BENCH_EDGES ?? 4);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
/** The whole bench, both runs, within this (6 min): past it, it stops everything it started and fails. */
const DEADLINE_S = Number(process.env.BENCH_DEADLINE_S ?? 360);
const EVENTS_PER_POST = 5;
const POST_EVERY_MS = 500;
const log = (line: string) => console.log(`[${new Date().toISOString()}] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Stats = Omit<ProcessStats, 'extra'> & { extra?: EdgeTraceReport | EngineTraceReport };

const children = new Set<ChildProcess>();
// A bench that fails half way must not leave thousands of sockets and five servers running on a shared machine.
process.on('exit', () => children.forEach((child) => child.kill('SIGKILL')));

function forkBench(file: string, env: Record<string, string>): ChildProcess {
  const child = fork(join(import.meta.dirname, file), [], { execArgv: ['--import', 'tsx'], env: { ...process.env, ...env } });
  children.add(child);
  return child;
}

function nextMessage<T>(child: ChildProcess, kind: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { kind: string }) => {
      if (message.kind !== kind) return;
      child.off('message', onMessage);
      resolve(message as T);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`${kind}: the process exited ${code}`)));
  });
}

async function startRole(role: 'engine' | 'edge' | 'all', env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = forkBench('clusterBenchRole.ts', { BENCH_ROLE: role, ...env });
  const { port } = await nextMessage<{ port: number }>(child, 'ready');
  return { child, url: `http://127.0.0.1:${port}` };
}

/** CPU seconds a process has used, from /proc (utime + stime, in clock ticks of 10 ms). */
function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function benchNetwork(dbPath: string): { scopes: Scope[]; centerIds: string[]; customerId: string; productModel: string } {
  const db = openReadOnlyDatabase(dbPath);
  const sqlite = db.$client;
  const regionIds = (sqlite.prepare('select id from regions where parent_id is null').all() as { id: string }[]).map((row) => row.id);
  const centerIds = (sqlite.prepare('select id from centers').all() as { id: string }[]).map((row) => row.id);
  const customerId = (sqlite.prepare('select id from customers limit 1').get() as { id: string }).id;
  const productModel = (sqlite.prepare('select model from products limit 1').get() as { model: string }).model;
  sqlite.close();
  const scopes: Scope[] = [{ kind: 'network' }, ...regionIds.map((id): Scope => ({ kind: 'region', id })), ...centerIds.map((id): Scope => ({ kind: 'center', id }))];
  return { scopes, centerIds, customerId, productModel };
}

let posted = 0;
async function postEvents(engineUrl: string, network: ReturnType<typeof benchNetwork>): Promise<void> {
  const events = Array.from({ length: EVENTS_PER_POST }, () => {
    posted += 1;
    return {
      id: `bench-${process.pid}-${posted}`, type: 'ticket.created', at: new Date().toISOString(), ticketId: `BENCH-${process.pid}-${posted}`,
      data: { centerId: network.centerIds[posted % network.centerIds.length], customerId: network.customerId, priority: 'P2', type: 'repair', channel: 'hotline', productModel: network.productModel, symptom: '不制冷' },
    };
  });
  const response = await fetch(`${engineUrl}/api/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${BENCH_INGEST_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ events }) });
  if (!response.ok) throw new Error(`posting events: ${response.status} ${await response.text()}`);
}

async function run(label: string, engine: { child: ChildProcess; url: string }, servers: { child: ChildProcess; url: string }[], clients: number, dbPath: string, redisPid: number | null): Promise<void> {
  const network = benchNetwork(dbPath);
  log(`${label}: connecting ${clients} clients to ${servers.length} server(s), scopes ${network.scopes.length} (network, regions, centers) in turn`);
  const generators = servers.map((server, i) =>
    forkBench('clusterBenchClients.ts', { BENCH_URL: server.url, BENCH_CLIENTS: String(Math.floor(clients / servers.length) + (i < clients % servers.length ? 1 : 0)), BENCH_SCOPES: JSON.stringify(network.scopes) }),
  );
  const connectFrom = performance.now();
  await Promise.all(generators.map((generator) => nextMessage(generator, 'subscribed')));
  log(`${label}: all subscribed in ${((performance.now() - connectFrom) / 1000).toFixed(1)} s; load ${loadavg().map((load) => load.toFixed(1)).join(' ')}`);
  const processes = [engine, ...servers.filter((server) => server !== engine)];
  await Promise.all(processes.map((server) => (server.child.send({ kind: 'reset' }), nextMessage(server.child, 'reset'))));
  generators.forEach((generator) => generator.send({ kind: 'start' }));
  const redisCpuFrom = redisPid ? cpuSecondsOf(redisPid) : 0;
  const startedAt = performance.now();
  while (performance.now() - startedAt < SECONDS * 1000) {
    await postEvents(engine.url, network);
    await sleep(POST_EVERY_MS);
  }
  await sleep(1_500);
  const wallS = (performance.now() - startedAt) / 1000;
  const redisShare = redisPid ? (cpuSecondsOf(redisPid) - redisCpuFrom) / wallS : null;
  const reports = await Promise.all(generators.map((generator) => (generator.send({ kind: 'stop' }), nextMessage<{ lags: number[]; cpuShare: number; rssMiB: number; loopDelayP99Ms: number; loopDelayMaxMs: number }>(generator, 'lags'))));
  const stats = await Promise.all(processes.map((server) => (server.child.send({ kind: 'stats' }), nextMessage<Stats>(server.child, 'stats'))));
  const lags = reports.flatMap((report) => report.lags);
  const describe = (s: Stats) =>
    `CPU ${(s.cpuShare * 100).toFixed(0)} %, loop p99 ${s.loopDelayP99Ms.toFixed(0)} ms max ${s.loopDelayMaxMs.toFixed(0)} ms, GC ${s.gcTotalMs.toFixed(0)} ms (longest ${s.gcMaxMs.toFixed(0)} ms), RSS ${s.rssMiB.toFixed(0)} MiB` +
    (s.extra ? `; ${'reachedP50' in s.extra ? describeEdgeTrace(s.extra) : describeEngineTrace(s.extra)}` : '');
  log(`${label}: ${clients} clients, ${posted} events posted over ${wallS.toFixed(1)} s, ${lags.length} deltas delivered, lag p50 ${percentile(lags, 50)} ms, p99 ${percentile(lags, 99)} ms, max ${Math.max(...lags)} ms`);
  log(`${label}: ${servers.includes(engine) ? 'server' : 'engine'} ${describe(stats[0]!)}`);
  stats.slice(1).forEach((s, i) => log(`${label}: edge ${i + 1} ${describe(s)}`));
  if (redisShare !== null) log(`${label}: redis-server CPU ${(redisShare * 100).toFixed(0)} % of a core`);
  log(`${label}: load generators (${generators.length} processes) CPU ${reports.map((r) => `${(r.cpuShare * 100).toFixed(0)} % (loop p99 ${r.loopDelayP99Ms.toFixed(0)} max ${r.loopDelayMaxMs.toFixed(0)} ms)`).join(', ')}, RSS ${reports.map((r) => `${r.rssMiB.toFixed(0)} MiB`).join(', ')}; load ${loadavg().map((load) => load.toFixed(1)).join(' ')}`);
  generators.forEach((generator) => generator.kill());
}

async function cluster(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cluster-bench-'));
  const redis = await startLocalRedis(join(dir, 'redis'), log);
  children.add(redis.process);
  const dbPath = join(dir, 'ops.db');
  const engine = await startRole('engine', { BENCH_DB_PATH: dbPath, REDIS_URL: redis.url });
  const edges = await Promise.all(Array.from({ length: EDGES }, () => startRole('edge', { BENCH_DB_PATH: dbPath, REDIS_URL: redis.url })));
  posted = 0;
  await run(`cluster (1 engine, ${EDGES} edges)`, engine, edges, CLUSTER_CLIENTS, dbPath, redis.process.pid!);
  [engine, ...edges].forEach((server) => server.child.kill());
  redis.process.kill();
}

async function single(): Promise<void> {
  const dbPath = join(mkdtempSync(join(tmpdir(), 'single-bench-')), 'ops.db');
  const server = await startRole('all', { BENCH_DB_PATH: dbPath });
  posted = 0;
  await run('single process (ROLE=all)', server, [server], SINGLE_CLIENTS, dbPath, null);
  server.child.kill();
}

process.on('unhandledRejection', (error) => {
  console.error(error);
  process.exit(1);
});
const deadline = setTimeout(() => {
  console.error(`bench:cluster did not finish within ${DEADLINE_S} s (BENCH_DEADLINE_S); stopping what it started`);
  process.exit(1);
}, DEADLINE_S * 1000);
deadline.unref();
log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, load ${loadavg().map((load) => load.toFixed(1)).join(' ')}`);
if (MODE !== 'cluster') await single();
if (MODE !== 'single') await cluster();
process.exit(0);
