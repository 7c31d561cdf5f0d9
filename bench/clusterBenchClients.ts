/**
 * A load generator of bench/clusterBench.ts, in its own process: BENCH_CLIENTS socket.io clients on
 * one server, each subscribed to one of BENCH_SCOPES in turn. Records each delta's lag (arrival − the
 * delta's own timestamp, on the machine's one clock) and reports it with its own CPU.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';
import type { Scope } from '../shared/live/socketContract';
import { BENCH_VIEW_TOKEN } from './liveBenchConstants';

const url = process.env.BENCH_URL!;
const clients = Number(process.env.BENCH_CLIENTS);
const scopes = JSON.parse(process.env.BENCH_SCOPES!) as Scope[];
/** Connections in flight at once per generator: enough that 10,000 clients connect in well under a minute on a quiet machine. */
const CONNECT_AT_ONCE = Number(process.env.BENCH_CONNECT_AT_ONCE ?? 250);

let measuring = false;
let lags: number[] = [];
let cpuFrom = process.cpuUsage();
let wallFrom = performance.now();
/** The generator's own loop: while it is held, arrivals wait in the kernel and their lag counts it. */
const loopDelay = monitorEventLoopDelay({ resolution: 10 });

async function connectOne(index: number): Promise<void> {
  const socket = io(url, { auth: { token: BENCH_VIEW_TOKEN }, transports: ['websocket'], reconnection: true });
  socket.on('dashboard:delta', (delta: { at: number }) => {
    if (measuring) lags.push(Date.now() - delta.at);
  });
  await new Promise<void>((resolve) => {
    const subscribe = () =>
      socket.timeout(30_000).emit('dashboard:subscribe', { scope: scopes[index % scopes.length], view: 'today' }, (error: Error | null, response: { ok: boolean }) => {
        if (!error && response.ok) resolve();
        else setTimeout(subscribe, 500);
      });
    socket.once('connect', subscribe);
  });
}

process.on('message', (message: { kind: string }) => {
  if (message.kind === 'start') {
    lags = [];
    measuring = true;
    cpuFrom = process.cpuUsage();
    wallFrom = performance.now();
    loopDelay.enable();
    loopDelay.reset();
  }
  if (message.kind === 'stop') {
    measuring = false;
    const cpu = process.cpuUsage(cpuFrom);
    process.send!({ kind: 'lags', lags, cpuShare: (cpu.user + cpu.system) / 1000 / (performance.now() - wallFrom), rssMiB: process.memoryUsage().rss / 2 ** 20,
      loopDelayP99Ms: loopDelay.percentile(99) / 1e6, loopDelayMaxMs: loopDelay.max / 1e6 });
  }
});

void (async () => {
  // A pool, not batches: one slow handshake does not hold the other connections back.
  let next = 0;
  const worker = async () => {
    while (next < clients) await connectOne(next++);
  };
  await Promise.all(Array.from({ length: Math.min(CONNECT_AT_ONCE, clients) }, worker));
  process.send!({ kind: 'subscribed' });
})();
