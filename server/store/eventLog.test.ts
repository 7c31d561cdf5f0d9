import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IngestEvent } from '../../shared/ingest/eventSchema';
import { type TempDb, openTempDb } from '../../test/support/tempDb';
import { type EventLog, createEventLog } from './eventLog';

const AT = Date.parse('2026-11-23T08:00:00+08:00');
const note = (id: string, ticketId: string): IngestEvent => ({ id, ticketId, type: 'ticket.first_response', at: AT, data: {} });

describe('eventLog', () => {
  let temp: TempDb;
  let log: EventLog;
  beforeEach(() => {
    temp = openTempDb();
    log = createEventLog(temp.db);
  });
  afterEach(() => temp.close());

  it('appends the new events of a batch larger than one statement in the order given, each id once, and returns only those', () => {
    const batch = Array.from({ length: 150 }, (_, n) => note(`e${n % 140}`, `T${n % 7}`));
    const fresh = log.append(batch, 'test', AT);
    expect(fresh.map((event) => event.id)).toEqual(batch.slice(0, 140).map((event) => event.id));
    expect(fresh.map((event) => event.seq)).toEqual(fresh.map((_, n) => fresh[0]!.seq + n));
    expect(log.append([note('e0', 'T0'), note('new', 'T0')], 'test', AT).map((event) => [event.id, event.seq])).toEqual([['new', fresh.at(-1)!.seq + 1]]);
    expect(log.forTickets(['T0']).get('T0')!.map((event) => event.id).sort()).toEqual(['e0', 'e126', 'e14', 'e21', 'e28', 'e35', 'e42', 'e49', 'e56', 'e63', 'e7', 'e70', 'e77', 'e84', 'e91', 'e98', 'e105', 'e112', 'e119', 'e133', 'new'].sort());
  });

  it('counts each ticket’s logged events, duplicates not counted, and leaves out a ticket with none', () => {
    log.append([note('a1', 'A'), note('a2', 'A'), note('b1', 'B'), note('a1', 'A')], 'test', AT);
    expect(log.countsOf(['A', 'B', 'C'])).toEqual(new Map([['A', 2], ['B', 1]]));
  });
});
