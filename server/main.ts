import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { openDatabase } from '../db/connection';
import { StoreInUseError, claimStoreWriter } from '../db/writerClaim';
import { EnvironmentError, readEnvironment } from '../shared/config/environment';
import { readClusterEnvironment } from '../shared/config/clusterEnvironment';
import { startEdge } from './cluster/edgeStart';
import { linkThroughRedis } from './cluster/redisLink';
import { createApplication } from './app';
import { ensureFirstRunUsers } from './auth/firstRun';
import { ensureStartWall } from './auth/startWall';
import { acceleratedClock, systemClock } from './clock';
import { buildClient, clientBuildStaleness } from './clientBuild';
import { serveBuiltClient, viteClientServer } from './clientServing';
import { prepareDemo } from './demo/demoStart';
import { startSimulator } from './demo/simulator';
import type { DemoProgress } from '../shared/live/socketContract';
import { installGracefulShutdown } from './shutdown';
import { missingServerFlags } from './runtimeFlags';

const log = (line: string) => console.log(`[${new Date().toISOString()}] ${line}`);

function tokenOrGenerated(value: string | undefined, name: string, production: boolean): string {
  if (value) return value;
  if (production) throw new EnvironmentError(`${name} must be set in production.`);
  const token = randomBytes(24).toString('base64url');
  log(`${name} not set; generated one for this run: ${token}`);
  return token;
}

