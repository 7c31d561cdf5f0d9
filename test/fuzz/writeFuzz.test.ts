import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSmallNetwork, smallNetwork } from '../support/smallNetwork';
import { ADMIN_USERNAME, INGEST_TOKEN, type TestServer, startTestServer } from '../support/testServer';
import { FUZZ_SEED, expectHealthy, expectWellFormed, timedCall } from './fuzzAnswers';
import { anyString, hostileJson } from './hostileValues';

const NOW = Date.parse('2026-11-23T10:00:00+08:00');
const KINDS = ['regions', 'centers', 'engineers', 'customers', 'products'] as const;
type Row = Record<string, unknown>;

/** The fields of each kind of reference row, and values that have tripped schemas before. */
const FIELD_VALUES = fc.oneof(
  { arbitrary: hostileJson, weight: 3 },
  { arbitrary: fc.constantFrom('east', 'sh', 'west', 'sh-01', 'nope', null, 'Asia/Shanghai', 'Mars/Olympus', 'UTC', '+08:00', 'city', 'county', '7x24x4', '5x9', 'vip', ['hvac'], [], true), weight: 2 },
);

describe('fuzzing the organisation PUTs', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ clock: { now: () => NOW } });
    await loadSmallNetwork(server);
  });
  afterAll(async () => {
    await expectHealthy(server);
    // What was accepted still reads back.
    for (const kind of KINDS) expectWellFormed(await timedCall(server, 'GET', `/api/v1/org/${kind}`), `GET /org/${kind}`);
    await server.close();
  });

  it('answers near-valid rows with one field changed, and any JSON, with a 4xx or a success within a second', async () => {
    const body = fc.oneof(
      {
        arbitrary: fc
          .record({ kind: fc.constantFrom(...KINDS), pick: fc.nat(), key: fc.oneof(fc.constantFrom('id', 'model', 'name', 'parentId', 'regionId', 'centerId', 'zone', 'timeZone', 'skills', 'onShift', 'tier', 'contract', 'line'), anyString), value: fc.option(FIELD_VALUES, { freq: 6 }) })
          .map(({ kind, pick, key, value }) => {
            const rows = smallNetwork[kind].map((row) => ({ ...row }) as Row);
            const row = rows[pick % rows.length]!;
            if (value === null) delete row[key];
            else row[key] = value;
            return { kind, body: rows as unknown };
          }),
        weight: 4,
      },
      { arbitrary: fc.record({ kind: fc.constantFrom(...KINDS), body: fc.oneof(hostileJson, fc.array(hostileJson, { maxLength: 4 })) }), weight: 2 },
    );
    await fc.assert(
      fc.asyncProperty(body, async ({ kind, body: rows }) => {
        expectWellFormed(await timedCall(server, 'PUT', `/api/v1/org/${kind}`, JSON.stringify(rows) ?? 'null', INGEST_TOKEN), `PUT /org/${kind} ${JSON.stringify(rows)?.slice(0, 200)}`);
      }),
      { numRuns: 500, seed: FUZZ_SEED },
    );
  }, 300_000);
});

describe('fuzzing POST /auth/login', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await expectHealthy(server);
    await server.close();
  });

  it('answers any body with a 4xx JSON error within a second, and signs nobody in', async () => {
    const body = fc.oneof(
      { arbitrary: hostileJson, weight: 2 },
      { arbitrary: fc.record({ username: fc.oneof(fc.constant(ADMIN_USERNAME), anyString, hostileJson), password: fc.oneof(anyString, hostileJson) }, { requiredKeys: [] }), weight: 3 },
    );
    await fc.assert(
      fc.asyncProperty(body, async (value) => {
        const answer = await timedCall(server, 'POST', '/api/v1/auth/login', JSON.stringify(value) ?? 'null', null);
        expectWellFormed(answer, `login ${JSON.stringify(value)?.slice(0, 200)}`);
        expect(answer.status).toBeGreaterThanOrEqual(400);
        expect(answer.headers.get('set-cookie')).toBeNull();
      }),
      { numRuns: 300, seed: FUZZ_SEED },
    );
  }, 300_000);
});
