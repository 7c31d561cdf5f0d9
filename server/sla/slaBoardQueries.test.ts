import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BoardCursorKey, BoardSection } from '../../shared/api/slaBoardApi';
import type { IngestEventInput } from '../../shared/ingest/eventSchema';
import { createdEvent, smallNetwork } from '../../test/support/smallNetwork';
import { type TempDb, openTempDb } from '../../test/support/tempDb';
import { type Core, createCore } from '../core';
import { REFERENCE_KINDS } from '../../shared/reference/referenceSchema';
import { type BoardSelection, createSlaBoardQueries } from './slaBoardQueries';

/** 10:30 in Shanghai on a working Monday. */
const NOW = Date.parse('2026-11-23T10:30:00+08:00');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const CUSTOMERS = ['c-001', 'c-002', 'c-003'] as const;
const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
const CENTERS = ['sh-01', 'sh-02', 'urc-01'] as const;

/**
 * 180 tickets across every customer tier, priority and center, three created at each instant so due
 * instants tie: 120 from ten to five days ago, resolved (their return visits, due a week later, breached or
 * coming due), and 60 in the last 30 hours, open, with clocks breached or coming due.
 */
function mixedHistory(): IngestEventInput[] {
  const events: IngestEventInput[] = [];
  for (let index = 0; index < 180; index++) {
    const ticketId = `MX-${String(index).padStart(3, '0')}`;
    const slot = Math.floor(index / 3);
    const createdAt = index < 120 ? NOW - 10 * DAY + slot * 3 * HOUR : NOW - 30 * HOUR + (slot - 40) * 90 * MINUTE;
    events.push(createdEvent(ticketId, new Date(createdAt).toISOString(), {
      customerId: CUSTOMERS[index % 3], priority: PRIORITIES[(index >> 1) % 4], centerId: CENTERS[(index >> 2) % 3],
    }));
    if (index < 120) events.push({ id: `${ticketId}-resolved`, type: 'ticket.resolved', at: new Date(createdAt + 3 * HOUR).toISOString(), ticketId, data: {} });
  }
  return events;
}

let store: TempDb;
let core: Core;

beforeEach(() => {
  store = openTempDb();
  core = createCore(store.db, { now: () => NOW });
  for (const kind of REFERENCE_KINDS) core.referenceService.upsert(kind, smallNetwork[kind] as never);
  expect(core.ingestService.ingest(mixedHistory(), 'test').rejected).toEqual([]);
});

afterEach(() => store.close());

/** Every key of a section in tier order, read `limit` rows a page, each page after the last one's cursor. */
function pagedKeys(queries: ReturnType<typeof createSlaBoardQueries>, selection: BoardSelection, limit: number): BoardCursorKey[] {
  const keys: BoardCursorKey[] = [];
  for (let after: BoardCursorKey | undefined; ; ) {
    const page = queries.page(selection, after, limit);
    keys.push(...page.map((row) => row.key));
    if (page.length < limit) return keys;
    after = page.at(-1)!.key;
  }
}

