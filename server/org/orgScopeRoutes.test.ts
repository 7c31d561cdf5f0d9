import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgScopeAnswer } from '../../shared/api/orgScopeApi';
import { expectErrorBody } from '../../test/support/api';
import { loadSmallNetwork } from '../../test/support/smallNetwork';
import { type Session, type TestServer, VIEW_TOKEN, call, signInAs, startTestServer } from '../../test/support/testServer';

let server: TestServer;

/** A paired wall screen's token for a scope, as an admin creates it. */
async function displayToken(scope: string): Promise<string> {
  const created = await call(server, 'POST', '/api/v1/displays', { name: `wall ${scope}`, scope, board: 'region' });
  expect(created.status, created.text).toBe(201);
  return created.json.token as string;
}

function scopeOf(scope: string, auth: string | Session | null) {
  return call(server, 'GET', `/api/v1/org/scope?scope=${encodeURIComponent(scope)}`, undefined, auth);
}

async function answerOf(scope: string, auth: string | Session): Promise<OrgScopeAnswer> {
  const response = await scopeOf(scope, auth);
  expect(response.status, response.text).toBe(200);
  return response.json as OrgScopeAnswer;
}

const names = (answer: OrgScopeAnswer) => answer.children.map((child) => `${child.kind}:${child.id} ${child.name}`);

beforeAll(async () => {
  server = await startTestServer();
  await loadSmallNetwork(server);
  // A region with no centers yet, and an empty city in Shanghai: names that no center's grant covers.
  const empty = [{ id: 'north', name: '华北', parentId: null }, { id: 'sh-new', name: '上海临港', parentId: 'sh' }];
  expect((await call(server, 'PUT', '/api/v1/org/regions', empty)).status).toBe(200);
});

afterAll(async () => {
  await server?.close();
});

describe('GET /org/scope', () => {
  it('names the network’s regions, a region’s cities and a city’s centers, in name order, for a wall screen of the whole network', async () => {
    expect(await answerOf('network', VIEW_TOKEN)).toEqual({
      scope: 'network',
      name: null,
      children: [
        { kind: 'region', id: 'north', name: '华北' },
        { kind: 'region', id: 'east', name: '华东' },
        { kind: 'region', id: 'west', name: '西南' },
      ],
      above: [],
    });
    const east = await answerOf('region:east', VIEW_TOKEN);
    expect([east.name, ...names(east)]).toEqual(['华东', 'region:sh 上海']);
    const city = await answerOf('region:sh', VIEW_TOKEN);
    expect([city.name, ...names(city)]).toEqual(['上海', 'region:sh-new 上海临港', 'center:sh-01 上海浦东服务中心', 'center:sh-02 上海松江服务中心']);
    expect(await answerOf('center:urc-01', VIEW_TOKEN)).toEqual({ scope: 'center:urc-01', name: '乌鲁木齐服务中心', children: [], above: ['region:west'] });
    // A page opened on a center learns the levels it sits in, the top one first.
    expect((await answerOf('center:sh-02', VIEW_TOKEN)).above).toEqual(['region:east', 'region:sh']);
    expect((await answerOf('region:sh', VIEW_TOKEN)).above).toEqual(['region:east']);
  });

  it('tells a display token of a region only its own region and what lies below it', async () => {
    const east = await displayToken('region:east');
    expect((await answerOf('region:east', east)).name).toBe('华东');
    expect((await answerOf('center:sh-02', east)).name).toBe('上海松江服务中心');
    for (const outside of ['network', 'region:west', 'region:north', 'center:urc-01']) {
      const refused = await scopeOf(outside, east);
      expectErrorBody(refused, 403, 'out_of_scope');
      expect(refused.text).not.toMatch(/西南|华北|乌鲁木齐/);
    }
    const center = await displayToken('center:sh-01');
    expect(await answerOf('center:sh-01', center)).toEqual({ scope: 'center:sh-01', name: '上海浦东服务中心', children: [], above: [] });
    expectErrorBody(await scopeOf('region:sh', center), 403, 'out_of_scope');
  });

  it('gives a supervisor only the scopes of their grants, leaving out a city none of their centers is in', async () => {
    const centers = await signInAs(server, { username: 's-sh', role: 'supervisor', grants: [{ kind: 'center', id: 'sh-01' }, { kind: 'center', id: 'sh-02' }] });
    const city = await answerOf('region:sh', centers);
    expect([city.name, ...names(city)]).toEqual(['上海', 'center:sh-01 上海浦东服务中心', 'center:sh-02 上海松江服务中心']);
    // The levels above are named as far as every center in them is the supervisor's: here all of 华东's are.
    expect((await answerOf('center:sh-01', centers)).above).toEqual(['region:east', 'region:sh']);
    expect((await answerOf('center:sh-01', await signInAs(server, { username: 's-one', role: 'supervisor', grants: [{ kind: 'center', id: 'sh-01' }] }))).above).toEqual([]);
    expectErrorBody(await scopeOf('region:west', centers), 403, 'out_of_scope');
    expectErrorBody(await scopeOf('region:sh-new', centers), 403, 'out_of_scope');
    expectErrorBody(await scopeOf('network', centers), 403, 'out_of_scope');
    const manager = await signInAs(server, { username: 'm-1', role: 'manager' });
    expect(names(await answerOf('network', manager))).toEqual(['region:north 华北', 'region:east 华东', 'region:west 西南']);
  });

  it('refuses a caller without credentials or a board, a bad query with the field, and a scope naming nothing', async () => {
    expectErrorBody(await scopeOf('network', null), 401, 'unauthorized');
    const engineer = await signInAs(server, { username: 'e-1', role: 'engineer', engineerId: 'e-001' });
    expect(expectErrorBody(await scopeOf('region:sh', engineer), 403, 'forbidden').message).toContain('dashboard:read');
    expect(expectErrorBody(await scopeOf('planet:mars', VIEW_TOKEN), 400, 'invalid_request').issues).toEqual([{ path: 'scope', message: 'must be network, region:<id> or center:<id>' }]);
    expect(expectErrorBody(await call(server, 'GET', '/api/v1/org/scope', undefined, VIEW_TOKEN), 400, 'invalid_request').issues?.[0]?.path).toBe('scope');
    const unknown = expectErrorBody(await call(server, 'GET', '/api/v1/org/scope?scope=network&depth=2', undefined, VIEW_TOKEN), 400, 'invalid_request');
    expect(unknown.issues?.[0]?.message).toContain('depth');
    expectErrorBody(await scopeOf('region:atlantis', VIEW_TOKEN), 404, 'not_found');
  });
});
