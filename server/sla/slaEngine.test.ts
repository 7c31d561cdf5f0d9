import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../db/connection';
import { slaPolicyVersions } from '../../db/schema';
import type { SlaFiring } from '../../shared/sla/slaFiring';
import { slaPolicySetSchema } from '../../shared/sla/slaPolicy';
import { DEFAULT_SLA_POLICIES } from '../../shared/sla/defaultPolicies';
import { manualClock } from '../../test/support/manualClock';
import { createdEvent, smallNetwork } from '../../test/support/smallNetwork';
import { type Core, createCore } from '../core';

const MINUTE = 60_000;
const T0 = Date.parse('2026-11-23T02:00:00Z');


let dir: string;
let dbs: Db[];
let logged: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sla-engine-'));
  dbs = [];
  logged = [];
});

afterEach(() => {
  expect(logged).toEqual([]);
  for (const db of dbs) db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

function boot(clock: { now(): number }): { core: Core; firings: SlaFiring[] } {
  const db = openDatabase(join(dir, 'ops.db'));
  dbs.push(db);
  const core = createCore(db, clock, (line) => logged.push(line));
  const firings: SlaFiring[] = [];
  core.slaEngine.onFiring((batch) => firings.push(...batch));
  for (const kind of ['regions', 'centers', 'engineers', 'customers', 'products'] as const) core.referenceService.upsert(kind, smallNetwork[kind] as never);
  return { core, firings };
}

function ingest(core: Core, events: unknown[]): void {
  const result = core.ingestService.ingest(events, 'test');
  expect(result.rejected).toEqual([]);
}

const iso = (epochMs: number) => new Date(epochMs).toISOString();
const kinds = (firings: SlaFiring[]) => firings.map((item) => `${item.kind} ${item.metric}${item.level === null ? '' : ` ${item.level}`}${item.late ? ' late' : ''}`);

describe('SLA engine: live firing', () => {
  it('fires each warning and the breach at its moment, once, with the ticket and its scope', () => {
    const clock = manualClock(T0);
    const { core, firings } = boot(clock);
    core.slaEngine.start();
    ingest(core, [createdEvent('T-1', iso(T0))]); // 7x24x4: first response due in 30 minutes
    expect(firings).toEqual([]);
    expect(core.slaEngine.pendingTimers()).toBeGreaterThan(0);

    // Half the promise used is no warning: the first default level is three quarters.
    clock.set(T0 + 15 * MINUTE);
    core.slaEngine.fireDue();
    expect(firings).toEqual([]);

    clock.set(T0 + 22.5 * MINUTE);
    core.slaEngine.fireDue();
    expect(kinds(firings)).toEqual(['sla.warning first_response 75']);
    expect(firings[0]).toMatchObject({ ticketId: 'T-1', cycle: 1, at: T0 + 22.5 * MINUTE, dueAt: T0 + 30 * MINUTE, centerId: 'sh-01', regionIds: ['sh', 'east'] });

    for (const minutes of [27, 30, 31]) {
      clock.set(T0 + minutes * MINUTE);
      core.slaEngine.fireDue();
    }
    core.slaEngine.fireDue();
    expect(kinds(firings)).toEqual(['sla.warning first_response 75', 'sla.warning first_response 90', 'sla.breached first_response 100']);

    // A breached clock that then stops is not "met".
    ingest(core, [{ id: 'T-1-resp', type: 'ticket.first_response', at: iso(T0 + 40 * MINUTE), ticketId: 'T-1', data: {} }]);
    expect(firings.filter((item) => item.kind === 'sla.met')).toEqual([]);
    expect(core.slaEngine.clocksOf('T-1').find((row) => row.metric === 'first_response')).toMatchObject({ state: 'stopped', breached: true, nextFireAt: null });
  });

  it('announces a clock met when it stops in time, and never fires what it no longer owes', () => {
    const clock = manualClock(T0);
    const { core, firings } = boot(clock);
    core.slaEngine.start();
    ingest(core, [createdEvent('T-2', iso(T0))]);
    clock.set(T0 + 10 * MINUTE);
    ingest(core, [{ id: 'T-2-resp', type: 'ticket.first_response', at: iso(T0 + 10 * MINUTE), ticketId: 'T-2', data: {} }]);
    expect(kinds(firings)).toEqual(['sla.met first_response']);
    clock.set(T0 + 3 * 60 * MINUTE);
    core.slaEngine.fireDue();
    // on_site (4 h) reached 75 % at 3 h; first_response owes nothing more.
    expect(kinds(firings)).toEqual(['sla.met first_response', 'sla.warning on_site 75']);
  });

  it('marks as late what a late event reveals, and fires it at once', () => {
    const clock = manualClock(T0 + 3 * 60 * MINUTE);
    const { core, firings } = boot(clock);
    core.slaEngine.start();
    ingest(core, [createdEvent('T-3', iso(T0))]);
    expect(kinds(firings)).toEqual([
      'sla.warning first_response 75 late', 'sla.warning first_response 90 late', 'sla.breached first_response 100 late',
      'sla.warning on_site 75',
    ]);
  });
});

describe('SLA engine: restart', () => {
  it('rebuilds its timers from the store and fires what came due while down, marked late', () => {
    const clock = manualClock(T0);
    const first = boot(clock);
    first.core.slaEngine.start();
    ingest(first.core, [createdEvent('T-4', iso(T0))]);
    first.core.slaEngine.stop();
    first.firings.length = 0;

    clock.set(T0 + 25 * MINUTE);
    const second = boot(clock);
    expect(second.firings).toEqual([]);
    second.core.slaEngine.start();
    expect(kinds(second.firings)).toEqual(['sla.warning first_response 75 late']);
    expect(second.firings[0]).toMatchObject({ at: T0 + 22.5 * MINUTE, firedAt: T0 + 25 * MINUTE });
    expect(second.core.slaEngine.pendingTimers()).toBeGreaterThan(0);
    second.core.slaEngine.start();
    expect(kinds(second.firings)).toHaveLength(1);
  });
});

describe('SLA engine: policy change', () => {
  it('recomputes open tickets against a new policy version and keeps what was announced', () => {
    const clock = manualClock(T0);
    const { core, firings } = boot(clock);
    core.slaEngine.start();
    ingest(core, [createdEvent('T-5', iso(T0))]);
    clock.set(T0 + 22.5 * MINUTE);
    core.slaEngine.fireDue();
    expect(kinds(firings)).toEqual(['sla.warning first_response 75']);

    const looser = slaPolicySetSchema.parse(
      DEFAULT_SLA_POLICIES.map((policy) =>
        policy.id === 'contract-7x24x4' ? { ...policy, metrics: { ...policy.metrics, first_response: { ...policy.metrics.first_response!, target: { kind: 'calendar', minutes: 120 } } } } : policy,
      ),
    );
    core.db.insert(slaPolicyVersions).values({ version: 2, policies: looser, changedBy: 'test', changedAt: clock.now() }).run();
    core.slaRulebook.reload();
    expect(core.slaEngine.recomputeTickets(['T-5'])).toEqual({ changedClocks: 1 });
    const firstResponse = core.slaEngine.clocksOf('T-5').find((row) => row.metric === 'first_response')!;
    // 75 % now falls at 90 minutes, but it was announced: the next to fire is 90 %.
    expect(firstResponse).toMatchObject({ dueAt: T0 + 120 * MINUTE, policyVersion: 2, fired: [75], breached: false, nextFireAt: T0 + 108 * MINUTE });
    expect(core.slaEngine.recomputeTickets(['T-5'])).toEqual({ changedClocks: 0 });

    clock.set(T0 + 121 * MINUTE);
    core.slaEngine.fireDue();
    expect(kinds(firings).slice(1)).toEqual(['sla.warning first_response 90 late', 'sla.breached first_response 100 late']);
  });
});
