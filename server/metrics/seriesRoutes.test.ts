import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SeriesAnswer } from '../../shared/metrics/seriesQuery';
import { expectErrorBody, postEvents } from '../../test/support/api';
import { NOW, handWorkedHistory } from '../../test/support/handWorkedHistory';
import { loadSmallNetwork } from '../../test/support/smallNetwork';
import { type TestServer, call, signInAs, startTestServer } from '../../test/support/testServer';

const HOUR = 3_600_000;
const iso = (at: number) => new Date(at).toISOString();
const hourOf = (at: number) => Math.floor(at / HOUR) * HOUR;

let server: TestServer;

beforeEach(async () => {
  server = await startTestServer({ clock: { now: () => NOW } });
  await loadSmallNetwork(server);
  expect((await postEvents(server, handWorkedHistory())).json.rejected).toEqual([]);
});

afterEach(async () => {
  await server.close();
});

async function series(query: string): Promise<SeriesAnswer> {
  const response = await call(server, 'GET', `/api/v1/series?${query}`);
  expect(response.status, response.text).toBe(200);
  return response.json as SeriesAnswer;
}

const valueAt = (answer: SeriesAnswer, start: number) => answer.points.find((point) => point.start === start)?.value;

describe('GET /series', () => {
  it('counts created tickets into hourly buckets over the last day, every bucket present, from the rollups', async () => {
    const answer = await series('metric=created&bucket=hour');
    expect(answer).toMatchObject({ metric: 'created', scope: 'network', bucket: 'hour', to: iso(NOW), from: iso(NOW - 24 * HOUR) });
    expect(answer.points.map((point) => point.start)).toEqual(Array.from({ length: 25 }, (_, i) => hourOf(NOW - 24 * HOUR) + i * HOUR));
    expect(answer.points.reduce((sum, point) => sum + (point.value ?? 0), 0)).toBe(7);
    // T2 and T6 were created between 16:00 and 17:00 UTC.
    expect(valueAt(answer, Date.parse('2026-11-23T16:00:00Z'))).toBe(2);
  });

  it('gives compliance per bucket as met ÷ judged, csat as the mean score, null where nothing was measured', async () => {
    const compliance = await series('metric=sla_compliance_first_response&bucket=hour');
    // T1 met and T3 breached their first response between 16:00 and 17:00.
    expect(valueAt(compliance, Date.parse('2026-11-23T16:00:00Z'))).toBe(0.5);
    expect(valueAt(compliance, Date.parse('2026-11-23T12:00:00Z'))).toBeNull();
    // A rate carries its n, and the answer the minimum sample, so a chart can show 50 % of two as what it is.
    expect(compliance.minSample).toBe(10);
    expect(compliance.points.find((point) => point.start === Date.parse('2026-11-23T16:00:00Z'))?.sample).toBe(2);
    expect(compliance.points.find((point) => point.start === Date.parse('2026-11-23T12:00:00Z'))?.sample).toBe(0);
    const csat = await series('metric=csat_mean&bucket=hour');
    expect(valueAt(csat, Date.parse('2026-11-23T17:00:00Z'))).toBe(5);
    expect(valueAt(csat, Date.parse('2026-11-23T00:00:00Z'))).toBe(3);
    expect((await series('metric=created&bucket=hour')).points.every((point) => point.sample === undefined)).toBe(true);
  });

  it("files day buckets by each center's own local date, and minute buckets to the minute", async () => {
    const days = await series(`metric=created&bucket=day&scope=center:urc-01&from=${iso(NOW - 3 * 24 * HOUR)}`);
    // Urumqi is UTC+6: T5 was created late on the 22nd there, T4 and T6 on the 23rd.
    expect(days.points.filter((point) => point.value !== 0).map((point) => [point.day, point.value])).toEqual([['2026-11-22', 1], ['2026-11-23', 2]]);
    const minutes = await series(`metric=created&bucket=minute&from=${iso(NOW - 30 * 60_000)}`);
    expect(minutes.points).toHaveLength(31);
    expect(valueAt(minutes, NOW - 25 * 60_000)).toBe(1); // T7
  });

  it("serves an engineer's flows from the rollups by desk", async () => {
    const answer = await series('metric=created&bucket=day&scope=engineer:e-001');
    expect(answer.points.reduce((sum, point) => sum + (point.value ?? 0), 0)).toBe(2);
  });

  it('charts levels from the minute samples', async () => {
    const { core } = server.application;
    core.seriesRollup.sampleLevels(NOW, core.liveMetrics.centerLevels(NOW));
    const answer = await series(`metric=backlog_open&bucket=minute&from=${iso(NOW - 2 * 60_000)}`);
    expect(answer.points.map((point) => point.value)).toEqual([null, null, 4]);
    expect(valueAt(await series('metric=breached_open&bucket=hour&scope=region:west'), hourOf(NOW))).toBe(1);
  });

  it('refuses bad questions with the field and the reason, and scopes outside a grant', async () => {
    expect(expectErrorBody(await call(server, 'GET', '/api/v1/series?metric=nope'), 400, 'invalid_request').issues?.[0]?.path).toBe('metric');
    const reversed = await call(server, 'GET', `/api/v1/series?metric=created&from=${iso(NOW)}&to=${iso(NOW - HOUR)}`);
    expect(expectErrorBody(reversed, 400, 'invalid_request').issues).toEqual([{ path: 'from', message: 'must not be after to' }]);
    const tooLong = await call(server, 'GET', `/api/v1/series?metric=created&bucket=minute&from=${iso(NOW - 5 * 24 * HOUR)}&to=${iso(NOW)}`);
    expect(expectErrorBody(tooLong, 400, 'invalid_request').issues?.[0]?.path).toBe('from');
    expectErrorBody(await call(server, 'GET', '/api/v1/series?metric=backlog_open&scope=engineer:e-001'), 400, 'invalid_request');
    expectErrorBody(await call(server, 'GET', '/api/v1/series?metric=created&scope=region:nowhere'), 404, 'not_found');
    const supervisor = await signInAs(server, { username: 'sup.east', role: 'supervisor', grants: [{ kind: 'region', id: 'east' }] });
    expect((await call(server, 'GET', '/api/v1/series?metric=created&scope=region:west', undefined, supervisor)).status).toBe(403);
    expect((await call(server, 'GET', '/api/v1/series?metric=created&scope=region:east', undefined, supervisor)).status).toBe(200);
  });
});
