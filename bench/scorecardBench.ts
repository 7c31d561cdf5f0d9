/**
 * The engineer page on the 30-day demo network: seeds it (DEMO_DAYS history, scale 1) into a real SQLite
 * file, then times, through the service the routes call, a whole scorecard (week and month for every
 * engineer of the center, for the team medians and the star) for a sample of engineers, an engineer's
 * open tickets with their SLA clocks, and each center's service star for its wall. Prints figures;
 * asserts nothing. BENCH_SCORECARD_DB names a file to keep the store in and reuse on the next run.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db/connection';
import { centers, engineers } from '../db/schema';
import { principalForRole } from '../server/auth/principal';
import { createCore } from '../server/core';
import { seedDemoNetwork } from '../server/demo/demoSeed';
import { createMetricScopeGuard } from '../server/metrics/metricScopeGuard';
import { createScorecardService } from '../server/scorecard/scorecardService';
import { createSlaView } from '../server/sla/slaView';

const NOW = Date.parse('2026-11-23T16:00:00+08:00');
const DAYS = Number(process.env.DEMO_DAYS ?? 30);
const SAMPLES = Number(process.env.BENCH_SCORECARD_SAMPLES ?? 20);
const path = process.env.BENCH_SCORECARD_DB ?? join(mkdtempSync(join(tmpdir(), 'scorecard-bench-')), 'ops.db');
const reused = existsSync(path);
const clock = { now: () => NOW };
const db = openDatabase(path);
const core = createCore(db, clock);
if (!reused) {
  const started = performance.now();
  const summary = seedDemoNetwork(core, { seed: 20261123, days: DAYS, scale: 1, now: NOW, log: () => {} });
  console.log(`seeded ${summary?.tickets} tickets over ${DAYS} days in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
core.liveMetrics.rebuild(NOW);

const admin = principalForRole({ kind: 'user', id: 'bench', name: 'bench', role: 'admin', scope: { kind: 'all' } });
const slaView = createSlaView(core.slaEngine, core.slaRulebook, core.org, clock);
const service = createScorecardService({
  db, org: core.org, clock, audit: () => {}, guard: createMetricScopeGuard({ db, org: core.org, refused: () => {} }), slaOf: (ticketId) => slaView.forTicket(ticketId),
});

function timed(label: string, runs: (() => unknown)[]): void {
  const times = runs.map((run) => {
    const started = performance.now();
    run();
    return performance.now() - started;
  }).sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!.toFixed(1);
  console.log(`${label}: n=${times.length} median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${times.at(-1)!.toFixed(1)} ms`);
}

const everyEngineer = db.select({ id: engineers.id }).from(engineers).all();
const sample = everyEngineer.filter((_, i) => i % Math.max(1, Math.floor(everyEngineer.length / SAMPLES)) === 0).slice(0, SAMPLES);
console.log(`${cpus()[0]?.model ?? 'cpu'} ×${cpus().length}; ${everyEngineer.length} engineers; store ${path}`);
timed('GET /engineers/:id/scorecard (week + month for the whole team, star)', sample.map(({ id }) => () => service.scorecard(admin, id)));
timed('GET /engineers/:id/open-tickets (with SLA clocks)', sample.map(({ id }) => () => service.openTickets(admin, id)));
timed('GET /service-star per center (the wall)', db.select({ id: centers.id }).from(centers).all().map(({ id }) => () => service.starOf(admin, id)));
