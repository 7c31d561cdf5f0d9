import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldTicket } from '../../../shared/domain/ticketFold';
import { lifecycleBatch, smallNetwork } from '../../../test/support/smallNetwork';
import { type TempDb, openTempDb } from '../../../test/support/tempDb';
import { type Core, createCore } from '../../core';
import { createSlaStore } from '../../sla/slaStore';
import { createEventLog } from '../../store/eventLog';
import { type TicketFacts, createTicketFactsReader, factsOfFolded } from './ticketFacts';

const NOW = Date.parse('2026-11-25T12:00:00+08:00');

/** Facts with their lists in one order: the store reads children by key, a fold keeps them as they came. */
function normalised(facts: TicketFacts | null): unknown {
  if (!facts) return null;
  const byJson = <T>(items: readonly T[]) => [...items].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return { ...facts, clocks: byJson(facts.clocks), complaints: byJson(facts.complaints), surveys: byJson(facts.surveys), partsRequestedAt: byJson(facts.partsRequestedAt) };
}

describe('factsOfFolded', () => {
  let temp: TempDb;
  let core: Core;
  beforeAll(() => {
    temp = openTempDb();
    core = createCore(temp.db, { now: () => NOW });
    for (const kind of ['regions', 'centers', 'engineers', 'customers', 'products'] as const) core.referenceService.upsert(kind, smallNetwork[kind] as never);
    // Parts, complaints escalated and open, surveys scored and failed, tickets resolved, cancelled and closed; one created only later.
    const events = [...lifecycleBatch('F'), { id: 'F-D-complaint', type: 'complaint.opened', at: '2026-11-23T10:00:00+08:00', ticketId: 'F-D', data: { complaintId: 'CP-D', category: 'attitude', severity: 'low' } }];
    expect(core.ingestService.ingest(events, 'test').rejected).toEqual([]);
  });
  afterAll(() => temp.close());

  it('gives from a ticket’s fold and stored clocks the very facts the store reads back', () => {
    const history = createEventLog(temp.db).forTickets(['F-A', 'F-B', 'F-C', 'F-D']);
    const clocks = createSlaStore(temp.db).forTickets([...history.keys()]);
    const read = new Map(createTicketFactsReader(temp.db).of([...history.keys()]).map((facts) => [facts.id, facts]));
    expect(read.size).toBe(3);
    for (const [ticketId, events] of history) {
      const fromFold = factsOfFolded(foldTicket(events), clocks.get(ticketId) ?? []);
      expect(normalised(fromFold), ticketId).toEqual(normalised(read.get(ticketId) ?? null));
    }
  });

  it('keeps the facts of a clock row it was made from before, and works out again a clock whose row is new', () => {
    const events = createEventLog(temp.db).forTickets(['F-A']).get('F-A')!;
    const rows = createSlaStore(temp.db).forTickets(['F-A']).get('F-A')!;
    expect(rows.length).toBeGreaterThan(1);
    const previous = factsOfFolded(foldTicket(events), rows)!;
    const moved = { ...rows[0]!, state: 'paused' as const, stoppedAt: null };
    const next = factsOfFolded(foldTicket(events), [moved, ...rows.slice(1)], previous)!;
    expect(next.clocks[0]).toMatchObject({ state: 'paused', stoppedAt: null });
    expect(next.clocks.slice(1).every((clock, i) => clock === previous.clocks[i + 1])).toBe(true);
    // The same row where a different one stood before is not taken for it.
    const swapped = factsOfFolded(foldTicket(events), [rows[1]!, rows[0]!, ...rows.slice(2)], previous)!;
    expect(normalised(swapped)).toEqual(normalised(previous));
    expect(swapped.clocks[0]).toEqual(previous.clocks[1]);
  });
});