async function main(): Promise<void> {
  const env = readEnvironment(process.env);
  const cluster = readClusterEnvironment(process.env);
  // Before anything else: a second server, or one started while an import runs, stops here with the reason.
  if (cluster.ROLE !== 'edge') claimStoreWriter(env.DB_PATH);
  const production = env.NODE_ENV === 'production';
  const ingestToken = tokenOrGenerated(env.INGEST_TOKEN, 'INGEST_TOKEN', production);
  // VIEW_TOKEN from the environment is the printed wall address as it always was; without it, a display kept across restarts is.
  if (production && !env.VIEW_TOKEN) throw new EnvironmentError('VIEW_TOKEN must be set in production.');
  const clock = env.SIM === 'on' && env.SIM_SPEED !== 1 ? acceleratedClock(env.SIM_SPEED) : systemClock;
  const development = process.argv.includes('--dev');
  // Split, the engine serves no pages and the edges serve the build they find: the launcher builds once, not every process.
  if (!development && cluster.ROLE === 'all') await ensureClientBuilt();
  if (cluster.ROLE === 'edge') return startEdge(env, cluster.REDIS_URL!, clock, log, cluster.ENGINE_URL);
  const redis = cluster.REDIS_URL ? await linkThroughRedis(cluster.REDIS_URL, log) : null;
  const db = openDatabase(env.DB_PATH);
  const missing = missingServerFlags();
  if (missing.length > 0) log(`started without ${missing.join(' ')} (npm start passes it): expect event-loop pauses of 30–50 ms when the server is quiet`);

  const httpServer = createServer();
  const serveClient = development ? await viteClientServer() : serveBuiltClient;
  const application = createApplication(httpServer, {
    db,
    clock,
    ingestTokens: [ingestToken],
    viewTokens: env.VIEW_TOKEN ? [env.VIEW_TOKEN] : [],
    pushIntervalMs: env.PUSH_INTERVAL_MS,
    minSample: env.MIN_SAMPLE,
    maxBodyBytes: env.MAX_BODY_BYTES,
    log,
    serveClient,
    devServer: development,
    trustProxy: env.TRUST_PROXY,
    secureCookies: env.COOKIE_SECURE === 'on' ? 'always' : 'auto',
    alertRetention: { historyDays: env.ALERT_HISTORY_RETENTION_DAYS, deliveryLogDays: env.WEBHOOK_LOG_RETENTION_DAYS },
    webhookAllowPrivate: env.WEBHOOK_ALLOW_PRIVATE === 'on',
    eventTimeBounds: { earliestMs: env.EVENT_EARLIEST_AT, maxAheadMs: env.EVENT_MAX_AHEAD_MS },
    complaintSurveyMaxScore: env.COMPLAINT_SURVEY_MAX_SCORE,
    liveStateInBackground: true,
    role: cluster.ROLE,
    socketAdapter: redis?.adapter,
  });
  const liveReady = application.liveReady.then((rebuilt) => {
    if (rebuilt) log(`live metrics rebuilt from the store: ${rebuilt.tickets} tickets in ${Math.round(rebuilt.ms)} ms`);
    return rebuilt !== null;
  });

  // Listening before the live figures are read, the demo network and the first-run users are made: health and
  // the page answer at once, and nobody can sign in before the credentials are printed, which is only once the users exist.
  await new Promise<void>((resolve) => httpServer.listen(env.PORT, env.HOST, resolve));
  const address = httpServer.address();
  const wall = env.VIEW_TOKEN ? ({ kind: 'display', token: env.VIEW_TOKEN } as const) : ensureStartWall(db, { dbPath: env.DB_PATH, clock, org: application.core.org });
  const wallQuery = wall.kind === 'display' ? `?token=${wall.token}` : ' (the wall address printed before was revoked: pair wall screens at /admin/displays)';
  log(`售后服务运营看板 listening on http://localhost:${typeof address === 'object' && address ? address.port : env.PORT}/${wallQuery}`);
  // On a machine shared with other work the wall time says how busy it is; the CPU time says what starting costs.
  const cpu = process.cpuUsage();
  log(`started in ${process.uptime().toFixed(1)} s, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s of CPU`);
  // From the moment it listens a signal shuts it down gracefully, even while first-run users are still being made.
  const stopping = new AbortController();
  let simulator: { stop(): void } | null = null;
  const closing = redis ? { close: async () => { await application.close(); await redis.close(); } } : application;
  installGracefulShutdown({ httpServer, io: application.io, application: closing, db, log, timeoutMs: env.SHUTDOWN_TIMEOUT_MS, stoppers: [() => stopping.abort(), () => simulator?.stop()] });

  let demoProgress: DemoProgress | null = null;
  const demo = env.DEMO === 'on'
    ? prepareDemo({
        core: application.core, clock, dbPath: env.DB_PATH, seed: env.SIM_SEED, days: env.DEMO_DAYS, scale: env.DEMO_SCALE, log,
        onProgress: (progress) => {
          demoProgress = progress;
          application.announceDemoProgress(progress);
        },
      })
    : null;
  // A page opened while the history is replayed learns at once what is being prepared.
  application.io.on('connection', (socket) => {
    if (demoProgress && !demoProgress.done) socket.emit('demo:progress', demoProgress);
  });
  await ensureFirstRunUsers(db, { demo: env.DEMO === 'on', now: clock.now(), log });
  const startTraffic = () => {
    if (env.SIM === 'on') simulator = startSimulator(application.core, { clock, seed: env.SIM_SEED, scale: env.DEMO_SCALE, log });
  };
  // Nothing is ingested before the live figures are whole, or it would be counted twice.
  if (!(await liveReady)) return;
  if (demo) {
    // The history fills in behind a server that already answers; live traffic follows where it ends.
    // Alerts wait for the present: a replay passing through the past is not something to page anyone about.
    const releaseAlerting = application.alerting.holdRounds();
    void demo.replay(stopping.signal).then(
      () => {
        releaseAlerting();
        if (!stopping.signal.aborted) startTraffic();
      },
      (error: unknown) => {
        releaseAlerting();
        log(`demo history failed: ${error instanceof Error ? error.stack : String(error)}`);
      },
    );
  } else if (!stopping.signal.aborted) startTraffic();
}

/** Builds the client when dist/ is older than what it is built from; a start with it up to date skips the build. */
async function ensureClientBuilt(): Promise<void> {
  const staleness = clientBuildStaleness();
  if (staleness === null) {
    log('client build up to date: dist/ is newer than client/, shared/ and the build configuration');
    return;
  }
  log(`client build needed: ${staleness}`);
  log(`client built in ${Math.round(await buildClient(log))} ms`);
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvironmentError || error instanceof StoreInUseError ? error.message : error);
  process.exit(1);
});
