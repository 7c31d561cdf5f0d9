import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type StoredEvent, TicketFold } from '../../shared/domain/ticketFold';
import { dumpTables } from '../../test/support/dbDump';
import { smallNetwork } from '../../test/support/smallNetwork';
import { type TempDb, openTempDb } from '../../test/support/tempDb';
import { createReferenceStore } from './referenceStore';
import { type TicketStore, createTicketStore } from './ticketStore';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-23T08:00:00+08:00');

function event(ticketId: string, seq: number, type: string, data: Record<string, unknown>): StoredEvent {
  return { id: `${ticketId}-${seq}`, seq, ticketId, type, at: T0 + seq * HOUR, data } as StoredEvent;
}

const created = (ticketId: string, seq = 0) => event(ticketId, seq, 'ticket.created', { centerId: 'sh-01', customerId: 'c-001', priority: 'P2', type: 'repair', channel: 'hotline' });
const opened = (ticketId: string, seq: number, complaintId: string) => event(ticketId, seq, 'complaint.opened', { complaintId, category: 'timeliness', severity: 'high' });

/** Which rows (table and id) each write touched, and whether it set the ticket's priority. */
function recordWrites(temp: TempDb): () => string[] {
  const client = temp.db.$client;
  client.exec('create temp table writes (what text)');
  for (const table of ['tickets', 'complaints', 'surveys', 'parts_requests']) {
    for (const [verb, row] of [['insert', 'new'], ['update', 'new'], ['delete', 'old']] as const) {
      client.exec(`create temp trigger ${table}_${verb} after ${verb} on ${table} begin insert into writes values ('${verb} ${table} ' || ${row}.id); end`);
    }
  }
  client.exec(`create temp trigger tickets_priority after update of priority on tickets begin insert into writes values ('set priority ' || new.id); end`);
  return () => (client.prepare('delete from writes returning what').pluck().all() as string[]).sort();
}

describe('ticketStore.saveChanged', () => {
  let temp: TempDb;
  let store: TicketStore;
  beforeEach(() => {
    temp = openTempDb();
    const references = createReferenceStore(temp.db);
    for (const kind of ['regions', 'centers', 'engineers', 'customers', 'products'] as const) references.upsert(kind, smallNetwork[kind] as never);
    store = createTicketStore(temp.db);
  });
  afterEach(() => temp.close());

  it('writes only the columns and children that moved since the state stored, to the same rows a whole save writes', () => {
    const fold = new TicketFold();
    for (const stored of [created('T1'), opened('T1', 1, 'CP-1'), opened('T1', 2, 'CP-2')]) fold.apply(stored);
    const before = fold.result();
    store.save([before], () => 'test');
    const writes = recordWrites(temp);

    fold.apply(event('T1', 3, 'complaint.escalated', { complaintId: 'CP-2', level: 2 }));
    fold.apply(event('T1', 4, 'parts.requested', { requestId: 'PR-1', partNo: 'P-1', quantity: 1 }));
    const after = fold.result();
    store.saveChanged([{ before, after }], () => 'test');

    // CP-1 did not move and is not written; neither is the ticket's priority, nor any row deleted.
    expect(writes()).toEqual(['insert parts_requests PR-1', 'update complaints CP-2', 'update tickets T1']);
    const whole = openTempDb();
    try {
      const references = createReferenceStore(whole.db);
      for (const kind of ['regions', 'centers', 'engineers', 'customers', 'products'] as const) references.upsert(kind, smallNetwork[kind] as never);
      createTicketStore(whole.db).save([after], () => 'test');
      const tables = ['tickets', 'complaints', 'surveys', 'parts_requests'];
      expect(dumpTables(temp.db, tables)).toEqual(dumpTables(whole.db, tables));
    } finally {
      whole.close();
    }
  });

  it('writes a ticket not stored before whole, with the source named for it', () => {
    const fold = new TicketFold();
    fold.apply(opened('T2', 1, 'CP-9'));
    const before = fold.result();
    // Stamped after the complaint (a source's clock skew): the ticket is stored only now.
    fold.apply(created('T2', 2));
    store.saveChanged([{ before, after: fold.result() }], () => 'importer');
    expect(temp.db.$client.prepare(`select source from tickets where id = 'T2'`).pluck().get()).toBe('importer');
    expect(temp.db.$client.prepare(`select customer_id from complaints where id = 'CP-9'`).pluck().get()).toBe('c-001');
  });
});

describe('the tickets table', () => {
  it('builds no ephemeral table to insert a ticket or set its status (the open-tickets index names its statuses as equalities)', () => {
    const temp = openTempDb();
    try {
      const ephemeralTables = (sql: string) => temp.db.$client.prepare(`explain ${sql}`).all().filter((step) => (step as { opcode: string }).opcode === 'OpenEphemeral').length;
      expect(ephemeralTables(`update tickets set status = 'resolved', resolved_at = 1 where id = 'T1'`)).toBe(0);
      expect(ephemeralTables(`insert into tickets (id, source, center_id, customer_id, priority, type, channel, status, created_at, updated_at) values ('T1', 's', 'sh-01', 'c-001', 'P2', 'repair', 'hotline', 'new', 1, 1)`)).toBe(0);
    } finally {
      temp.close();
    }
  });
});
