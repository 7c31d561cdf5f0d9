import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connection';
import { postEvents } from '../support/api';
import { dumpTables } from '../support/dbDump';
import { lifecycleBatch, loadSmallNetwork } from '../support/smallNetwork';
import { INGEST_TOKEN, type TestServer, call, startTestServer } from '../support/testServer';
import { ticketHistoryArbitrary } from '../support/ticketHistoryArbitrary';
import { ANSWER_WITHIN_MS, FUZZ_SEED } from './fuzzAnswers';
import { anyString, hostileJson } from './hostileValues';

const DERIVED_SUFFIX = ':complaint';

/** Before every generated event, so no SLA clock comes due and writes while the properties compare dumps. */
const NOW = Date.parse('2026-11-01T00:00:00Z');
/** Small, so huge generated bodies reach the 413 path quickly. */
const MAX_BODY_BYTES = 256 * 1024;

type Json = Record<string, unknown>;

function eventIds(db: Db): Set<string> {
  return new Set(db.$client.prepare('select id from ticket_events').pluck().all() as string[]);
}

describe('fuzzing POST /api/v1/events', () => {
  let server: TestServer;
  /** Gives each run's tickets their own ids, so every run starts from tickets the server has not seen. */
  let run = 0;

  beforeAll(async () => {
    // Histories run up to three days after NOW: the bound ahead is widened to take them all.
    server = await startTestServer({ clock: { now: () => NOW }, maxBodyBytes: MAX_BODY_BYTES, eventTimeBounds: { earliestMs: Date.UTC(2000, 0, 1), maxAheadMs: 30 * 86_400_000 } });
    await loadSmallNetwork(server);
    expect((await postEvents(server, lifecycleBatch('SEED'))).status).toBe(200);
  });
  afterAll(async () => {
    // Still up after everything: the process neither crashed nor wedged.
    expect((await call(server, 'GET', '/api/v1/health', undefined, null)).status).toBe(200);
    await server.close();
  });

  /**
   * Posts a raw body and checks the one invariant: never a 5xx; a refused body writes nothing at all;
   * an accepted batch adds exactly the events it reports as accepted, under their (trimmed) ids.
   */
  async function postAndCheck(body: string, events: unknown[] | null): Promise<void> {
    const idsBefore = eventIds(server.db);
    const dumpBefore = dumpTables(server.db);
    const started = performance.now();
    const response = await fetch(`${server.url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${INGEST_TOKEN}`, 'content-type': 'application/json' },
      body,
    });
    const text = await response.text();
    expect(response.status, text.slice(0, 500)).toBeLessThan(500);
    expect(performance.now() - started, body.slice(0, 200)).toBeLessThan(ANSWER_WITHIN_MS);
    const json = JSON.parse(text) as Json;
    if (response.status !== 200) {
      expect(json).toEqual({ error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }), requestId: expect.any(String) });
      expect(dumpTables(server.db)).toEqual(dumpBefore);
      return;
    }
    if (!events) throw new Error(`a body that is not a batch was accepted: ${body.slice(0, 200)}`);
    const { accepted, duplicates, rejected } = json as { accepted: number; duplicates: number; rejected: { index: number }[] };
    expect(accepted + duplicates + rejected.length).toBe(events.length);
    for (const rejection of rejected as { index: number; errors: unknown[] }[]) {
      expect(rejection.index).toBeLessThan(events.length);
      expect(rejection.errors).toContainEqual({ path: expect.any(String), message: expect.any(String) });
    }
    const rejectedAt = new Set(rejected.map((rejection) => rejection.index));
    const kept = events.filter((_, index) => !rejectedAt.has(index)).map((event) => String((event as Json).id).trim());
    const stored = [...eventIds(server.db)].filter((id) => !idsBefore.has(id));
    // A low return-visit score opens a complaint: the server stores that event beside the survey's, named after it.
    const derivedFromKept = (id: string) => id.endsWith(DERIVED_SUFFIX) && kept.includes(id.slice(0, -DERIVED_SUFFIX.length)) && !kept.includes(id);
    const added = stored.filter((id) => !derivedFromKept(id));
    expect(new Set(added)).toEqual(new Set(kept.filter((id) => !idsBefore.has(id))));
    expect(added).toHaveLength(accepted);
  }

  it('answers any JSON value, or a batch of them, with a 4xx and writes nothing', async () => {
    const body = fc.oneof(hostileJson, fc.record({ events: fc.array(hostileJson, { maxLength: 5 }) }), fc.dictionary(anyString, hostileJson, { maxKeys: 3 }));
    await fc.assert(
      fc.asyncProperty(body, async (value) => {
        const events = (value as Json | null)?.events;
        await postAndCheck(JSON.stringify(value) ?? 'null', Array.isArray(events) ? events : null);
      }),
      { numRuns: 60, seed: FUZZ_SEED },
    );
  });

  it('answers arbitrary text bodies with a 4xx and writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(anyString, async (text) => postAndCheck(text, null)),
      { numRuns: 40, seed: FUZZ_SEED },
    );
  });

  it('accounts for every event of a near-valid batch with one field mutated: exactly the ones reported accepted are stored', async () => {
    const mutation = fc.record({
      eventIndex: fc.nat(),
      place: fc.constantFrom('envelope', 'data'),
      key: fc.oneof(fc.constantFrom('id', 'type', 'at', 'ticketId', 'data', 'centerId', 'customerId', 'engineerId', 'priority', 'status', 'score', 'quantity', 'level'), anyString),
      value: fc.option(hostileJson, { freq: 5 }),
    });
    await fc.assert(
      fc.asyncProperty(ticketHistoryArbitrary('FZ', undefined, 8), mutation, async (history, { eventIndex, place, key, value }) => {
        const prefix = `R${++run}`;
        const events: Json[] = history.map((event) => ({ ...event, id: `${prefix}-${event.id}`, ticketId: `${prefix}-${event.ticketId}`, data: { ...event.data } }));
        const target = events[eventIndex % events.length]!;
        const holder = place === 'envelope' ? target : (target.data as Json);
        // null from fc.option stands for "the field is missing".
        if (value === null) delete holder[key];
        else holder[key] = value;
        await postAndCheck(JSON.stringify({ events }), events);
      }),
      { numRuns: 100, seed: FUZZ_SEED },
    );
  });
});
