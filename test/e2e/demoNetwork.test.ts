import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoNetwork } from '../../server/demo/demoSeed';
import { type Simulator, startSimulator } from '../../server/demo/simulator';
import type { MetricId, MetricValues } from '../../shared/metrics/metricCatalog';
import type { SearchAnswer } from '../../shared/api/ticketPage';
import { OPEN_STATUSES } from '../../shared/domain/vocabulary';
import { DEFAULT_THRESHOLDS } from '../../client/wall/thresholds';
import { dailyBacklog } from '../support/backlogHistory';
import { type TestServer, call, signInAs, startTestServer } from '../support/testServer';

/**
 * The demo as a buyer first sees it: 30 days of history, read back through GET /api/v1/metrics, must
 * look like a well-run network (the targets of DOMAIN.md and issue 19). A full-size demo takes minutes
 * to seed, so this one runs at DEMO_SCALE 0.2: a fifth of the tickets over the same network, with every
 * engineer getting through a fifth as much (the traffic model scales both), so every rate is the
 * same and only the counts are smaller. The history ends at 09:00 on a Wednesday in Shanghai, when a
 * wall's early figures are read; the simulator then brings it to 10:20 for the rest, and the clock
 * stands still at each, so the figures are the same on every run.
 */
const MORNING = Date.parse('2026-11-25T09:00:00+08:00');
const NOW = Date.parse('2026-11-25T10:20:00+08:00');
const DAY = 24 * 3_600_000;
const SEED = 20261123;
const SCALE = 0.2;

let server: TestServer;
let simulator: Simulator;
let clockAt = MORNING;

async function figures(scope: string, window: string): Promise<MetricValues> {
  const response = await call(server, 'GET', `/api/v1/metrics?scope=${scope}&window=${window}`);
  expect(response.status, response.text).toBe(200);
  return response.json.values as MetricValues;
}

beforeAll(async () => {
  const clock = { now: () => clockAt };
  server = await startTestServer({ clock });
  const seeded = seedDemoNetwork(server.application.core, { seed: SEED, days: 30, scale: SCALE, now: MORNING, log: () => {} });
  expect(seeded?.tickets).toBeGreaterThan(10_000);
  simulator = startSimulator(server.application.core, { clock, seed: SEED, scale: SCALE, tickMs: DAY, log: () => {} });
}, 600_000);

afterAll(async () => {
  simulator?.stop();
  await server?.close();
});

/** How far a rate over n units may stray from the network's usual rate by chance alone: four standard errors, and a point. */
function chanceBand(usual: number, n: number): number {
  return 4 * Math.sqrt((usual * (1 - usual)) / n) + 0.01;
}

describe('the demo network at 09:00, as a wall reads it', () => {
  const RATES = ['first_time_fix_rate', 'sla_compliance_on_site', 'sla_compliance_resolution'] as const satisfies readonly MetricId[];

  it('shows today\'s early rates as the network\'s usual ones, within what chance allows over their few tickets', async () => {
    const today = await figures('network', 'today');
    const week = await figures('network', '7d');
    const samples = server.application.core.liveMetrics.samplesOf({ kind: 'network' }, 'today', MORNING)!;
    for (const metric of RATES) {
      const n = samples[metric]!;
      expect(n, metric).toBeGreaterThan(5);
      // Second visits are booked in the day, so the night's resolutions are not all repeat work (issue 19: 67.8 % at 09:00).
      expect(today[metric]!, metric).toBeGreaterThanOrEqual(week[metric]! - chanceBand(week[metric]!, n));
    }
  });

  it('reads the rolling day the wall shows inside the network\'s usual band, for the network and every region', async () => {
    const week = await figures('network', '7d');
    const regions = server.application.core.referenceService.list('regions').filter((region) => region.parentId === null);
    for (const scope of ['network', ...regions.map((region) => `region:${region.id}`)]) {
      const day = await figures(scope, '24h');
      const samples = server.application.core.liveMetrics.samplesOf(scope === 'network' ? { kind: 'network' } : { kind: 'region', id: scope.slice(7) }, '24h', MORNING)!;
      for (const metric of RATES) {
        expect(samples[metric]!, `${scope} ${metric}`).toBeGreaterThanOrEqual(10);
        expect(Math.abs(day[metric]! - week[metric]!), `${scope} ${metric}`).toBeLessThanOrEqual(chanceBand(week[metric]!, samples[metric]!) + 0.03);
      }
    }
  });
});

