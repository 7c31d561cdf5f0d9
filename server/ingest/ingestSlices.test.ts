import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestEventInput } from '../../shared/ingest/eventSchema';
import { postEvents } from '../../test/support/api';
import { DERIVED_TABLES, dumpTables } from '../../test/support/dbDump';
import { createdEvent, lifecycleBatch, loadSmallNetwork } from '../../test/support/smallNetwork';
import { type TestServer, startTestServer } from '../../test/support/testServer';
import { LIVE_INGEST_SLICE } from './ingestSlices';

const NOW = Date.parse('2026-11-25T12:00:00+08:00');

/** A batch of several slices' worth: whole lifecycles, one event naming an unknown center past the first slice. */
function largeBatch(): { events: IngestEventInput[]; badIndex: number } {
  const events: IngestEventInput[] = [];
  for (let n = 0; events.length < LIVE_INGEST_SLICE * 2.5; n++) events.push(...lifecycleBatch(`L${n}`));
  const badIndex = LIVE_INGEST_SLICE + 30;
  events.splice(badIndex, 0, createdEvent('T-NOWHERE', '2026-11-23T09:00:00+08:00', { centerId: 'nowhere' }));
  return { events, badIndex };
}

describe('POST /api/v1/events: a large batch is committed in slices', () => {
  let sliced: TestServer;
  let whole: TestServer;
  beforeAll(async () => {
    [sliced, whole] = await Promise.all([startTestServer({ clock: { now: () => NOW } }), startTestServer({ clock: { now: () => NOW } })]);
    await Promise.all([loadSmallNetwork(sliced), loadSmallNetwork(whole)]);
  });
  afterAll(async () => {
    await Promise.all([sliced.close(), whole.close()]);
  });

  it('lets the event loop turn between slices, answers as one batch, and stores what one transaction would', async () => {
    const { events, badIndex } = largeBatch();
    // A timer counts loop turns; each commit notes how many had passed by then.
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    const turnsAtCommit: number[] = [];
    sliced.application.core.onCommitted(() => turnsAtCommit.push(turns));
    const response = await postEvents(sliced, events);
    clearInterval(ticker);

    expect(response.status).toBe(200);
    const answer = response.json as { accepted: number; duplicates: number; rejected: { index: number; errors: { path: string }[] }[] };
    expect(answer.accepted).toBe(events.length - 1);
    expect(answer.duplicates).toBe(0);
    expect(answer.rejected.map((rejection) => [rejection.index, rejection.errors[0]!.path])).toEqual([[badIndex, 'data.centerId']]);

    expect(turnsAtCommit).toHaveLength(Math.ceil(events.length / LIVE_INGEST_SLICE));
    for (let slice = 1; slice < turnsAtCommit.length; slice++) expect(turnsAtCommit[slice]).toBeGreaterThan(turnsAtCommit[slice - 1]!);

    // The same events in one transaction, through the service the importer uses (under the env token's source), leave the same store.
    expect(whole.application.core.ingestService.ingest(events, 'env')).toEqual(answer);
    // The clocks are left out: the sliced server's SLA timers may already have announced what the other's have not yet.
    const tables = ['ticket_events', ...DERIVED_TABLES];
    expect(dumpTables(sliced.db, tables)).toEqual(dumpTables(whole.db, tables));
  });
});
