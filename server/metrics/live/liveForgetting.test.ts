import { afterEach, describe, expect, it } from 'vitest';
import type { IngestEventInput } from '../../../shared/ingest/eventSchema';
import { METRIC_WINDOWS } from '../../../shared/metrics/metricQuery';
import { createdEvent, smallNetwork, todaysFlowEvents } from '../../../test/support/smallNetwork';
import { type TempDb, openTempDb } from '../../../test/support/tempDb';
import { type Core, createCore } from '../../core';
import { computeMetrics } from '../metricReference';

const NOW = Date.parse('2026-11-23T12:00:00+08:00');
const at = (time: string) => `2026-10-10T${time}+08:00`;

/** A ticket closed six weeks before now: past every window of the live figures, still in the day rollups. */
const closedLongAgo: IngestEventInput[] = [
  createdEvent('OLD-1', at('08:00:00'), { engineerId: 'e-001' }),
  { id: 'OLD-1-arrived', type: 'ticket.engineer_arrived', at: at('09:00:00'), ticketId: 'OLD-1', data: {} },
  { id: 'OLD-1-resolved', type: 'ticket.resolved', at: at('10:00:00'), ticketId: 'OLD-1', data: {} },
  { id: 'OLD-1-closed', type: 'ticket.closed', at: at('11:00:00'), ticketId: 'OLD-1', data: {} },
];
const lateSurvey: IngestEventInput = { id: 'OLD-1-survey', type: 'survey.completed', at: at('12:00:00'), ticketId: 'OLD-1', data: { score: 4 } };

const stores: TempDb[] = [];
afterEach(() => stores.splice(0).forEach((store) => store.close()));

function openCore(clock = { now: () => NOW }): { core: Core; temp: TempDb } {
  const temp = openTempDb('live-forgetting-');
  stores.push(temp);
  const core = createCore(temp.db, clock);
  for (const kind of ['regions', 'centers', 'engineers', 'customers', 'products'] as const) core.referenceService.upsert(kind, smallNetwork[kind] as never);
  return { core, temp };
}

function rollups(temp: TempDb): string[] {
  return temp.db.$client.prepare('select * from metric_rollups').all().map((row) => JSON.stringify(row)).sort();
}

describe('tickets the live figures no longer hold', () => {
  it('are not kept once they cannot move a figure, while a recent one is, and the figures equal the SQL recount', () => {
    const { core, temp } = openCore();
    expect(core.ingestService.ingest(closedLongAgo, 'test').rejected).toEqual([]);
    expect(core.liveMetrics.size()).toBe(0);
    expect(core.ingestService.ingest(todaysFlowEvents(NOW), 'test').rejected).toEqual([]);
    expect(core.liveMetrics.size()).toBe(2);
    for (const window of METRIC_WINDOWS) {
      expect(core.liveMetrics.valuesOf({ kind: 'network' }, window, NOW)).toEqual(computeMetrics(temp.db, core.org, { scope: { kind: 'network' }, window, now: NOW }).values);
    }
  });

  it('are counted once in the rollups when an event reaches them after they were forgotten at ingest', () => {
    const whole = openCore();
    expect(whole.core.ingestService.ingest([...closedLongAgo, lateSurvey], 'test').rejected).toEqual([]);

    const forgotten = openCore();
    forgotten.core.ingestService.ingest(closedLongAgo, 'test');
    forgotten.core.ingestService.ingest([lateSurvey], 'test');
    expect(rollups(forgotten.temp)).toEqual(rollups(whole.temp));

  });

  it('are counted once in the rollups when an event reaches them after a prune forgot them', () => {
    // Two stores on the same clock: ingested the day after the ticket closed, then six weeks on; one is pruned in between.
    const day = { now: Date.parse(at('23:00:00')) };
    const clock = { now: () => day.now };
    const kept = openCore(clock);
    const pruned = openCore(clock);
    for (const { core } of [kept, pruned]) expect(core.ingestService.ingest(closedLongAgo, 'test').rejected).toEqual([]);
    expect(pruned.core.liveMetrics.size()).toBe(1);
    day.now = NOW;
    const steps = pruned.core.liveMetrics.pruneSteps(NOW);
    while (!steps.next().done);
    expect(pruned.core.liveMetrics.size()).toBe(0);
    for (const { core } of [kept, pruned]) core.ingestService.ingest([lateSurvey], 'test');
    expect(rollups(pruned.temp)).toEqual(rollups(kept.temp));
    expect(kept.core.liveMetrics.size()).toBe(0);
  });

  it('are counted once in the rollups when an SLA recompute reaches them', () => {
    const { core, temp } = openCore();
    expect(core.ingestService.ingest(closedLongAgo, 'test').rejected).toEqual([]);
    const before = rollups(temp);
    expect(before.length).toBeGreaterThan(0);

    core.slaEngine.recomputeTickets(['OLD-1']);

    expect(core.liveMetrics.size()).toBe(0);
    expect(rollups(temp)).toEqual(before);
  });
});
