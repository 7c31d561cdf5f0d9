import { afterEach, describe, expect, it } from 'vitest';
import { createdEvent, smallNetwork } from '../../test/support/smallNetwork';
import { type TempDb, openTempDb } from '../../test/support/tempDb';
import { createCore } from '../core';
import { clockKey } from './slaStore';

/** More tickets than one id-list statement takes (500), so their reads are cut into several statements. */
const TICKETS = Array.from({ length: 510 }, (_, index) => `T-${String(index).padStart(4, '0')}`);
const CREATED_AT = '2026-11-23T11:00:00+08:00';
const T0 = Date.parse(CREATED_AT);

const stores: TempDb[] = [];
afterEach(() => stores.splice(0).forEach((store) => store.close()));

function openCore(clock: { now(): number }) {
  const temp = openTempDb('sla-many-');
  stores.push(temp);
  const core = createCore(temp.db, clock);
  for (const kind of ['regions', 'centers', 'engineers', 'customers', 'products'] as const) core.referenceService.upsert(kind, smallNetwork[kind] as never);
  expect(core.ingestService.ingest(TICKETS.map((id) => createdEvent(id, CREATED_AT)), 'test').rejected).toEqual([]);
  return core;
}

describe('SLA clocks of more tickets than one statement reads', () => {
  it('reads each clock once, by ticket and by key', () => {
    const core = openCore({ now: () => T0 + 60_000 });
    const ofFirst = core.slaEngine.clocksOf(TICKETS[0]!);
    expect(ofFirst.length).toBeGreaterThan(0);
    const byTicket = core.slaEngine.store.forTickets(TICKETS);
    for (const id of TICKETS) expect(byTicket.get(id)!.length).toBe(ofFirst.length);
    const keys = TICKETS.flatMap((id) => core.slaEngine.clocksOf(id).map(clockKey));
    expect(core.slaEngine.store.byKeys(keys)).toHaveLength(keys.length);
  });

  it('announces each level of each clock once when they all come due together, as after a restart', () => {
    const clock = { at: T0 + 60_000, now() { return this.at; } };
    const core = openCore(clock);
    core.slaEngine.start();
    const heard = new Map<string, number>();
    core.slaEngine.onFiring((firings) => {
      for (const firing of firings) {
        const key = `${firing.kind}|${firing.ticketId}|${firing.metric}|${firing.cycle}|${firing.level}`;
        heard.set(key, (heard.get(key) ?? 0) + 1);
      }
    });
    clock.at = T0 + 10 * 86_400_000;
    core.slaEngine.fireDue();
    core.slaEngine.stop();

    expect(new Set([...heard.keys()].map((key) => key.split('|')[1]))).toEqual(new Set(TICKETS));
    expect([...heard].filter(([, times]) => times > 1)).toEqual([]);
  });
});