describe('tier order on the breach desk', () => {
  const selection = (section: BoardSection, filter: Partial<BoardSelection> = {}): BoardSelection =>
    ({ section, now: NOW, within: 24 * 60 * MINUTE, centerIds: null, breachedOnly: false, order: 'tier', ...filter });

  it('reads the same rows in the same order group by group as by ranking every match, page after page', () => {
    const ranked = createSlaBoardQueries(store.db);
    const grouped = createSlaBoardQueries(store.db, { rankAllUpTo: 0 });
    const cases: BoardSelection[] = [
      selection('due'), selection('breached'), selection('followup'),
      selection('breached', { priority: 'P2' }), selection('followup', { tier: 'key' }), selection('breached', { centerIds: ['sh-02'], tier: 'vip' }),
      selection('followup', { breachedOnly: true }), selection('due', { metric: 'resolution' }),
    ];
    for (const asked of cases) {
      const all = pagedKeys(ranked, asked, 1000);
      expect(all.length, JSON.stringify(asked)).toBeGreaterThan(0);
      expect(all.length, JSON.stringify(asked)).toBe(ranked.total(asked));
      // Tier first (VIP, key, standard), then priority: what a manager chose the order for.
      const ranks = all.map(([tier, priority]) => [tier, priority] as [number, number]);
      expect(ranks).toEqual([...ranks].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
      for (const limit of [1, 7, 50]) {
        expect(pagedKeys(grouped, asked, limit), `${JSON.stringify(asked)} by ${limit}`).toEqual(all);
        expect(pagedKeys(ranked, asked, limit), `${JSON.stringify(asked)} by ${limit}`).toEqual(all);
      }
    }
  });
});

describe('time order on the breach desk', () => {
  const selection = (section: BoardSection, filter: Partial<BoardSelection> = {}): BoardSelection =>
    ({ section, now: NOW, within: 24 * 60 * MINUTE, centerIds: null, breachedOnly: false, order: 'time', ...filter });
  const isSorted = (values: number[], up: boolean) => values.every((value, index) => index === 0 || (up ? values[index - 1]! <= value : values[index - 1]! >= value));

  it('puts what is coming due soonest first and breaches newest first in every section, follow-up included, page after page', () => {
    const queries = createSlaBoardQueries(store.db);
    const runsSeen: Record<string, [number, number]> = {};
    for (const section of ['due', 'breached', 'followup'] as const) {
      const all = pagedKeys(queries, selection(section), 1000);
      expect(all.length, section).toBe(queries.total(selection(section)));
      const comingDue = all.filter((key) => key[0] === 0);
      const breached = all.filter((key) => key[0] === 1);
      runsSeen[section] = [comingDue.length, breached.length];
      // Coming due first, each one not yet due, the soonest on top; then breaches, the newest on top.
      expect(all).toEqual([...comingDue, ...breached]);
      expect(comingDue.every((key) => key[2] > NOW)).toBe(true);
      expect(breached.every((key) => key[2] <= NOW)).toBe(true);
      expect(isSorted(comingDue.map((key) => key[2]), true), section).toBe(true);
      expect(isSorted(breached.map((key) => key[2]), false), section).toBe(true);
      for (const limit of [1, 7]) expect(pagedKeys(queries, selection(section), limit), `${section} by ${limit}`).toEqual(all);
    }
    expect(runsSeen.due![1]).toBe(0);
    expect(runsSeen.breached![0]).toBe(0);
    // The history gives follow-up both kinds, so the test reads both runs and the step between them.
    expect(runsSeen.followup![0]).toBeGreaterThan(1);
    expect(runsSeen.followup![1]).toBeGreaterThan(1);
    const breachedOnly = pagedKeys(queries, selection('followup', { breachedOnly: true }), 7);
    expect(breachedOnly).toEqual(pagedKeys(queries, selection('followup'), 1000).filter((key) => key[0] === 1));
  });
});

describe('urgency order on the breach desk and the wall', () => {
  const selection = (section: BoardSection, filter: Partial<BoardSelection> = {}): BoardSelection =>
    ({ section, now: NOW, within: 24 * 60 * MINUTE, centerIds: null, breachedOnly: false, order: 'urgency', ...filter });
  const OPEN_WORK = ['first_response', 'on_site', 'resolution'];

  it('puts the breaches the alert policy calls critical first, then the most overdue, page after page', () => {
    const queries = createSlaBoardQueries(store.db);
    const rows = queries.page(selection('breached'), undefined, 1000);
    expect(rows.length).toBe(queries.total(selection('breached')));
    // The default policy: VIP or 7×24×4 customers' open work (c-001 is both); complaint clocks and others are not critical.
    const critical = rows.filter((row) => row.customerId === 'c-001' && OPEN_WORK.includes(row.clock.metric));
    expect(critical.length).toBeGreaterThan(1);
    expect(critical.length).toBeLessThan(rows.length);
    expect(rows.slice(0, critical.length)).toEqual(critical);
    expect(rows.map((row) => row.critical)).toEqual(rows.map((_, index) => index < critical.length));
    for (const run of [rows.slice(0, critical.length), rows.slice(critical.length)]) {
      const due = run.map((row) => row.clock.dueAt);
      expect(due).toEqual([...due].sort((a, b) => a - b));
    }
    for (const limit of [1, 7]) expect(pagedKeys(queries, selection('breached'), limit)).toEqual(rows.map((row) => row.key));
  });

  it('follows the policy the alerts use, not a tier of its own', () => {
    const queries = createSlaBoardQueries(store.db);
    const alertPolicy = { rules: [{ metrics: ['first_response' as const], tiers: ['standard' as const], severity: 'critical' as const, escalates: true, groupBy: 'center' as const, minCount: 1 }] };
    const rows = queries.page(selection('breached', { alertPolicy }), undefined, 1000);
    const critical = rows.filter((row) => row.customerId === 'c-003' && row.clock.metric === 'first_response');
    expect(critical.length).toBeGreaterThan(0);
    expect(rows.slice(0, critical.length)).toEqual(critical);
    expect(rows.filter((row) => row.critical)).toEqual(critical);
  });
});

describe('a clock whose recorded customer is not its ticket’s', () => {
  /**
   * The desk picks and pages on the clock's own customer and priority (what the index carries); a clock
   * written before its ticket's customer or priority changed must still read as it was placed. Open work of
   * standard customer c-003, recorded as VIP c-001 at P1, stands for such a clock.
   */
  function recordAsVip(): string[] {
    const tickets = store.db.$client.prepare(`select id from tickets where customer_id = 'c-003' and status not in ('resolved', 'closed') order by id limit 4`).pluck().all() as string[];
    expect(tickets.length).toBe(4);
    store.db.$client.prepare(`update sla_clocks set customer_id = 'c-001', priority = 'P1' where ticket_id in (${tickets.map(() => '?').join(', ')})`).run(...tickets);
    return tickets;
  }

  it.each(['tier', 'urgency'] as const)('pages %s order without skipping or repeating a row, each row named as it is ranked', (order) => {
    const moved = recordAsVip();
    const queries = createSlaBoardQueries(store.db);
    const asked: BoardSelection = { section: 'breached', now: NOW, within: DAY, centerIds: null, breachedOnly: false, order };
    const all = queries.page(asked, undefined, 1000);
    expect(all.length).toBe(queries.total(asked));
    expect(all.some((row) => moved.includes(row.clock.ticketId))).toBe(true);
    for (const limit of [1, 7]) expect(pagedKeys(queries, asked, limit), `by ${limit}`).toEqual(all.map((row) => row.key));
    for (const row of all) {
      expect(row.customerId, row.clock.ticketId).toBe(row.clock.customerId);
      expect(row.priority, row.clock.ticketId).toBe(row.clock.priority);
      if (order === 'tier') expect([row.key[0], row.key[1]]).toEqual([['vip', 'key', 'standard'].indexOf(row.tier), Number(row.priority.slice(1))]);
      else expect(row.key[0]).toBe(row.critical ? 0 : 1);
    }
    expect(queries.page({ ...asked, tier: 'vip' }, undefined, 1000).every((row) => row.tier === 'vip')).toBe(true);
  });
});
