/**
 * One process of bench/clusterBench.ts: the engine (ROLE=engine, seeded with the demo network), an edge
 * (ROLE=edge over the engine's store), or the single process (ROLE=all) for the figure beside them. Each
 * measures its own CPU, event-loop delay and GC pauses (an edge also where each delta's lag goes,
 * bench/clusterBenchTrace.ts) and answers the parent's 'reset' and 'stats' messages.
 */
import { createServer } from 'node:http';
import { openDatabase } from '../db/connection';
import { openReadOnlyDatabase } from '../db/readOnlyConnection';
import { createApplication } from '../server/app';
import { systemClock } from '../server/clock';
import { createEdgeApplication } from '../server/cluster/edgeApplication';
import { linkThroughRedis } from '../server/cluster/redisLink';
import { seedDemoNetwork } from '../server/demo/demoSeed';
import { BENCH_INGEST_TOKEN, BENCH_VIEW_TOKEN } from './liveBenchConstants';
import { edgeTraceReport, engineTraceExtra, resetEdgeTrace, traceEdgeDeltas, traceEngineDeltas } from './clusterBenchTrace';
import { answerStatsRequests } from './processStats';

const role = process.env.BENCH_ROLE as 'engine' | 'edge' | 'all';
const dbPath = process.env.BENCH_DB_PATH!;
const redisUrl = process.env.REDIS_URL;
const log = () => {};

async function start(): Promise<{ port: number }> {
  const httpServer = createServer();
  if (role === 'edge') {
    const redis = await linkThroughRedis(redisUrl!, log);
    createEdgeApplication(httpServer, { db: openReadOnlyDatabase(dbPath), clock: systemClock, log, viewTokens: [BENCH_VIEW_TOKEN], adapter: redis.adapter, redisUp: redis.isUp, edgeId: `bench-${process.pid}` });
  } else {
    const redis = role === 'engine' ? await linkThroughRedis(redisUrl!, log) : null;
    const application = createApplication(httpServer, {
      db: openDatabase(dbPath), clock: systemClock, ingestTokens: [BENCH_INGEST_TOKEN], viewTokens: [BENCH_VIEW_TOKEN], pushIntervalMs: 1000, maxBodyBytes: 10 * 1024 * 1024, log,
      role: role === 'engine' ? 'engine' : 'all', socketAdapter: redis?.adapter,
    });
    seedDemoNetwork(application.core, { seed: 20261123, days: Number(process.env.BENCH_DAYS ?? 1), scale: 1, now: systemClock.now(), log });
  }
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  return { port: (httpServer.address() as { port: number }).port };
}

if (role === 'edge') traceEdgeDeltas();
if (role === 'engine') traceEngineDeltas();
const startLoopMonitor = answerStatsRequests(role === 'edge' ? { reset: resetEdgeTrace, report: edgeTraceReport } : role === 'engine' ? engineTraceExtra : undefined);

void start().then(({ port }) => {
  startLoopMonitor();
  process.send!({ kind: 'ready', port });
});
