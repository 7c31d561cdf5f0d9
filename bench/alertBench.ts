/**
 * Alerting: one evaluation round of 200 rules over every scope (the network, each region, each
 * center, and each engineer for some) on the demo network with its history, read through the
 * incremental live metrics the server wires; the same figures through the plain SQL reference (what
 * the rule preview reads) timed per read; and the SLA breach groups counted. Prints figures; asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { openDatabase } from '../db/connection';
import { seedDemoNetwork } from '../server/demo/demoSeed';
import { ALERT_SIGNAL_IDS } from '../shared/alerts/alertSignals';
import { type AlertRuleInput, alertRuleDefinitionSchema } from '../shared/alerts/ruleSchema';
import { METRIC_IDS } from '../shared/metrics/metricCatalog';
import { METRIC_WINDOWS } from '../shared/metrics/metricQuery';
import { DEFAULT_SLA_ALERT_POLICY } from '../shared/alerts/slaAlertPolicy';
import { createAlerting } from '../server/alerts/alerting';
import { createSlaBreachGroups } from '../server/alerts/slaBreachGroups';
import { createSignalReader } from '../server/alerts/alertSignals';
import { previewRule } from '../server/alerts/rulePreview';
import type { MetricReader } from '../server/alerts/ruleObservation';
import { createCore } from '../server/core';
import { startWalCheckpointer } from '../server/store/walCheckpointer';
import { computeMetrics } from '../server/metrics/metricReference';

const DAYS = Number(process.env.BENCH_DAYS ?? 30);
const RULES = Number(process.env.BENCH_ALERT_RULES ?? 200);
const NOW = Date.parse('2026-11-23T12:00:00+08:00');
const LEVELS = ['network', 'region', 'center', 'center', 'region', 'center', 'center', 'center', 'region', 'engineer'] as const;

function benchRules(): AlertRuleInput[] {
  const metrics = [...METRIC_IDS, ...ALERT_SIGNAL_IDS];
  return Array.from({ length: RULES }, (_, i) => {
    const level = LEVELS[i % LEVELS.length]!;
    return {
      name: `bench ${i}`, metric: metrics[i % metrics.length]!, window: METRIC_WINDOWS[i % METRIC_WINDOWS.length]!,
      scopes: level === 'network' ? { kind: 'network' } : { kind: 'each', level },
      condition: i % 7 === 0 ? { kind: 'change', op: '>=', percent: 30, overMs: 3_600_000 } : { kind: 'threshold', op: '>', threshold: i % 3 },
      intervalMs: 60_000, forMs: 300_000, severity: 'warning', summary: { 'zh-CN': `规则 ${i}`, en: `rule ${i}` },
    };
  });
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

async function round(label: string, dir: string, readMetrics: (core: ReturnType<typeof createCore>) => MetricReader): Promise<void> {
  const db = openDatabase(join(dir, 'ops.db'));
  // As the server runs: checkpoints off the event loop, so a stall below is the round's own.
  const checkpointer = startWalCheckpointer(db, { log: console.log });
  const at = { value: NOW };
  const loading = performance.now();
  const core = createCore(db, { now: () => at.value });
  console.log(`  core with live metrics loaded in ${seconds(performance.now() - loading)}`);
  let reads = 0;
  let slowest = { ms: 0, what: '' };
  const read = readMetrics(core);
  const timedRead: MetricReader = (scope, window, now) => {
    reads++;
    const started = performance.now();
    const values = read(scope, window, now);
    const ms = performance.now() - started;
    if (ms > slowest.ms) slowest = { ms, what: `${scope.kind} ${window}` };
    return values;
  };
  const alerting = createAlerting({ db, clock: core.clock, org: core.org, log: () => {}, tickMs: null, readMetrics: timedRead });
  for (const rule of alerting.rules.all()) alerting.rules.remove(rule.id);
  benchRules().forEach((input, i) => alerting.rules.insert({ id: `bench-${i}`, definition: alertRuleDefinitionSchema.parse(input), enabled: true, updatedBy: 'bench', updatedAt: NOW }));
  alerting.engine.rulesChanged('bench', NOW);
  const scopes = alerting.engine.rules().reduce((sum, rule) => sum + alerting.scopes.expand(rule.definition.scopes).length, 0);

  const stalls = monitorEventLoopDelay({ resolution: 5 });
  stalls.enable();
  const started = performance.now();
  await alerting.tick();
  const first = performance.now() - started;
  at.value += 60_000;
  const again = performance.now();
  await alerting.tick();
  const second = performance.now() - again;
  stalls.disable();
  const instances = [...alerting.engine.instances()].length;
  console.log(`  ${label.padEnd(34)} ${RULES} rules, ${scopes} rule×scope pairs, ${reads / 2} metric reads a round: first round ${seconds(first)}, next round ${seconds(second)}; ${instances} instances left normal; longest event-loop stall ${(stalls.max / 1e6).toFixed(0)} ms, slowest read ${slowest.ms.toFixed(0)} ms (${slowest.what})`);

  // Ten webhook targets (the network and regions) with a long group-wait, so a tick only works out what each would hear.
  const regionIds = db.$client.prepare('select id from regions order by id limit 9').pluck().all() as string[];
  for (const scope of ['network', ...regionIds.map((id) => `region:${id}`)]) {
    alerting.notifications.createTarget({ name: scope, scope, url: 'http://127.0.0.1:9/', levels: [1, 2, 3], minSeverity: 'info', groupWaitMs: 3_600_000, groupIntervalMs: 300_000, repeatIntervalMs: 14_400_000, createdBy: 'bench', createdAt: at.value });
  }
  alerting.notificationsChanged();
  const working = performance.now();
  await alerting.tick();
  const workedOut = performance.now() - working;
  const idle = performance.now();
  await alerting.tick();
  console.log(`  ${''.padEnd(34)} 10 webhook targets over ${instances} open alerts: worked out in ${workedOut.toFixed(0)} ms; a tick with nothing changed or due ${(performance.now() - idle).toFixed(1)} ms`);

  // The SLA breach groups as a round counts them: every breached open clock, grouped by center, metric and severity.
  const breachGroups = createSlaBreachGroups(db, core.org);
  const countedCold = performance.now();
  const groups = breachGroups.read(DEFAULT_SLA_ALERT_POLICY, at.value);
  const cold = performance.now() - countedCold;
  const warm: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    breachGroups.read(DEFAULT_SLA_ALERT_POLICY, at.value);
    warm.push(performance.now() - started);
  }
  const clocks = groups.reduce((sum, group) => sum + group.count, 0);
  console.log(`  ${''.padEnd(34)} SLA breach groups: ${clocks} breached open clocks in ${groups.length} groups, counted in ${cold.toFixed(1)} ms the first time (each ticket's tier and contract read), then ${Math.max(...warm).toFixed(1)} ms at most`);
  const previewed = alertRuleDefinitionSchema.parse({ ...benchRules()[2], scopes: { kind: 'each', level: 'center' } });
  const previewStarted = performance.now();
  const preview = previewRule(previewed, alerting.scopes, { readMetrics: readMetrics(core), readSignals: createSignalReader(db, core.org) }, at.value);
  console.log(`  ${''.padEnd(34)} a 24 h preview of one rule over ${preview.scopes.length} centers × ${preview.scopes[0]?.points} instants in ${seconds(performance.now() - previewStarted)}`);
  await alerting.stop();
  await checkpointer?.stop();
  db.$client.close();
}

/** The reference recomputation per read, by scope kind: what a round would cost on it, and what the rule preview pays per point. */
function referenceReads(dir: string): void {
  const db = openDatabase(join(dir, 'ops.db'));
  const core = createCore(db, { now: () => NOW });
  const engineerId = db.$client.prepare('select id from engineers limit 1').pluck().get() as string;
  const centerId = db.$client.prepare('select id from centers order by id limit 1').pluck().get() as string;
  const regionId = core.org.regionsOfCenter(centerId).at(-1) ?? '';
  for (const scope of [{ kind: 'network' }, { kind: 'region', id: regionId }, { kind: 'center', id: centerId }, { kind: 'engineer', id: engineerId }] as const) {
    const started = performance.now();
    computeMetrics(db, core.org, { scope, window: '24h', now: NOW });
    console.log(`  reference metrics, one ${scope.kind} read: ${seconds(performance.now() - started)}`);
  }
  db.$client.close();
}

async function main(): Promise<void> {
  console.log(`Alerting bench: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}`);
  const dir = mkdtempSync(join(tmpdir(), 'alert-bench-'));
  try {
    const seedDb = openDatabase(join(dir, 'ops.db'));
    const seeded = seedDemoNetwork(createCore(seedDb, { now: () => NOW }), { seed: 20261123, days: DAYS, scale: 1, now: NOW, log: () => {} });
    seedDb.$client.close();
    console.log(`  demo network, ${DAYS} days: ${seeded?.tickets.toLocaleString('en-US')} tickets, ${seeded?.events.toLocaleString('en-US')} events`);
    await round('live metrics (wired)', dir, (core) => (scope, window, now) => {
      const values = core.liveMetrics.valuesOf(scope, window, now);
      if (values === null) throw new Error(`no ${scope.kind}`);
      return values;
    });
    referenceReads(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
