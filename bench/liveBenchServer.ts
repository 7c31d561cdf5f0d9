/**
 * The real server for bench/liveBench.ts, in its own process so its CPU and event loop are measured
 * apart from the thousands of clients the bench drives. Seeds the demo network with BENCH_DAYS of
 * traffic, optionally runs the simulator, and answers the parent's 'stats' message.
 */
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { openDatabase } from '../db/connection';
import { seedDemoNetwork } from '../server/demo/demoSeed';
import { createApplication } from '../server/app';
import { acceleratedClock, systemClock } from '../server/clock';
import { startSimulator } from '../server/demo/simulator';
import { BENCH_INGEST_TOKEN, BENCH_VIEW_TOKEN } from './liveBenchConstants';

const pushIntervalMs = Number(process.env.PUSH_INTERVAL_MS ?? 1000);
const simSpeed = Number(process.env.SIM_SPEED ?? 0);
const days = Number(process.env.BENCH_DAYS ?? 3);

const clock = simSpeed > 1 ? acceleratedClock(simSpeed) : systemClock;
const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'live-bench-')), 'ops.db'));
const httpServer = createServer();
const application = createApplication(httpServer, {
  db, clock, ingestTokens: [BENCH_INGEST_TOKEN], viewTokens: [BENCH_VIEW_TOKEN], pushIntervalMs, maxBodyBytes: 10 * 1024 * 1024, log: () => {},
});
const seeded = seedDemoNetwork(application.core, { seed: 20261123, days, scale: 1, now: clock.now(), log: () => {} });
if (simSpeed > 0) startSimulator(application.core, { clock, seed: 20261123, scale: 1, log: () => {} });

const delay = monitorEventLoopDelay({ resolution: 10 });
let cpuFrom = process.cpuUsage();
let wallFrom = performance.now();

process.on('message', (message: { kind: string }) => {
  if (message.kind === 'reset') {
    delay.reset();
    cpuFrom = process.cpuUsage();
    wallFrom = performance.now();
    process.send!({ kind: 'reset' });
  }
  if (message.kind === 'stats') {
    const cpu = process.cpuUsage(cpuFrom);
    const wallMs = performance.now() - wallFrom;
    process.send!({
      kind: 'stats',
      cpuShare: (cpu.user + cpu.system) / 1000 / wallMs,
      loopDelayMaxMs: delay.max / 1e6,
      loopDelayP99Ms: delay.percentile(99) / 1e6,
      rssMiB: process.memoryUsage().rss / 2 ** 20,
    });
  }
});

httpServer.listen(0, '127.0.0.1', () => {
  const address = httpServer.address();
  delay.enable();
  process.send!({ kind: 'ready', port: typeof address === 'object' && address ? address.port : 0, tickets: seeded?.tickets ?? 0 });
});
