import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IngestEvent } from '../../shared/ingest/eventSchema';
import { type TempDb, openTempDb } from '../../test/support/tempDb';
import { type EventLog, createEventLog } from './eventLog';

const AT = Date.parse('2026-11-23T08:00:00+08:00');
const note = (id: string, ticketId: string): IngestEvent => ({ id, ticketId, type: 'ticket.first_response', at: AT, data: {} });

describe('eventLog.countsOf', () => {
  let temp: TempDb;
  let log: EventLog;
  beforeEach(() => {
    temp = openTempDb();
    log = createEventLog(temp.db);
  });
  afterEach(() => temp.close());

  it('counts each ticket’s logged events, duplicates not counted, and leaves out a ticket with none', () => {
    log.append([note('a1', 'A'), note('a2', 'A'), note('b1', 'B'), note('a1', 'A')], 'test', AT);
    expect(log.countsOf(['A', 'B', 'C'])).toEqual(new Map([['A', 2], ['B', 1]]));
  });
});