describe('the 30-day demo network', () => {
  beforeAll(async () => {
    clockAt = NOW;
    await simulator.tick();
  });

  it('meets its promises the way a well-run network does', async () => {
    const month = await figures('network', '30d');
    const week = await figures('network', '7d');
    for (const values of [month, week]) {
      expect(values.sla_compliance_on_site).toBeGreaterThanOrEqual(0.9);
      expect(values.sla_compliance_on_site).toBeLessThanOrEqual(0.96);
      // The default policies' resolution targets (72 h standard, three business days for 5×9) leave more room than on-site ones.
      expect(values.sla_compliance_resolution).toBeGreaterThanOrEqual(0.9);
      expect(values.sla_compliance_resolution).toBeLessThanOrEqual(0.96);
      expect(values.first_time_fix_rate).toBeGreaterThanOrEqual(0.85);
      expect(values.first_time_fix_rate).toBeLessThanOrEqual(0.9);
      expect(values.csat_mean).toBeGreaterThanOrEqual(4.4);
      expect(values.csat_mean).toBeLessThanOrEqual(4.6);
      expect(values.complaint_rate).toBeGreaterThanOrEqual(1);
      expect(values.complaint_rate).toBeLessThanOrEqual(2);
      // Return visits come due a week after the repair; about 97 % are made in time.
      expect(values.return_visit_rate).toBeGreaterThanOrEqual(0.95);
      expect(values.return_visit_rate).toBeLessThanOrEqual(0.99);
    }
  });

  it('keeps its open work moving: parts waits are 5–8 % of the backlog, and under 8 % of it is past a deadline', async () => {
    const now = await figures('network', 'today');
    const backlog = now.backlog_open!;
    expect(backlog).toBeGreaterThan(100);
    expect(now.waiting_parts_open! / backlog).toBeGreaterThanOrEqual(0.05);
    expect(now.waiting_parts_open! / backlog).toBeLessThanOrEqual(0.08);
    // A well-run network's breached open tickets are a few in a hundred: those that breach are escalated, not left open.
    expect(now.breached_open! / backlog).toBeLessThan(0.08);
    // An SLA clock is at risk from its first warning, three quarters of its target by default: at half,
    // the night's standard first visits booked from 08:00 counted, a third of a network that keeps its
    // promises (issue 19). A morning's at risk reads green on the wall.
    expect(now.at_risk_open! / backlog).toBeLessThan(DEFAULT_THRESHOLDS.at_risk_open!.warning);
  });

  it('puts its breaches right within hours: the breached open tickets are past their promise by under a day on average', () => {
    // Dispatchers escalate a visit that would come well after its promise (issue 19: hard faults sat open 47 h past resolution).
    const overdue = server.db.$client
      .prepare(
        `select avg(? - c.due_at) mean, count(*) n from sla_clocks c join tickets t on t.id = c.ticket_id
         where c.subject_id is null and c.metric in ('on_site', 'resolution') and c.state = 'active' and c.due_at <= ?
           and t.status in (${OPEN_STATUSES.map((status) => `'${status}'`).join(', ')})`,
      )
      .get(NOW, NOW) as { mean: number; n: number };
    expect(overdue.n).toBeGreaterThan(0);
    expect(overdue.mean).toBeLessThan(DAY);
  });

  it('has few return-visit breaches, and those recent', () => {
    const running = server.db.$client
      .prepare(`select count(*) n, sum(breached) breached, min(due_at) oldest from sla_clocks where metric = 'return_visit' and state = 'active'`)
      .get() as { n: number; breached: number; oldest: number };
    expect(running.breached / running.n).toBeLessThan(0.03);
    // The late ones are called within ten days of the repair, so none has been overdue for more than three.
    expect(NOW - running.oldest).toBeLessThan(3 * DAY);
  });

  it('has one or two centers in trouble, not a red wall', async () => {
    const centers = server.application.core.referenceService.list('centers');
    const onSite = await Promise.all(centers.map(async (center) => (await figures(`center:${center.id}`, '30d')).sla_compliance_on_site!));
    const troubled = onSite.filter((compliance) => compliance < 0.85);
    expect(troubled.length).toBeGreaterThanOrEqual(1);
    expect(troubled.length).toBeLessThanOrEqual(2);
  });

  it('is stationary: each day\'s mean backlog stays within ±20 % of the last seven days\' mean', () => {
    // The history carries in the tickets still in hand when it begins, so its first days are not an empty network filling up.
    const { means, lastWeekMean, worstStray } = dailyBacklog(server.db, NOW, 30);
    expect(means).toHaveLength(30);
    expect(lastWeekMean).toBeGreaterThan(100);
    expect(worstStray).toBeLessThanOrEqual(0.2);
  });
});

describe('the demo network, as a supervisor of 华中 searches it', () => {
  // A customer is in reach when one of their tickets is; a Shanghai hospital served from Wuhan looked like a leak.
  it('finds the firms of their own cities, and none named after a city of another region', async () => {
    const central = await signInAs(server, { username: 'sup.demo.central', role: 'supervisor', grants: [{ kind: 'region', id: 'central' }] });
    const search = async (q: string): Promise<SearchAnswer> => {
      const response = await call(server, 'GET', `/api/v1/search?q=${encodeURIComponent(q)}&limit=20`, undefined, central);
      expect(response.status, response.text).toBe(200);
      return response.json as SearchAnswer;
    };
    for (const q of ['上海', 'Shanghai', '北京', 'Beijing']) expect((await search(q)).customers.map((hit) => hit.name), q).toEqual([]);
    for (const q of ['武汉', 'Wuhan']) expect((await search(q)).customers.length, q).toBeGreaterThan(0);
  });
});
