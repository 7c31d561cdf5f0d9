/**
 * The real server for bench/liveBench.ts, in its own process so its CPU and event loop are measured
 * apart from the thousands of clients the bench drives. Seeds the demo network with BENCH_DAYS of
 * traffic, optionally runs the simulator, and answers the parent's 'stats' message.
 */
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db/connection';
import { seedDemoNetwork } from '../server/demo/demoSeed';
import { createApplication } from '../server/app';
import { acceleratedClock, systemClock } from '../server/clock';
import { startSimulator } from '../server/demo/simulator';
import { BENCH_INGEST_TOKEN, BENCH_VIEW_TOKEN } from './liveBenchConstants';
import { answerStatsRequests } from './processStats';

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

const startLoopMonitor = answerStatsRequests();

httpServer.listen(0, '127.0.0.1', () => {
  const address = httpServer.address();
  startLoopMonitor();
  process.send!({ kind: 'ready', port: typeof address === 'object' && address ? address.port : 0, tickets: seeded?.tickets ?? 0 });
});
