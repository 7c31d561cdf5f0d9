import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type IngestEvent, type IngestEventInput, parseIngestEvent } from '../../../shared/ingest/eventSchema';
import { dumpTables } from '../../../test/support/dbDump';
import { createdEvent, smallNetwork } from '../../../test/support/smallNetwork';
import { type TempDb, openTempDb } from '../../../test/support/tempDb';
import { createEventLog } from '../../store/eventLog';
import { createReferenceStore } from '../../store/referenceStore';
import { createTicketStore } from '../../store/ticketStore';
import { newCommitBatch } from '../commitPipeline';
import { createFoldCache } from '../foldCache';
import { appendStage } from './appendStage';
import { foldStage } from './foldStage';

const TABLES = ['tickets', 'complaints', 'surveys', 'parts_requests'];
const at = (time: string) => `2026-11-23T${time}+08:00`;

/** The append and fold stages over a real store, one transaction a batch, the kept folds put back on commit. */
function folding(temp: TempDb, cache = createFoldCache()) {
  const references = createReferenceStore(temp.db);
  for (const kind of ['regions', 'centers', 'engineers', 'customers', 'products'] as const) references.upsert(kind, smallNetwork[kind] as never);
  const eventLog = createEventLog(temp.db);
  const stages = [appendStage(eventLog), foldStage(eventLog, createTicketStore(temp.db), cache)];
  const commit = temp.db.$client.transaction((events: IngestEvent[]) => {
    const batch = newCommitBatch('test', Date.parse(at('23:00:00')), events);
    return stages.map((stage) => stage.run(batch));
  });
  return (inputs: readonly IngestEventInput[]) => {
    const events = inputs.map((input, index) => {
      const parsed = parseIngestEvent(input, index);
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.rejection));
      return parsed.event;
    });
    for (const step of commit(events)) step?.();
  };
}

/** Every write to the ticket tables from here on, as `verb table id`, sorted. */
function recordWrites(temp: TempDb): () => string[] {
  const client = temp.db.$client;
  client.exec('create temp table writes (what text)');
  for (const table of TABLES) {
    for (const [verb, row] of [['insert', 'new'], ['update', 'new'], ['delete', 'old']] as const) {
      client.exec(`create temp trigger ${table}_${verb} after ${verb} on ${table} begin insert into writes values ('${verb} ${table} ' || ${row}.id); end`);
    }
  }
  return () => (client.prepare('delete from writes returning what').pluck().all() as string[]).sort();
}

const history: IngestEventInput[] = [
  createdEvent('T1', at('08:00:00')),
  { id: 'T1-complaint', type: 'complaint.opened', at: at('08:30:00'), ticketId: 'T1', data: { complaintId: 'CP-1', category: 'timeliness', severity: 'high' } },
  { id: 'T1-parts', type: 'parts.requested', at: at('09:00:00'), ticketId: 'T1', data: { requestId: 'PR-1', partNo: 'P-1', quantity: 1 } },
  { id: 'T1-resolved', type: 'ticket.resolved', at: at('12:00:00'), ticketId: 'T1', data: {} },
];
const late: IngestEventInput = { id: 'T1-assigned', type: 'ticket.assigned', at: at('08:10:00'), ticketId: 'T1', data: { engineerId: 'e-001' } };

/** The ticket tables hold what the whole history, delivered in time order in one batch, gives. */
function expectRowsInOrder(temp: TempDb): void {
  const inOrder = openTempDb();
  try {
    folding(inOrder)([history[0]!, late, ...history.slice(1)]);
    expect(dumpTables(temp.db, TABLES)).toEqual(dumpTables(inOrder.db, TABLES));
  } finally {
    inOrder.close();
  }
}

describe('the fold stage', () => {
  let temp: TempDb;
  let ingest: ReturnType<typeof folding>;
  beforeEach(() => {
    temp = openTempDb();
    ingest = folding(temp);
  });
  afterEach(() => temp.close());

  it('writes a ticket new to the store whole without deleting children first', () => {
    const writes = recordWrites(temp);
    ingest(history);
    expect(writes()).toEqual(['insert complaints CP-1', 'insert parts_requests PR-1', 'insert tickets T1']);
  });

  it('refolds a kept ticket whose event lands before its latest, writing only what moved, the same rows as in order', () => {
    ingest(history);
    const writes = recordWrites(temp);
    ingest([late]);
    // The late assignment changes the ticket's row only: its children are neither deleted nor rewritten.
    expect(writes()).toEqual(['update tickets T1']);

    expectRowsInOrder(temp);
  });

  it('refolds a ticket it does not keep (a restart) from the log, the same rows as in order', () => {
    ingest(history);
    folding(temp, createFoldCache())([late]);
    expectRowsInOrder(temp);
  });

  it('keeps with each fold every logged event of its ticket, in fold order, whatever order they came in', () => {
    const cache = createFoldCache();
    const ingestKept = folding(temp, cache);
    for (const batch of [[history[3]!], [history[1]!, late], [history[0]!, history[2]!]]) ingestKept(batch);
    const logged = temp.db.$client.prepare(`select id from ticket_events where ticket_id = 'T1' order by at, seq`).pluck().all();
    expect(cache.take('T1')!.history.map((event) => event.id)).toEqual(logged);
  });
});
