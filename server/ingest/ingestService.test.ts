import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IngestEventInput } from '../../shared/ingest/eventSchema';
import { expectErrorBody, postEvents } from '../../test/support/api';
import { DERIVED_TABLES, INGEST_TABLES, dumpTables, rowCounts } from '../../test/support/dbDump';
import { lifecycleBatch, loadSmallNetwork } from '../../test/support/smallNetwork';
import { type TestServer, call, startTestServer } from '../../test/support/testServer';
import { permutationOf, smallNetworkRefs, ticketHistoryArbitrary } from '../../test/support/ticketHistoryArbitrary';

/** The server's clock stands still after every event here, so its timed work writes nothing between a check's before and after. */
const NOW = Date.parse('2026-11-25T12:00:00+08:00');

/**
 * What the stored batches fire is settled before a 'before' is taken, not in the middle of a later check.
 * Two rounds: the first may be one that began before the batch was committed.
 */
async function settleAlerts(server: TestServer): Promise<void> {
  await server.application.alerting.tick();
  await server.application.alerting.tick();
}

describe('ingest through POST /api/v1/events', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer({ clock: { now: () => NOW } });
    await loadSmallNetwork(server);
  });
  afterEach(() => server.close());

  describe('idempotency', () => {
    it('replaying a batch accepts nothing, counts every event as a duplicate and leaves the database byte-for-byte the same', async () => {
      const batch = lifecycleBatch('T1');
      expect((await postEvents(server, batch)).json).toEqual({ accepted: batch.length, duplicates: 0, rejected: [] });
      const counts = rowCounts(server.db);
      for (const table of INGEST_TABLES) expect(counts[table], table).toBeGreaterThan(0);
      await settleAlerts(server);
      const before = dumpTables(server.db);

      expect((await postEvents(server, batch)).json).toEqual({ accepted: 0, duplicates: batch.length, rejected: [] });
      expect(dumpTables(server.db)).toEqual(before);

      // The same events again, reversed and in two batches: still nothing new.
      const reversed = [...batch].reverse();
      const halves = [reversed.slice(0, 5), reversed.slice(5)];
      for (const half of halves) expect((await postEvents(server, half)).json).toEqual({ accepted: 0, duplicates: half.length, rejected: [] });
      expect(dumpTables(server.db)).toEqual(before);
    });

    it('counts a duplicate id inside one batch once', async () => {
      const batch = lifecycleBatch('T2');
      const doubled = [batch[0]!, ...batch, batch[4]!, batch[4]!];
      expect((await postEvents(server, doubled)).json).toEqual({ accepted: batch.length, duplicates: 3, rejected: [] });
      expect(rowCounts(server.db).ticket_events).toBe(batch.length);
      const once = dumpTables(server.db, DERIVED_TABLES);

      const fresh = await startTestServer({ clock: { now: () => NOW } });
      try {
        await loadSmallNetwork(fresh);
        await postEvents(fresh, batch);
        expect(dumpTables(fresh.db, DERIVED_TABLES)).toEqual(once);
      } finally {
        await fresh.close();
      }
    });

    it('accepts only the new events of a batch that mixes replays with fresh ones', async () => {
      const batch = lifecycleBatch('T3');
      await postEvents(server, batch.slice(0, 6));
      expect((await postEvents(server, batch)).json).toEqual({ accepted: batch.length - 6, duplicates: 6, rejected: [] });
      expect(rowCounts(server.db).ticket_events).toBe(batch.length);
    });
  });

  describe('a failure inside the transaction', () => {
    it('leaves every table as it was, and the same batch succeeds once the failure is gone', async () => {
      await postEvents(server, lifecycleBatch('T-OK'));
      await settleAlerts(server);
      const before = dumpTables(server.db);

      server.db.$client.exec(`CREATE TRIGGER boom BEFORE INSERT ON parts_requests WHEN NEW.part_no = 'BOOM' BEGIN SELECT RAISE(ABORT, 'injected failure'); END;`);
      const batch: IngestEventInput[] = [
        // Changes an existing ticket and its rollup buckets, so the rollback must undo updates too.
        { id: 'T-OK-A-reopened', type: 'ticket.reopened', at: '2026-11-23T20:00:00+08:00', ticketId: 'T-OK-A', data: {} },
        ...lifecycleBatch('T-NEW'),
        // Parts are written after the events were appended and the batch's other tickets were saved.
        { id: 'T-NEW-C-boom', type: 'parts.requested', at: '2026-11-23T23:56:00+08:00', ticketId: 'T-NEW-C', data: { requestId: 'PR-9', partNo: 'BOOM', quantity: 1 } },
      ];
      const failed = await postEvents(server, batch);
      const error = expectErrorBody(failed, 500, 'internal');
      expect(error.issues).toBeUndefined();
      expect(failed.text).not.toMatch(/injected failure|SqliteError|\.ts:\d+|\n\s+at /);
      expect(dumpTables(server.db)).toEqual(before);

      // The server keeps serving after the failure.
      expect((await call(server, 'GET', '/api/v1/health', undefined, null)).status).toBe(200);

      server.db.$client.exec('DROP TRIGGER boom');
      expect((await postEvents(server, batch)).json).toEqual({ accepted: batch.length, duplicates: 0, rejected: [] });
      const reopened = server.db.$client.prepare(`select status, reopen_count as reopenCount, resolved_at as resolvedAt from tickets where id = 'T-OK-A'`).get();
      expect(reopened).toEqual({ status: 'assigned', reopenCount: 1, resolvedAt: null });
      expect(server.db.$client.prepare(`select count(*) from tickets where id like 'T-NEW-%'`).pluck().get()).toBe(3);
      expect(server.db.$client.prepare(`select ticket_id from parts_requests where part_no = 'BOOM'`).pluck().all()).toEqual(['T-NEW-C']);
    });
  });
});

