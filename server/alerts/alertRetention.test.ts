import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webhookDeliveries } from '../../db/schema';
import type { AlertState, DeliveryStatus } from '../../shared/alerts/alertVocabulary';
import { DAY_MS } from '../../shared/calendar/calendarDates';
import { runInSlices } from '../eventLoopSlices';
import { newInstance } from './alertInstance';
import { PRUNE_CHUNK } from '../eventLoopSlices';
import type { HistoryRow, StoredInstance } from './alertRepository';
import { type AlertingWorld, openAlertingWorld } from '../../test/support/alertTestSupport';

const RETENTION = { historyDays: 90, deliveryLogDays: 30 };

let world: AlertingWorld;
let historyHorizon: number;
let deliveryHorizon: number;

beforeEach(() => {
  world = openAlertingWorld({ retention: RETENTION });
  historyHorizon = world.clock.now() - RETENTION.historyDays * DAY_MS;
  deliveryHorizon = world.clock.now() - RETENTION.deliveryLogDays * DAY_MS;
});

afterEach(() => world.close());

function instance(fingerprint: string, state: AlertState, extra: Partial<StoredInstance> = {}): StoredInstance {
  return { ...newInstance({ fingerprint, ruleId: 'backlog', scope: 'center:sh-01', labels: { scope: 'center:sh-01' }, severity: 'warning' }, historyHorizon - DAY_MS), state, ...extra };
}

/** `count` history entries of an instance, a second apart, the first at `from`. */
function entries(fingerprint: string, count: number, from: number): HistoryRow[] {
  return Array.from({ length: count }, (_, i) => ({ fingerprint, at: from + i * 1000, kind: 'count', actor: 'engine', value: i }));
}

function historyCount(fingerprint: string): number {
  return (world.db.$client.prepare('select count(*) from alert_history where fingerprint = ?').pluck().get(fingerprint) as number);
}

function deliveries(status: DeliveryStatus, count: number, createdAt: number): void {
  const rows = Array.from({ length: count }, (_, i) => ({ targetId: 't-hq', groupKey: `g-${i}`, payload: '{}', status, attempts: 1, createdAt: createdAt + i }));
  for (let i = 0; i < rows.length; i += 100) world.db.insert(webhookDeliveries).values(rows.slice(i, i + 100)).run();
}

function deliveryCounts(): Record<string, number> {
  const rows = world.db.$client.prepare('select status, created_at < ? as old, count(*) as n from webhook_deliveries group by status, old').all(deliveryHorizon) as { status: string; old: number; n: number }[];
  return Object.fromEntries(rows.map((row) => [`${row.status}${row.old ? ' old' : ' recent'}`, row.n]));
}

const OLD = () => historyHorizon - 30 * DAY_MS;

describe('alert retention', () => {
  it('drops old history of resolved alerts, many chunks of it, and keeps recent history and every open alert’s', async () => {
    const resolvedMany = Array.from({ length: PRUNE_CHUNK + 100 }, (_, i) => `resolved-${String(i).padStart(4, '0')}`);
    const open: [string, AlertState, Partial<StoredInstance>][] = [
      ['pending', 'pending', {}], ['firing', 'firing', {}], ['recovering', 'recovering', {}],
      ['firing-acknowledged', 'firing', { acknowledgedBy: 'manager-li', acknowledgedAt: OLD() }],
    ];
    world.alerting.alerts.save(
      [instance('resolved-long', 'resolved'), ...resolvedMany.map((fp) => instance(fp, 'resolved')), ...open.map(([fp, state, extra]) => instance(fp, state, extra))],
      [
        ...entries('resolved-long', 2 * PRUNE_CHUNK + 200, OLD()), ...entries('resolved-long', 3, historyHorizon),
        ...resolvedMany.flatMap((fp) => [...entries(fp, 2, OLD()), ...entries(fp, 1, historyHorizon + DAY_MS)]),
        ...open.flatMap(([fp]) => entries(fp, PRUNE_CHUNK + 50, OLD())),
      ],
    );

    await runInSlices(world.alerting.pruneSteps(world.clock.now()));

    // An entry exactly at the horizon is within retention.
    expect(historyCount('resolved-long')).toBe(3);
    expect(resolvedMany.map(historyCount)).toEqual(resolvedMany.map(() => 1));
    expect(open.map(([fp]) => historyCount(fp))).toEqual(open.map(() => PRUNE_CHUNK + 50));
  });

  it('deletes at most a chunk a step', () => {
    world.alerting.alerts.save([instance('resolved', 'resolved')], entries('resolved', 3 * PRUNE_CHUNK, OLD()));
    deliveries('delivered', 2 * PRUNE_CHUNK, deliveryHorizon - DAY_MS);
    const total = () => world.db.$client.prepare('select (select count(*) from alert_history) + (select count(*) from webhook_deliveries)').pluck().get() as number;
    const removedEachStep: number[] = [];
    const steps = world.alerting.pruneSteps(world.clock.now());
    for (let before = total(); !steps.next().done; before = total()) removedEachStep.push(before - total());
    expect(total()).toBe(0);
    expect(Math.max(...removedEachStep)).toBe(PRUNE_CHUNK);
  });

  it('keeps the history of an alert that reopens while the prune is under way', () => {
    world.alerting.alerts.save([instance('a-resolved', 'resolved'), instance('b-resolved', 'resolved')], [...entries('a-resolved', 10, OLD()), ...entries('b-resolved', 10, OLD())]);
    const steps = world.alerting.pruneSteps(world.clock.now());
    steps.next();
    expect(historyCount('a-resolved')).toBe(0);
    world.alerting.alerts.save([instance('b-resolved', 'pending')], entries('b-resolved', 1, world.clock.now()));
    while (!steps.next().done);
    expect(historyCount('b-resolved')).toBe(11);
  });

  it('drops delivered and failed deliveries past the delivery log’s retention, and keeps recent and pending ones', async () => {
    deliveries('delivered', PRUNE_CHUNK + 300, deliveryHorizon - 10 * DAY_MS);
    deliveries('failed', 40, deliveryHorizon - 10 * DAY_MS);
    deliveries('pending', 5, deliveryHorizon - 10 * DAY_MS);
    deliveries('delivered', 20, deliveryHorizon);
    deliveries('failed', 3, deliveryHorizon + DAY_MS);

    await runInSlices(world.alerting.pruneSteps(world.clock.now()));

    expect(deliveryCounts()).toEqual({ 'pending old': 5, 'delivered recent': 20, 'failed recent': 3 });
  });

  it('follows the retention it is given, and the defaults without one', async () => {
    const fill = () => {
      world.alerting.alerts.save([instance('resolved', 'resolved')], [...entries('resolved', 4, world.clock.now() - 10 * DAY_MS), ...entries('resolved', 2, world.clock.now() - 5 * DAY_MS)]);
      deliveries('failed', 4, world.clock.now() - 10 * DAY_MS);
      deliveries('delivered', 2, world.clock.now() - 5 * DAY_MS);
    };
    const deliveryTotal = () => world.db.$client.prepare('select count(*) from webhook_deliveries').pluck().get() as number;
    const pruned = async (retention: typeof RETENTION | undefined) => {
      world.close();
      world = openAlertingWorld(retention ? { retention } : {});
      fill();
      await runInSlices(world.alerting.pruneSteps(world.clock.now()));
      return [historyCount('resolved'), deliveryTotal()];
    };
    expect(await pruned({ historyDays: 7, deliveryLogDays: 7 })).toEqual([2, 2]);
    expect(await pruned(undefined)).toEqual([6, 6]);
  });
});
