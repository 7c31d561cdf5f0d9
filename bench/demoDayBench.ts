/**
 * The demo's open work through the day, as a wall reads it: 30 days of history seeded to 03:00
 * Shanghai (BENCH_DATE, a local date), then the simulator brought to 09:00, 14:00, 20:00 and the next
 * 03:00. At each: breached and at-risk shares of the open backlog, parts waits, the week's compliance
 * and first-time fix, how many centers read amber or red on breached and on at-risk open tickets (the
 * wall's default thresholds), and what the breached open tickets are waiting on. Prints figures; asserts nothing.
 * `npx tsx bench/demoDayBench.ts` (DEMO_SCALE 0.2 unless BENCH_SCALE says otherwise).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db/connection';
import { createCore } from '../server/core';
import { seedDemoNetwork } from '../server/demo/demoSeed';
import { startSimulator } from '../server/demo/simulator';
import { DEFAULT_THRESHOLDS } from '../client/wall/thresholds';
import { openComplaintCondition } from '../shared/domain/vocabulary';
import { DEFAULT_WARN_AT } from '../shared/sla/slaPolicy';

const HOUR = 3_600_000;
const SEED = Number(process.env.BENCH_SEED ?? 20261123);
const SCALE = Number(process.env.BENCH_SCALE ?? 0.2);
const date = process.env.BENCH_DATE ?? '2026-11-25';
const start = Date.parse(`${date}T03:00:00+08:00`);
const dir = mkdtempSync(join(tmpdir(), 'ops-demo-day-'));
let now = start;
const db = openDatabase(join(dir, 'ops.db'));
const core = createCore(db, { now: () => now });
const percent = (n: number) => `${(100 * n).toFixed(1)} %`;

function centerTones(metric: 'breached_open' | 'at_risk_open'): { amber: number; red: number; worst: string } {
  const rule = DEFAULT_THRESHOLDS[metric]!;
  let amber = 0;
  let red = 0;
  let worst = { share: 0, name: '' };
  for (const center of core.referenceService.list('centers')) {
    const values = core.liveMetrics.valuesOf({ kind: 'center', id: center.id }, 'today', now)!;
    const share = values.backlog_open ? values[metric]! / values.backlog_open : 0;
    if (share >= rule.alert && values[metric]! >= rule.minCount!) red += 1;
    else if (share >= rule.warning) amber += 1;
    if (share > worst.share) worst = { share, name: `${center.name} ${values[metric]}/${values.backlog_open}` };
  }
  return { amber, red, worst: `${worst.name} (${percent(worst.share)})` };
}

/** Open tickets by status and clock: breached ones (with the mean hours overdue) and, apart, those at risk. */
function openBreakdown(condition: string): string {
  const rows = db.$client
    .prepare(
      `select t.status, c.metric, count(distinct t.id) n, round(avg((@now - c.due_at) / 3600000.0), 1) overdue_h
       from tickets t join sla_clocks c on c.ticket_id = t.id
       where t.status not in ('resolved', 'closed', 'cancelled') and ${condition}
       group by t.status, c.metric order by n desc`,
    )
    .all({ now }) as { status: string; metric: string; n: number; overdue_h: number }[];
  return rows.map((row) => `${row.status}/${row.metric} ${row.n} (${row.overdue_h} h)`).join(', ');
}

const BREACHED = `(c.breached = 1 and c.state in ('active', 'paused') or c.state = 'active' and c.due_at <= @now)`;
// Past the first default warning level; counted in wall time, which is close enough to see what waits.
const AT_RISK = `c.state = 'active' and c.due_at > @now and @now - c.started_at >= (c.due_at - c.started_at) * ${DEFAULT_WARN_AT[0]! / 100}`;

/** Centers the default complaint alerts would fire for: an open VIP complaint, a complaint unresolved past 2 days. */
function complaintAlertCenters(): string {
  const centers = (condition: string) => (db.$client
    .prepare(`select count(distinct t.center_id) n from complaints c join tickets t on t.id = c.ticket_id where ${condition}`)
    .get({ now, twoDaysAgo: now - 48 * HOUR }) as { n: number }).n;
  const vip = `${openComplaintCondition('c')} and exists (select 1 from customers k where k.id = c.customer_id and k.tier = 'vip')`;
  return `complaint alerts (centers): VIP open ${centers(vip)}, unresolved over 2 d ${centers(`c.status in ('open', 'escalated') and c.opened_at < @twoDaysAgo`)}`;
}

function report(label: string): void {
  const today = core.liveMetrics.valuesOf({ kind: 'network' }, 'today', now)!;
  const week = core.liveMetrics.valuesOf({ kind: 'network' }, '7d', now)!;
  const backlog = today.backlog_open!;
  const tones = centerTones('breached_open');
  const riskTones = centerTones('at_risk_open');
  console.log(`${label} (load ${loadavg()[0]!.toFixed(1)}): backlog ${backlog}, breached open ${today.breached_open} = ${percent(today.breached_open! / backlog)}, `
    + `at risk ${percent(today.at_risk_open! / backlog)}, parts ${percent(today.waiting_parts_open! / backlog)}; 7 d on-site ${percent(week.sla_compliance_on_site!)}, `
    + `resolution ${percent(week.sla_compliance_resolution!)}, first-time fix ${percent(week.first_time_fix_rate!)}; centers amber ${tones.amber}, red ${tones.red}, worst ${tones.worst}`);
  console.log(`  on at risk: centers amber ${riskTones.amber}, red ${riskTones.red}, worst ${riskTones.worst}`);
  console.log(`  breached open by status/clock (h overdue): ${openBreakdown(BREACHED)}`);
  console.log(`  at risk by status/clock (h to due, negative): ${openBreakdown(AT_RISK)}`);
  console.log(`  ${complaintAlertCenters()}`);
}

const seeded = seedDemoNetwork(core, { seed: SEED, days: 30, scale: SCALE, now, log: () => {} })!;
console.log(`seeded ${seeded.tickets} tickets in ${(seeded.ms / 1000).toFixed(1)} s, DEMO_SCALE ${SCALE}, seed ${SEED}`);
const simulator = startSimulator(core, { clock: { now: () => now }, seed: SEED, scale: SCALE, tickMs: 24 * HOUR, log: () => {} });
try {
  report(`${date} 03:00`);
  for (const [hours, label] of [[6, '09:00'], [11, '14:00'], [17, '20:00'], [24, 'next 03:00']] as const) {
    while (now < start + hours * HOUR) {
      now = Math.min(now + 10 * 60_000, start + hours * HOUR);
      await simulator.tick();
    }
    report(label);
  }
} finally {
  simulator.stop();
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
}
