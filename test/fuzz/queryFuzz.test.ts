import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postEvents } from '../support/api';
import { lifecycleBatch, loadSmallNetwork } from '../support/smallNetwork';
import { type TestServer, startTestServer } from '../support/testServer';
import { FUZZ_SEED, expectHealthy, expectWellFormed, readRoutesOf, timedCall } from './fuzzAnswers';
import { anyString } from './hostileValues';

const NOW = Date.parse('2026-11-23T10:00:00+08:00');

const SCOPES = ['network', 'region:east', 'region:sh', 'center:sh-01', 'center:urc-01', 'engineer:e-001', 'region:nope', 'center:'];
const WINDOWS = ['today', '1h', '24h', '7d', '30d', '2d'];
const INSTANTS = ['2026-11-23T00:00:00+08:00', '2026-11-24T00:00:00Z', '1000-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z', '2026-11-23T09:15:00'];

/**
 * The query keys each read route knows, with values it would take, so runs get past the first check;
 * a route missing here is still fuzzed, with random keys only. Every GET route comes from the live
 * router, so a route added later is fuzzed without a change here.
 */
const KNOWN_KEYS: Record<string, Record<string, readonly string[]>> = {
  '/tickets': {
    status: ['new', 'resolved,cancelled', 'assigned'],
    open: ['true', 'false'],
    priority: ['P1', 'P2,P3'],
    type: ['repair', 'installation'],
    channel: ['hotline', 'app'],
    tier: ['vip', 'key'],
    centerId: ['sh-01', 'urc-01'],
    regionId: ['east', 'sh'],
    engineerId: ['e-001'],
    customerId: ['c-001'],
    createdFrom: INSTANTS,
    createdTo: INSTANTS,
    limit: ['1', '2', '1000', '0', '1e3'],
    cursor: ['WzE3NjQsIlQtMSJd', 'bm9wZQ'],
    format: ['json', 'csv'],
  },
  '/search': { q: ['SEED', 'T-', '上海', '%', '_'], limit: ['1', '20', '1000'] },
  '/sla/at-risk': { scope: SCOPES, within: ['2h', '90m', '30d', '0m', '999999d'], breached: ['include', 'exclude'], limit: ['1', '200'] },
  '/sla/board': {
    section: ['coming_due', 'breached', 'follow_up', 'due'],
    scope: SCOPES,
    within: ['4h', '1d'],
    priority: ['P1'],
    tier: ['vip'],
    metric: ['resolution', 'on_site'],
    breachedOnly: ['true', 'false'],
    cursor: ['x'],
    limit: ['1', '50'],
  },
  '/sla/complaints': { scope: SCOPES },
  '/metrics': { scope: SCOPES, window: WINDOWS },
  '/metrics/:id/tickets': { scope: SCOPES, window: WINDOWS, format: ['json', 'csv'] },
  '/breakdown': { scope: SCOPES, window: WINDOWS, by: ['priority', 'type', 'channel', 'product_line', 'tier', 'contract', 'colour'] },
  '/series': { metric: ['created', 'resolved', 'backlog_open', 'csat_mean', 'sla_compliance_resolution'], scope: SCOPES, bucket: ['minute', 'hour', 'day', 'week'], from: INSTANTS, to: INSTANTS },
  '/org/scope': { scope: SCOPES },
  '/alerts': { state: ['firing', 'pending,firing', 'nope'], severity: ['critical', 'info'], scope: SCOPES, ruleId: ['engineer-load'], limit: ['1', '500'] },
  '/alert-silences': { status: ['active', 'pending,expired'], limit: ['1', '500'] },
  '/alert-deliveries': { targetId: ['t-1'], limit: ['1', '500'] },
  '/audit': { from: INSTANTS, to: INSTANTS, actor: ['test-admin'], action: ['user.create'], limit: ['1', '500'], cursor: ['x'] },
};

/** Path parameters: ids that exist, near misses, and hostile text. */
const SEGMENTS = fc.oneof(fc.constantFrom('SEED-A', '5x9', '24x7', '1', '0', '-1', '99999999999999999999', 'backlog_open', 'created', '0123456789abcdef', 'test-admin'), anyString);

/** Percent-encodes what it can; a lone surrogate cannot be, so it goes in raw for fetch to deal with. */
function encoded(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return text;
  }
}

function requestArbitrary(routes: readonly string[]) {
  return fc
    .record({
      route: fc.constantFrom(...routes),
      segment: SEGMENTS,
      pairs: fc.array(fc.tuple(fc.nat(), anyString, fc.nat(), fc.boolean()), { maxLength: 6 }),
    })
    .map(({ route, segment, pairs }) => {
      const known = Object.entries(KNOWN_KEYS[route] ?? {});
      const query = pairs.map(([keyPick, randomText, valuePick, useKnown]) => {
        // Half the pairs name a key the route knows, with a value it accepts or a hostile one.
        const [key, values] = useKnown && known.length > 0 ? known[keyPick % known.length]! : [randomText, [] as readonly string[]];
        const value = values.length > 0 && valuePick % 3 !== 0 ? values[valuePick % values.length]! : randomText;
        return `${encoded(key)}=${encoded(value)}`;
      });
      const path = route.replace(/:[a-zA-Z]+/g, () => encoded(segment) || 'x');
      return `/api/v1${path}${query.length > 0 ? `?${query.join('&')}` : ''}`;
    });
}

describe('fuzzing every read route: query strings and path parameters', () => {
  let server: TestServer;
  let routes: string[];

  beforeAll(async () => {
    server = await startTestServer({ clock: { now: () => NOW } });
    await loadSmallNetwork(server);
    expect((await postEvents(server, lifecycleBatch('SEED'))).status).toBe(200);
    routes = readRoutesOf(server.application.api);
  });
  afterAll(async () => {
    await expectHealthy(server);
    await server.close();
  });

  it('reads the read routes from the live router', () => {
    for (const route of ['/tickets', '/tickets/:id', '/metrics', '/series', '/alerts', '/sla/at-risk', '/health']) expect(routes).toContain(route);
  });

  it('never answers 5xx or slower than a second, and answers every refusal with the JSON error shape', async () => {
    // As the admin, who may read every route, so runs reach each route's own validation.
    await fc.assert(
      fc.asyncProperty(requestArbitrary(routes), async (path) => expectWellFormed(await timedCall(server, 'GET', path), path)),
      { numRuns: 1200, seed: FUZZ_SEED },
    );
  }, 300_000);

  it('answers a path parameter with broken percent-encoding with 400, not 500', async () => {
    for (const segment of ['%', '%zz', '%E0%A4', '%ED%A0%80']) {
      for (const route of routes.filter((path) => path.includes(':'))) {
        const path = `/api/v1${route.replace(/:[a-zA-Z]+/g, segment)}`;
        expectWellFormed(await timedCall(server, 'GET', path), path);
      }
    }
  });
});
