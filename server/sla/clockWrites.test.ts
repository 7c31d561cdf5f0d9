import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SLA_POLICIES } from '../../shared/sla/defaultPolicies';
import { type SlaTicketContext, chooseRules, matchKey } from '../../shared/sla/slaPolicy';
import { type TempDb, openTempDb } from '../../test/support/tempDb';
import { createChosenRulesMemo } from './chosenRules';
import { settleClock, settleNewRow } from './firingPlan';
import type { SlaRules } from './slaRulebook';
import { type StoredSlaClock, createSlaStore } from './slaStore';

/** How the SLA stage writes clocks cheaply: the same rows as the plain path, in few statement shapes. */

const H = 3_600_000;
const T0 = Date.parse('2026-11-23T02:00:00Z');

function clock(overrides: Partial<StoredSlaClock> = {}): StoredSlaClock {
  return {
    ticketId: 'T-1', metric: 'resolution', cycle: 1, subjectId: null, centerId: 'sh-01', policyId: 'default', policyVersion: 1, calendarId: '24x7',
    timeZone: 'Asia/Shanghai', counting: 'calendar', state: 'active', breached: false, startedAt: T0, stoppedAt: null, targetMs: 4 * H, dueAt: T0 + 4 * H,
    originalDueAt: T0 + 4 * H, elapsedBusinessMs: 0, elapsedCalendarMs: 0, countedUntil: T0, runningSince: T0,
    thresholds: [{ percent: 75, at: T0 + 3 * H }, { percent: 100, at: T0 + 4 * H }], fired: [], metAnnounced: false, nextFireAt: T0 + 3 * H, priority: 'P1', customerId: 'cu-1',
    ...overrides,
  };
}

let temp: TempDb;
beforeEach(() => {
  temp = openTempDb('sla-writes-');
});
afterEach(() => temp.close());

describe('writing clocks', () => {
  it('stores each clock as the store reads it back, nulls, booleans and json included, and overwrites it whole', () => {
    const store = createSlaStore(temp.db);
    const first = clock();
    const other = clock({ metric: 'first_response', subjectId: 'C-1', priority: null, customerId: null, nextFireAt: null, runningSince: null });
    store.save([first, other], []);
    const stopped = clock({ state: 'stopped', stoppedAt: T0 + 2 * H, breached: true, fired: [75, 100], metAnnounced: true, thresholds: [{ percent: 75, at: null }, { percent: 100, at: null }] });
    store.save([stopped], []);
    const byMetric = (rows: StoredSlaClock[]) => [...rows].sort((a, b) => a.metric.localeCompare(b.metric));
    expect(byMetric(store.forTicket('T-1'))).toEqual(byMetric([stopped, other]));
    expect(byMetric(store.forTickets(['T-1']).get('T-1')!)).toEqual(byMetric([stopped, other]));
  });


  it('stores every save through the same statements as a fresh store would read them', () => {
    const store = createSlaStore(temp.db);
    const rows = Array.from({ length: 70 }, (_, index) => clock({ ticketId: `T-${index}`, cycle: 1 + (index % 3) }));
    store.save(rows, []);
    expect([...store.forTickets(rows.map((row) => row.ticketId)).values()].flat()).toHaveLength(70);
  });
});

describe('settling clocks', () => {
  it('gives back the same row when nothing is owed, and settles a new row in place as a copy would be settled', () => {
    const quiet = clock();
    expect(settleClock(quiet, T0 + H).row).toBe(quiet);
    for (const at of [T0 + 3.5 * H, T0 + 5 * H]) {
      const settled = settleClock(clock(), at);
      const inPlace = clock();
      const firings: unknown[] = [];
      settleNewRow(inPlace, at, firings as never);
      expect(inPlace).toEqual(settled.row);
      expect(firings).toEqual(settled.firings);
    }
    const stopped = clock({ state: 'stopped', stoppedAt: T0 + 2 * H, nextFireAt: null });
    expect(settleClock(stopped, T0 + 5 * H)).toMatchObject({ changed: true, row: { metAnnounced: true, fired: [] }, firings: [{ kind: 'sla.met' }] });
  });
});

describe('choosing policies', () => {
  const context: SlaTicketContext = {
    priority: 'P1', tier: 'vip', contract: '7x24x4', ticketType: 'repair', channel: 'hotline', centerId: 'sh-01', regionIds: ['east', 'cn'], zone: 'city', centerTimeZone: 'Asia/Shanghai',
  };

  it('tells apart contexts that differ in any field a policy matches on', () => {
    const changed: Partial<SlaTicketContext>[] = [
      { priority: 'P4' }, { tier: 'standard' }, { contract: '5x9' }, { ticketType: 'installation' }, { channel: 'web' }, { centerId: 'bj-01' }, { regionIds: ['north', 'cn'] }, { zone: 'county' },
    ];
    for (const change of changed) expect(matchKey({ ...context, ...change })).not.toBe(matchKey(context));
  });

  it('remembers what chooseRules gives per context, for the rules in force only', () => {
    const memo = createChosenRulesMemo(2);
    const rules = { policyVersion: 1, policies: DEFAULT_SLA_POLICIES } as SlaRules;
    const chosen = memo(rules, context);
    expect(chosen).toEqual(chooseRules(DEFAULT_SLA_POLICIES, context));
    expect(memo(rules, { ...context, customerId: 'other' } as SlaTicketContext)).toBe(chosen);
    const newer = { policyVersion: 2, policies: [] } as unknown as SlaRules;
    expect(memo(newer, context)).toEqual({});
  });
});
