import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import type { SlaFiring } from '../../shared/sla/slaFiring';
import { manualClock } from '../../test/support/manualClock';
import { createdEvent, smallNetwork } from '../../test/support/smallNetwork';
import { type Core, createCore } from '../core';
import { createKeptClocks } from './keptClocks';
import type { SlaRules } from './slaRulebook';

/**
 * The SLA stage keeps each ticket's committed clocks in memory and recomputes only those whose span moved:
 * what it keeps must stay what the store holds, through the breach timer's writes and a rolled-back batch.
 */

const MINUTE = 60_000;
const T0 = Date.parse('2026-11-23T02:00:00Z');
const iso = (epochMs: number) => new Date(epochMs).toISOString();

let dir: string;
let core: Core;
let firings: SlaFiring[];
const clock = manualClock(T0);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sla-kept-'));
  clock.set(T0);
  core = createCore(openDatabase(join(dir, 'ops.db')), clock);
  for (const kind of ['regions', 'centers', 'engineers', 'customers', 'products'] as const) core.referenceService.upsert(kind, smallNetwork[kind] as never);
  firings = [];
  core.slaEngine.onFiring((batch) => firings.push(...batch));
  core.slaEngine.start();
});

afterEach(() => {
  core.slaEngine.stop();
  core.db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

function ingest(events: unknown[]): void {
  expect(core.ingestService.ingest(events, 'test').rejected).toEqual([]);
}

const firstResponse = (ticketId: string) => core.slaEngine.clocksOf(ticketId).find((row) => row.metric === 'first_response')!;

describe('SLA stage: kept clocks', () => {
  it('does not announce again what the breach timer announced when a later event leaves the clock unmoved', () => {
    ingest([createdEvent('T-1', iso(T0))]); // P2 on 7x24x4: first response due in 30 minutes
    clock.set(T0 + 25 * MINUTE);
    core.slaEngine.fireDue();
    const announced = firings.length;
    expect(announced).toBeGreaterThan(0);
    const fired = firstResponse('T-1').fired;

    // An assignment moves no clock's span: the first response clock stands as the timer left it.
    ingest([{ id: 'T-1-assigned', type: 'ticket.assigned', at: iso(T0 + 25 * MINUTE), ticketId: 'T-1', data: { engineerId: 'e-001' } }]);
    expect(firings).toHaveLength(announced);
    expect(firstResponse('T-1').fired).toEqual(fired);
  });

  it('recomputes a kept ticket whose context moved, though its event moves no span: a customer whose contract changed', () => {
    ingest([createdEvent('T-4', iso(T0))]);
    expect(firstResponse('T-4').policyId).toBe('contract-7x24x4');
    const customers = smallNetwork.customers.map((customer) => (customer.id === 'c-001' ? { ...customer, contract: '5x9' } : customer));
    core.referenceService.upsert('customers', customers as never);

    ingest([{ id: 'T-4-assigned', type: 'ticket.assigned', at: iso(T0 + MINUTE), ticketId: 'T-4', data: { engineerId: 'e-001' } }]);
    expect(firstResponse('T-4').policyId).toBe('contract-5x9');
  });

  it("reads a changed center again: a ticket's next event times its clocks on the center's new time zone", () => {
    ingest([createdEvent('T-6', iso(T0), { customerId: 'c-002', centerId: 'sh-02' })]);
    expect(firstResponse('T-6').timeZone).toBe('Asia/Shanghai');
    const centers = smallNetwork.centers.map((center) => (center.id === 'sh-02' ? { ...center, timeZone: 'Asia/Urumqi' } : center));
    core.referenceService.upsert('centers', centers as never);

    ingest([{ id: 'T-6-assigned', type: 'ticket.assigned', at: iso(T0 + MINUTE), ticketId: 'T-6', data: { engineerId: 'e-001' } }]);
    expect(firstResponse('T-6').timeZone).toBe('Asia/Urumqi');
    const { before, after } = core.slaEngine.evaluate(['T-6'], core.slaRulebook.rules()).get('T-6')!;
    expect(before.map((row) => [row.metric, row.timeZone, row.dueAt])).toEqual(after.map((row) => [row.metric, row.timeZone, row.dueAt]));
  });

  it('keeps nothing of a batch that rolled back: the same batch again stores the clock it moves', () => {
    ingest([createdEvent('T-2', iso(T0))]);
    core.db.$client.exec(`CREATE TRIGGER boom BEFORE UPDATE ON sla_clocks WHEN NEW.state = 'stopped' BEGIN SELECT RAISE(ABORT, 'injected failure'); END;`);
    const responded = [{ id: 'T-2-resp', type: 'ticket.first_response', at: iso(T0 + 10 * MINUTE), ticketId: 'T-2', data: {} }];
    clock.set(T0 + 10 * MINUTE);
    expect(() => core.ingestService.ingest(responded, 'test')).toThrow(/injected failure/);
    expect(firstResponse('T-2').state).toBe('active');

    core.db.$client.exec('DROP TRIGGER boom');
    ingest(responded);
    expect(firstResponse('T-2')).toMatchObject({ state: 'stopped', stoppedAt: T0 + 10 * MINUTE });
  });
});

describe('kept clocks: the bound', () => {
  it('drops the ticket changed least recently once past its capacity, and a put counts as a change', () => {
    const kept = createKeptClocks(2);
    const clocks = () => ({ rules: {} as SlaRules, context: undefined, clockOf: () => null, clocks: [] });
    kept.put('T-1', clocks());
    kept.put('T-2', clocks());
    kept.put('T-1', clocks());
    kept.put('T-3', clocks());
    expect([kept.get('T-1') !== undefined, kept.get('T-2') !== undefined, kept.get('T-3') !== undefined]).toEqual([true, false, true]);
    expect(kept.size()).toBe(2);
  });
});
