/**
 * Open alerts one hour after start on the 30-day demo (issue 18), reproducible: the demo store is
 * built as the server builds it, with its history ending at ALERT_COUNT_START (kept in bench/.cache
 * and copied per run, since building it takes minutes), then the server's application (SLA engine,
 * alerting, live metrics) and the demo simulator run on a clock that starts at that instant and runs
 * ALERT_COUNT_SPEED times real time, for ALERT_COUNT_HOURS demo hours. Prints the open alerts at
 * network scope by severity, by rule and inhibited or not, read through GET /api/v1/alerts as a
 * network-wide viewer reads them. Prints figures; asserts nothing.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { openDatabase } from '../db/connection';
import type { AlertListPage, AlertView } from '../shared/alerts/alertApi';
import { SLA_ALERT_RULES } from '../shared/alerts/builtinRules';
import { createApplication } from '../server/app';
import { acceleratedClock } from '../server/clock';
import { createCore } from '../server/core';
import { seedDemoNetwork } from '../server/demo/demoSeed';
import { readEnvironment } from '../shared/config/environment';
import { startSimulator } from '../server/demo/simulator';

const benchEnvironmentSchema = z.object({
  ALERT_COUNT_START: z.string().datetime({ offset: true }).default('2026-12-07T08:00:00+08:00'),
  ALERT_COUNT_SPEED: z.coerce.number().min(1).max(600).default(30),
  ALERT_COUNT_HOURS: z.coerce.number().positive().max(24).default(1),
});

const HOUR_MS = 3_600_000;
/** Demo time between progress lines. */
const REPORT_EVERY_MS = 10 * 60_000;
/** The server's own SIM_SEED and DEMO_SCALE, so the bench's demo is the one `npm start` makes. */
const server = readEnvironment(process.env);
const env = { ...benchEnvironmentSchema.parse(process.env), DEMO_DAYS: server.DEMO_DAYS, SIM_SEED: server.SIM_SEED, DEMO_SCALE: server.DEMO_SCALE };
const START = Date.parse(env.ALERT_COUNT_START);
const log = (line: string) => console.log(`[${new Date().toISOString()}] ${line}`);

/** The demo store with its history up to START, built once per start, seed and length. */
function cachedDemoStore(): string {
  const dir = join(import.meta.dirname, '.cache');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `demo-${env.DEMO_DAYS}d-seed${env.SIM_SEED}-scale${env.DEMO_SCALE}-${new Date(START).toISOString().replace(/[:.]/g, '')}.db`);
  if (existsSync(path)) return path;
  const building = `${path}.building`;
  rmSync(building, { force: true });
  const db = openDatabase(building);
  const core = createCore(db, { now: () => START });
  const summary = seedDemoNetwork(core, { seed: env.SIM_SEED, days: env.DEMO_DAYS, scale: env.DEMO_SCALE, now: START, log });
  log(`demo store built: ${summary?.tickets} tickets, ${summary?.events} events in ${Math.round((summary?.ms ?? 0) / 1000)} s`);
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  db.$client.close();
  renameSync(building, path);
  return path;
}

function countBy(alerts: readonly AlertView[], key: (alert: AlertView) => string): [string, number][] {
  const counts = new Map<string, number>();
  for (const alert of alerts) counts.set(key(alert), (counts.get(key(alert)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function printOpenAlerts(alerts: readonly AlertView[]): void {
  const open = alerts.filter((alert) => alert.state !== 'resolved' && alert.state !== 'normal');
  const notInhibited = open.filter((alert) => alert.inhibitedBy === null);
  console.log(`\nopen alerts at network scope: ${open.length}, not inhibited: ${notInhibited.length}`);
  for (const severity of ['critical', 'warning', 'info'] as const) {
    console.log(`  ${severity.padEnd(8)} ${String(open.filter((a) => a.severity === severity).length).padStart(4)} open, ${String(notInhibited.filter((a) => a.severity === severity).length).padStart(4)} not inhibited`);
  }
  console.log('by rule, severity, state and inhibition:');
  for (const [key, n] of countBy(open, (a) => `${a.ruleName.en} · ${a.severity} · ${a.state}${a.inhibitedBy ? ' · inhibited' : ''}`)) console.log(`  ${String(n).padStart(4)}  ${key}`);
  // Every alert is named with its scope and figure, to judge whether it is a real problem; a region's breach group with its centers.
  console.log('every alert, with its scope and figure:');
  for (const alert of open) {
    const figure = alert.ruleId in SLA_ALERT_RULES ? `${alert.labels.metric} ${alert.count}` : alert.value === null ? '—' : Number(alert.value.toFixed(3));
    console.log(`  ${alert.ruleName.en} · ${alert.severity} · ${alert.scopeName ?? 'network'} · ${figure} · ${alert.state}${alert.inhibitedBy ? ' · inhibited' : ''}`);
    if (alert.breachCenters) console.log(`      ${alert.breachCenters.map((center) => `${center.scopeName} ${center.count}`).join(', ')}`);
  }
}

async function main(): Promise<void> {
  const store = cachedDemoStore();
  const dir = mkdtempSync(join(tmpdir(), 'alert-count-'));
  copyFileSync(store, join(dir, 'ops.db'));
  const db = openDatabase(join(dir, 'ops.db'));
  const realStart = Date.now();
  const clock = acceleratedClock(env.ALERT_COUNT_SPEED, { now: () => START + (Date.now() - realStart) });
  const viewToken = 'alert-count-bench';
  const httpServer = createServer();
  const application = createApplication(httpServer, {
    db, clock, ingestTokens: [], viewTokens: [viewToken], pushIntervalMs: 1000, maxBodyBytes: 1 << 20, log: () => {}, liveStateInBackground: true,
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const port = (httpServer.address() as AddressInfo).port;
  const rebuilt = await application.liveReady;
  log(`live figures rebuilt: ${rebuilt?.tickets} tickets in ${Math.round((rebuilt?.ms ?? 0) / 1000)} s; demo clock at ${new Date(clock.now()).toISOString()}`);
  const simulator = startSimulator(application.core, { clock, seed: env.SIM_SEED, scale: env.DEMO_SCALE, log });
  const until = START + env.ALERT_COUNT_HOURS * HOUR_MS;
  let nextReport = START + REPORT_EVERY_MS;
  while (clock.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(10_000, Math.max(100, (until - clock.now()) / env.ALERT_COUNT_SPEED))));
    if (clock.now() < nextReport || clock.now() >= until) continue;
    log(`demo clock ${new Date(clock.now()).toISOString()}, load ${loadavg().map((l) => l.toFixed(1)).join(' / ')}`);
    while (nextReport <= clock.now()) nextReport += REPORT_EVERY_MS;
  }
  const asOf = clock.now();
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/alerts?limit=1000`, { headers: { authorization: `Bearer ${viewToken}` } });
  if (!response.ok) throw new Error(`GET /api/v1/alerts answered ${response.status}: ${await response.text()}`);
  const page = (await response.json()) as AlertListPage;
  console.log(`\nstart ${new Date(START).toISOString()} (${env.ALERT_COUNT_START}), read at demo ${new Date(asOf).toISOString()} ` +
    `(${((asOf - START) / 60_000).toFixed(0)} demo min after start), speed ${env.ALERT_COUNT_SPEED}; ${cpus().length} × ${cpus()[0]?.model}, ` +
    `Node ${process.version}, load ${loadavg().map((l) => l.toFixed(1)).join(' / ')}; listed ${page.alerts.length} of ${page.total}`);
  printOpenAlerts(page.alerts);
  simulator.stop();
  await application.close();
  httpServer.close();
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