function split<T>(items: readonly T[], cuts: readonly number[]): T[][] {
  const bounds = [0, ...[...cuts].sort((a, b) => a - b), items.length];
  return bounds.slice(1).map((end, i) => items.slice(bounds[i], end));
}

async function deliver(server: TestServer, batches: readonly IngestEventInput[][]): Promise<void> {
  for (const batch of batches) expect((await postEvents(server, batch)).json).toEqual({ accepted: batch.length, duplicates: 0, rejected: [] });
}

const eventsOf = (server: TestServer) => server.db.$client.prepare('select id, ticket_id, type, at, data from ticket_events order by id').all();

describe('out-of-order delivery through POST /api/v1/events', () => {
  it('gives the same tickets, children and rollups as in-order delivery', async () => {
    const scenario = fc
      .tuple(ticketHistoryArbitrary('T-A', smallNetworkRefs, 12), ticketHistoryArbitrary('T-B', smallNetworkRefs, 12))
      .map(([a, b]) => [...a, ...b].sort((x, y) => Date.parse(x.at) - Date.parse(y.at)))
      .chain((inOrder) =>
        fc.record({
          inOrder: fc.constant(inOrder),
          shuffled: permutationOf(inOrder),
          cuts: fc.uniqueArray(fc.integer({ min: 1, max: inOrder.length - 1 }), { maxLength: 4 }),
        }),
      );
    await fc.assert(
      fc.asyncProperty(scenario, async ({ inOrder, shuffled, cuts }) => {
        const [ordered, scrambled] = await Promise.all([startTestServer(), startTestServer()]);
        try {
          await Promise.all([loadSmallNetwork(ordered), loadSmallNetwork(scrambled)]);
          await deliver(ordered, split(inOrder, cuts));
          await deliver(scrambled, split(shuffled, cuts));
          expect(eventsOf(scrambled)).toEqual(eventsOf(ordered));
          expect(dumpTables(scrambled.db, DERIVED_TABLES)).toEqual(dumpTables(ordered.db, DERIVED_TABLES));
        } finally {
          await Promise.all([ordered.close(), scrambled.close()]);
        }
      }),
      // Bounded: each run boots two servers; a failure's shrinking stops early and still reports the counterexample.
      { numRuns: 25, interruptAfterTimeLimit: 60_000 },
    );
  }, 90_000);
});
