import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestEventInput } from '../../shared/ingest/eventSchema';
import { REFERENCE_KINDS } from '../../shared/reference/referenceSchema';
import { createdEvent, smallNetwork } from '../../test/support/smallNetwork';
import { type TempDb, openTempDb } from '../../test/support/tempDb';
import { type Core, createCore } from '../core';
import { overRunningClocks } from './runningClocks';
import { type StoredSlaClock, clockKey } from './slaStore';

const NOW = Date.parse('2026-11-23T10:30:00+08:00');
const HOUR = 3_600_000;
const CENTERS = ['sh-01', 'sh-02', 'urc-01'] as const;

/** 60 tickets over the last ten days in three centers, every other one resolved: running work clocks and return visits, some breached. */
function history(): IngestEventInput[] {
  return Array.from({ length: 60 }, (_, index) => {
    const ticketId = `RC-${String(index).padStart(2, '0')}`;
    const createdAt = NOW - 240 * HOUR + index * 4 * HOUR;
    const created = createdEvent(ticketId, new Date(createdAt).toISOString(), { centerId: CENTERS[index % 3], priority: index % 4 === 0 ? 'P1' : 'P3' });
    const resolved: IngestEventInput = { id: `${ticketId}-resolved`, type: 'ticket.resolved', at: new Date(createdAt + 2 * HOUR).toISOString(), ticketId, data: {} };
    return index % 2 === 0 ? [created, resolved] : [created];
  }).flat();
}

let store: TempDb;
let core: Core;
let clocks: StoredSlaClock[];

beforeAll(() => {
  store = openTempDb();
  core = createCore(store.db, { now: () => NOW });
  for (const kind of REFERENCE_KINDS) core.referenceService.upsert(kind, smallNetwork[kind] as never);
  expect(core.ingestService.ingest(history(), 'test').rejected).toEqual([]);
  clocks = [...core.slaEngine.store.forTickets(history().map((event) => event.ticketId)).values()].flat();
});

afterAll(() => store.close());

describe('running clocks', () => {
  it('the history has running work clocks and return visits either side of now', () => {
    const running = clocks.filter((clock) => clock.state === 'active');
    expect(new Set(running.map((clock) => clock.metric === 'return_visit'))).toEqual(new Set([true, false]));
    expect(running.some((clock) => clock.dueAt <= NOW) && running.some((clock) => clock.dueAt > NOW)).toBe(true);
  });

  it('the at-risk read gives the active clocks due in the window, of both indexes, soonest first', () => {
    const cases: [number | null, number, string[] | null][] = [[null, NOW + 400 * HOUR, null], [NOW, NOW + 200 * HOUR, null], [null, NOW + 400 * HOUR, ['sh-02', 'urc-01']]];
    for (const [from, until, centerIds] of cases) {
      const expected = clocks
        .filter((clock) => clock.state === 'active' && (from === null || clock.dueAt > from) && clock.dueAt <= until && (centerIds === null || centerIds.includes(clock.centerId)))
        .sort((a, b) => a.dueAt - b.dueAt);
      expect(expected.length).toBeGreaterThan(5);
      const read = core.slaEngine.store.runningDueBy(from, until, centerIds, 1_000);
      expect(read.map((item) => item.clock)).toEqual(expect.arrayContaining(expected));
      expect(read.map((item) => item.clock.dueAt)).toEqual(expected.map((clock) => clock.dueAt));
      expect(core.slaEngine.store.runningDueBy(from, until, centerIds, 5).map((item) => item.clock.dueAt)).toEqual(expected.slice(0, 5).map((clock) => clock.dueAt));
      expect(read.every((item) => item.status === 'resolved' || item.status === 'new')).toBe(true);
    }
    expect(core.slaEngine.store.runningDueBy(null, NOW, [], 10)).toEqual([]);
  });

  it('the timer queue is rebuilt from every clock with a next firing, of both indexes', () => {
    const expected = clocks.filter((clock) => clock.nextFireAt !== null).map((clock) => ({ key: clockKey(clock), at: clock.nextFireAt }));
    expect(new Set(expected.map(({ key }) => key.includes('|return_visit|')))).toEqual(new Set([true, false]));
    expect(core.slaEngine.store.pendingFires()).toEqual(expect.arrayContaining(expected));
    expect(core.slaEngine.store.pendingFires()).toHaveLength(expected.length);
  });

  it('every read of running clocks goes through the two partial indexes, never the whole table', () => {
    const plan = (text: string, params: unknown[]) => (store.db.$client.prepare(`explain query plan ${text}`).all(...params) as { detail: string }[]).map((row) => row.detail);
    const reads = [
      plan(overRunningClocks('select c.ticket_id, c.center_id, c.metric', 'c.due_at <= ? and c.breached = 1'), [NOW, NOW]),
      plan(overRunningClocks('select c.ticket_id, c.metric, c.cycle, c.next_fire_at', 'c.next_fire_at is not null'), []),
      plan(overRunningClocks('select c.*, t.status', `c.state = 'active' and c.due_at > ? and c.due_at <= ?`, { joins: 'join tickets t on t.id = c.ticket_id', tail: 'order by due_at limit 10' }), [NOW, NOW + HOUR, NOW, NOW + HOUR]),
    ];
    for (const details of reads) {
      expect(details.filter((detail) => /^SCAN (c|sla_clocks)$/.test(detail))).toEqual([]);
      expect(details.join('\n')).toMatch(/USING (COVERING )?INDEX sla_clocks_work_due_idx/);
      expect(details.join('\n')).toMatch(/USING (COVERING )?INDEX sla_clocks_followup_due_idx/);
    }
  });
});
