/**
 * The live path end to end, against a real server in a child process (bench/liveBenchServer.ts):
 * - latency from the ingest response to the client's delta, at PUSH_INTERVAL_MS=0 and at 1000;
 * - fan-out to 500 and 2,000 connected clients: p99 delivery lag and the server's CPU;
 * - the server's event-loop delay under the simulator at 10× speed with dashboards connected.
 * Prints figures; asserts nothing.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { cpus } from 'node:os';
import { io, type Socket } from 'socket.io-client';
import { buildDemoNetwork } from '../server/demo/demoNetwork';
import type { ClientToServerEvents, DashboardDelta, ServerToClientEvents } from '../shared/live/socketContract';
import { BENCH_INGEST_TOKEN, BENCH_VIEW_TOKEN } from './liveBenchConstants';
import { SERVER_V8_FLAGS } from '../server/runtimeFlags';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
interface Stats { cpuShare: number; loopDelayMaxMs: number; loopDelayP99Ms: number; rssMiB: number }

const network = buildDemoNetwork(20261123);
const center = network.centers[0]!;
const customer = network.customers[0]!;
let ticketSeq = 0;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const WARM_UP_MS = 10_000;

async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; ask: (kind: string) => Promise<Stats> }> {
  const child = fork(new URL('./liveBenchServer.ts', import.meta.url).pathname, [], { execArgv: ['--import', 'tsx', ...SERVER_V8_FLAGS], env: { ...process.env, ...env } });
  const ready = await new Promise<{ port: number; tickets: number }>((resolve, reject) => {
    child.once('message', (message) => resolve(message as { port: number; tickets: number }));
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  const ask = (kind: string) =>
    new Promise<Stats>((resolve) => {
      child.once('message', (message) => resolve(message as Stats));
      child.send({ kind });
    });
  console.log(`  server ready: ${ready.tickets} tickets seeded (${JSON.stringify(env)})`);
  return { child, url: `http://127.0.0.1:${ready.port}`, ask };
}

async function connect(url: string): Promise<Client> {
  const socket: Client = io(url, { auth: { token: BENCH_VIEW_TOKEN }, transports: ['websocket'], reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const ack = await socket.emitWithAck('dashboard:subscribe', { scope: { kind: 'network' }, view: 'today' });
  if (!ack.ok) throw new Error(ack.error.message);
  return socket;
}

async function postCreated(url: string, count = 1): Promise<void> {
  const at = new Date().toISOString();
  const events = Array.from({ length: count }, () => {
    const ticketId = `LB-${process.pid}-${++ticketSeq}`;
    return { id: `${ticketId}-created`, type: 'ticket.created', at, ticketId, data: { centerId: center.id, customerId: customer.id, priority: 'P2', type: 'repair', channel: 'hotline' } };
  });
  const response = await fetch(`${url}/api/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${BENCH_INGEST_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ events }) });
  if (response.status !== 200) throw new Error(`ingest answered ${response.status}: ${await response.text()}`);
}

async function latency(pushIntervalMs: number, samples: number): Promise<void> {
  const server = await startServer({ PUSH_INTERVAL_MS: String(pushIntervalMs) });
  const client = await connect(server.url);
  const lags: number[] = [];
  for (let i = 0; i < samples; i++) {
    const delta = new Promise<number>((resolve) => {
      const onDelta = (d: DashboardDelta) => {
        if (d.values.created_today === undefined) return;
        client.off('dashboard:delta', onDelta);
        resolve(performance.now());
      };
      client.on('dashboard:delta', onDelta);
    });
    await postCreated(server.url);
    const answered = performance.now();
    lags.push((await delta) - answered);
    if (pushIntervalMs > 0) await sleep(Math.random() * pushIntervalMs);
  }
  console.log(`ingest response → delta at PUSH_INTERVAL_MS=${pushIntervalMs}: p50 ${percentile(lags, 50).toFixed(1)} ms, p99 ${percentile(lags, 99).toFixed(1)} ms, max ${Math.max(...lags).toFixed(1)} ms (${samples} samples; negative = the delta came before the response)`);
  client.disconnect();
  server.child.kill();
}

async function fanOut(clients: number, seconds: number): Promise<void> {
  const server = await startServer({ PUSH_INTERVAL_MS: '1000' });
  const sockets: Client[] = [];
  for (let start = 0; start < clients; start += 100) sockets.push(...(await Promise.all(Array.from({ length: Math.min(100, clients - start) }, () => connect(server.url)))));
  const lags: number[] = [];
  let received = 0;
  // Server and bench share the machine's clock, so the delta's own timestamp gives the delivery lag.
  for (const socket of sockets) socket.on('dashboard:delta', (delta) => {
    received++;
    lags.push(Date.now() - delta.at);
  });
  await sleep(1500);
  await server.ask('reset');
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    await postCreated(server.url, 5);
    await sleep(500);
  }
  await sleep(1500);
  const stats = await server.ask('stats');
  console.log(
    `fan-out to ${clients} clients over ${seconds} s: ${received} deltas delivered, lag p50 ${percentile(lags, 50)} ms, p99 ${percentile(lags, 99)} ms, max ${Math.max(...lags)} ms; ` +
      `server CPU ${(stats.cpuShare * 100).toFixed(0)} % of one core, event-loop delay p99 ${stats.loopDelayP99Ms.toFixed(1)} ms, max ${stats.loopDelayMaxMs.toFixed(1)} ms, RSS ${stats.rssMiB.toFixed(0)} MiB`,
  );
  for (const socket of sockets) socket.disconnect();
  server.child.kill();
}

async function simulatorStall(seconds: number): Promise<void> {
  const server = await startServer({ PUSH_INTERVAL_MS: '1000', SIM_SPEED: '10' });
  const sockets = await Promise.all(Array.from({ length: 20 }, () => connect(server.url)));
  // Start-up is not steady state: the simulator catches up and the first alert round runs over every scope.
  await sleep(WARM_UP_MS);
  await server.ask('reset');
  await sleep(seconds * 1000);
  const stats = await server.ask('stats');
  console.log(
    `simulator at 10× with 20 dashboards, ${seconds} s after a ${WARM_UP_MS / 1000} s warm-up: event-loop delay p99 ${stats.loopDelayP99Ms.toFixed(1)} ms, max ${stats.loopDelayMaxMs.toFixed(1)} ms; server CPU ${(stats.cpuShare * 100).toFixed(0)} % of one core`,
  );
  for (const socket of sockets) socket.disconnect();
  server.child.kill();
}

/** Which parts to run, e.g. BENCH_LIVE_PARTS=stall; all by default. */
const parts = new Set((process.env.BENCH_LIVE_PARTS ?? 'latency,fanout,stall').split(','));
console.log(`live bench on ${cpus().length} × ${cpus()[0]?.model}, Node ${process.version}`);
if (parts.has('latency')) {
  await latency(0, Number(process.env.BENCH_LATENCY_SAMPLES ?? 200));
  await latency(1000, Number(process.env.BENCH_LATENCY_SLOW_SAMPLES ?? 40));
}
if (parts.has('fanout')) for (const clients of [500, 2000]) await fanOut(clients, Number(process.env.BENCH_FANOUT_SECONDS ?? 20));
if (parts.has('stall')) await simulatorStall(Number(process.env.BENCH_SIM_SECONDS ?? 60));
process.exit(0);
