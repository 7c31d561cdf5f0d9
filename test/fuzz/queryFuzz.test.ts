import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postEvents } from '../support/api';
import { lifecycleBatch, loadSmallNetwork } from '../support/smallNetwork';
import { type TestServer, call, startTestServer } from '../support/testServer';
import { anyString } from './hostileValues';

const NOW = Date.parse('2026-11-01T00:00:00Z');

/** Every read route, with the query keys it knows and values it would take, so runs get past the first check. */
const ROUTES: { path: (segment: string) => string; keys: Record<string, readonly string[]> }[] = [
  {
    path: () => '/api/v1/tickets',
    keys: {
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
      createdFrom: ['2026-11-23T00:00:00+08:00'],
      createdTo: ['2026-11-24T00:00:00Z'],
      limit: ['1', '2', '1000'],
      cursor: ['WzE3NjQsIlQtMSJd'],
      format: ['json', 'csv'],
    },
  },
  { path: (id) => `/api/v1/tickets/${id}`, keys: {} },
  { path: () => '/api/v1/sla/at-risk', keys: { scope: ['network', 'region:east', 'center:sh-01'], within: ['2h', '90m', '30d'], breached: ['include', 'exclude'], limit: ['1', '200'] } },
  {
    path: () => '/api/v1/sla/board',
    keys: {
      section: ['due', 'breached', 'followup'], scope: ['network', 'region:east', 'center:sh-01'], within: ['2h', '90m', '30d'], priority: ['P1'], tier: ['vip'],
      metric: ['on_site', 'return_visit'], breachedOnly: ['true', 'false'], order: ['time', 'tier'], cursor: ['WzAsMCwxNzY0LCJULTEiLCJvbl9zaXRlIiwxXQ'], limit: ['1', '200'],
    },
  },
  { path: () => '/api/v1/sla/complaints', keys: { scope: ['network', 'region:east', 'center:sh-01'] } },
  { path: () => '/api/v1/sla/calendars', keys: {} },
  { path: (id) => `/api/v1/sla/calendars/${id}`, keys: {} },
  { path: () => '/api/v1/sla/policies', keys: {} },
  { path: () => '/api/v1/sla/policies/versions', keys: {} },
  { path: (version) => `/api/v1/sla/policies/versions/${version}`, keys: {} },
  { path: () => '/api/v1/sla/jobs', keys: {} },
  { path: (id) => `/api/v1/sla/jobs/${id}`, keys: {} },
  { path: () => '/api/v1/org/centers', keys: {} },
  { path: () => '/api/v1/health', keys: {} },
];

/** Percent-encodes what it can; a lone surrogate cannot be, so it goes in raw for fetch to deal with. */
function encoded(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return text;
  }
}

const requestArbitrary = fc
  .record({
    route: fc.constantFrom(...ROUTES),
    segment: fc.oneof(fc.constantFrom('SEED-A', '5x9', '24x7', '1', '0', '-1', '99999999999999999999'), anyString),
    pairs: fc.array(fc.tuple(fc.nat(), anyString, fc.nat(), fc.boolean()), { maxLength: 6 }),
  })
  .map(({ route, segment, pairs }) => {
    const known = Object.entries(route.keys);
    const query = pairs.map(([keyPick, randomText, valuePick, useKnown]) => {
      // Half the pairs name a key the route knows, with a value it accepts or a hostile one.
      const [key, values] = useKnown && known.length > 0 ? known[keyPick % known.length]! : [randomText, [] as readonly string[]];
      const value = values.length > 0 && valuePick % 3 !== 0 ? values[valuePick % values.length]! : randomText;
      return `${encoded(key)}=${encoded(value)}`;
    });
    return `${route.path(encoded(segment) || 'x')}${query.length > 0 ? `?${query.join('&')}` : ''}`;
  });

describe('fuzzing the read API query strings and path parameters', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ clock: { now: () => NOW } });
    await loadSmallNetwork(server);
    expect((await postEvents(server, lifecycleBatch('SEED'))).status).toBe(200);
  });
  afterAll(async () => {
    expect((await call(server, 'GET', '/api/v1/health', undefined, null)).status).toBe(200);
    await server.close();
  });

  async function expectNoServerError(path: string): Promise<void> {
    // As the admin, who may read every route, so runs reach each route's own validation.
    const response = await call(server, 'GET', path);
    expect(response.status, `${path.slice(0, 300)} → ${response.text.slice(0, 300)}`).toBeLessThan(500);
    // Node itself refuses a request line past its header limit, before any of our code sees it.
    if (response.status >= 400 && response.status !== 431) {
      expect(response.json).toEqual({ error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }), requestId: expect.any(String) });
    }
  }

  it('never answers 5xx, and answers every refusal with the JSON error shape', async () => {
    await fc.assert(fc.asyncProperty(requestArbitrary, expectNoServerError), { numRuns: 150 });
  });

  it('answers a path parameter with broken percent-encoding with 400, not 500', async () => {
    for (const segment of ['%', '%zz', '%E0%A4', '%ED%A0%80']) {
      for (const route of ROUTES) await expectNoServerError(route.path(segment));
    }
  });
});
