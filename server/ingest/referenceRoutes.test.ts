import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REFERENCE_KINDS } from '../../shared/reference/referenceSchema';
import { expectErrorBody } from '../../test/support/api';
import { dumpTables } from '../../test/support/dbDump';
import { loadSmallNetwork, smallNetwork } from '../../test/support/smallNetwork';
import { INGEST_TOKEN, type TestServer, VIEW_TOKEN, call, startTestServer } from '../../test/support/testServer';

const REFERENCE_TABLES = ['regions', 'centers', 'engineers', 'customers', 'products', 'product_lines'];

describe('PUT/GET /api/v1/org/*', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(() => server.close());

  const put = (kind: string, rows: unknown, token?: string | null) => call(server, 'PUT', `/api/v1/org/${kind}`, rows, token);
  const list = async (kind: string) => {
    const response = await call(server, 'GET', `/api/v1/org/${kind}`);
    expect(response.status).toBe(200);
    return response.json[kind];
  };

  /** Runs `act` and asserts no reference table changed. */
  async function expectNothingWritten<T>(act: () => Promise<T>): Promise<T> {
    const before = dumpTables(server.db, REFERENCE_TABLES);
    const result = await act();
    expect(dumpTables(server.db, REFERENCE_TABLES)).toEqual(before);
    return result;
  }

  it('round-trips every kind, listed in key order', async () => {
    for (const kind of REFERENCE_KINDS) {
      const rows = [...smallNetwork[kind]].reverse();
      expect((await put(kind, rows)).json).toEqual({ upserted: rows.length });
    }
    for (const kind of REFERENCE_KINDS) {
      const key = kind === 'products' ? 'model' : 'id';
      const sorted = [...smallNetwork[kind]].sort((a, b) => ((a as never)[key] < (b as never)[key] ? -1 : 1));
      expect(await list(kind), kind).toEqual(sorted);
    }
  });

  it('overwrites an existing row on a second PUT and fills defaults', async () => {
    await loadSmallNetwork(server);
    await put('centers', [{ ...smallNetwork.centers[0], name: '浦东新中心', timeZone: 'Asia/Urumqi' }]);
    await put('engineers', [{ id: 'e-009', name: '赵六', centerId: 'sh-02' }]);
    const centers = await list('centers');
    expect(centers).toHaveLength(3);
    expect(centers[0]).toEqual({ ...smallNetwork.centers[0], name: '浦东新中心', timeZone: 'Asia/Urumqi' });
    expect((await list('engineers')).at(-1)).toEqual({ id: 'e-009', name: '赵六', centerId: 'sh-02', skills: [], onShift: false });
  });

  // Each kind put in full, then again with fields left out, then with its nullable fields null.
  it.each([
    {
      kind: 'regions',
      full: { id: 'sh', name: '上海', nameEn: 'Shanghai', parentId: 'east' },
      partial: { id: 'sh', name: '上海市' },
      nulled: { id: 'sh', nameEn: null, parentId: null },
      cleared: { id: 'sh', name: '上海市', parentId: null },
    },
    {
      kind: 'centers',
      full: { id: 'sh-01', name: '浦东中心', nameEn: 'Pudong Center', regionId: 'west', zone: 'county', timeZone: 'Asia/Urumqi' },
      partial: { id: 'sh-01', name: '浦东新中心' },
      nulled: { id: 'sh-01', nameEn: null },
      cleared: { id: 'sh-01', name: '浦东新中心', regionId: 'west', zone: 'county', timeZone: 'Asia/Urumqi' },
    },
    {
      kind: 'engineers',
      full: { id: 'e-001', name: '张伟', nameEn: 'Zhang Wei', centerId: 'sh-02', skills: ['hvac', 'elevator'], onShift: true },
      partial: { id: 'e-001', name: '张伟伟' },
      nulled: { id: 'e-001', nameEn: null },
      cleared: { id: 'e-001', name: '张伟伟', centerId: 'sh-02', skills: ['hvac', 'elevator'], onShift: true },
    },
    {
      kind: 'customers',
      full: { id: 'c-003', name: '上海某医院', nameEn: 'Shanghai Hospital', tier: 'vip', contract: '7x24x4' },
      partial: { id: 'c-003', name: '上海某医院（新）' },
      nulled: { id: 'c-003', nameEn: null },
      cleared: { id: 'c-003', name: '上海某医院（新）', tier: 'vip', contract: '7x24x4' },
    },
    {
      kind: 'products',
      full: { model: 'AC-9000', line: '电梯', lineEn: 'Elevators' },
      partial: { model: 'AC-9000' },
      nulled: { model: 'AC-9000', lineEn: null },
      cleared: { model: 'AC-9000', line: '电梯' },
    },
  ])('a later PUT of $kind keeps what it leaves out, and an explicit null clears', async ({ kind, full, partial, nulled, cleared }) => {
    await loadSmallNetwork(server);
    const key = kind === 'products' ? 'model' : 'id';
    const stored = async () => (await list(kind)).find((row: Record<string, unknown>) => row[key] === (full as Record<string, unknown>)[key]);
    expect((await put(kind, [full])).status).toBe(200);
    expect(await stored()).toEqual(full);
    // A system that knows only some fields (an importer, a one-name CRM) sends the row again, in a batch with a full row.
    const other = smallNetwork[kind as 'regions'].find((row) => (row as Record<string, unknown>)[key] !== (full as Record<string, unknown>)[key]);
    expect((await put(kind, [partial, other])).status).toBe(200);
    const { [key]: _key, ...changed } = partial as Record<string, unknown>;
    expect(await stored()).toEqual({ ...full, ...changed });
    expect((await put(kind, [nulled])).status).toBe(200);
    expect(await stored()).toEqual(cleared);
  });

  it('refuses a new row that leaves out a field with no default, and a null for one that cannot be null', async () => {
    await loadSmallNetwork(server);
    const missing = expectErrorBody(
      await expectNothingWritten(() => put('customers', [{ id: 'c-001', name: '改名' }, { id: 'c-new', name: '新客户', contract: '5x9' }])),
      400,
      'invalid_request',
    );
    expect(missing.issues).toEqual([{ path: '1.tier', message: 'required for a new customer' }]);
    const nulled = expectErrorBody(await expectNothingWritten(() => put('engineers', [{ id: 'e-001', skills: null }])), 400, 'invalid_request');
    expect(nulled.issues?.map((issue) => issue.path)).toEqual(['0.skills']);
  });

  it('refuses an orphan center with 400 naming its index and regionId, writing nothing', async () => {
    await loadSmallNetwork(server);
    const response = await expectNothingWritten(() =>
      put('centers', [
        { id: 'bj-01', name: '北京服务中心', regionId: 'east', zone: 'city', timeZone: 'Asia/Shanghai' },
        { id: 'xx-01', name: '孤儿中心', regionId: 'nowhere', zone: 'city', timeZone: 'Asia/Shanghai' },
      ]),
    );
    const error = expectErrorBody(response, 400, 'unknown_reference');
    expect(error.issues).toEqual([{ path: '1.regionId', message: "unknown region 'nowhere'" }]);
  });

  it.each([
    { kind: 'engineers', rows: [{ id: 'e-x', name: 'x', centerId: 'no-center' }], path: '0.centerId' },
    { kind: 'regions', rows: [{ id: 'gz', name: '广州', parentId: 'south' }], path: '0.parentId' },
  ])('refuses $kind naming an unknown parent at $path', async ({ kind, rows, path }) => {
    await loadSmallNetwork(server);
    const error = expectErrorBody(await expectNothingWritten(() => put(kind, rows)), 400, 'unknown_reference');
    expect(error.issues?.map((issue) => issue.path)).toEqual([path]);
  });

  it('accepts a region batch in which a city precedes its parent', async () => {
    const response = await put('regions', [
      { id: 'nj', name: '南京', parentId: 'js' },
      { id: 'js', name: '江苏', parentId: 'east' },
      { id: 'east', name: '华东', parentId: null },
    ]);
    expect(response.json).toEqual({ upserted: 3 });
    expect(await list('regions')).toEqual([
      { id: 'east', name: '华东', parentId: null },
      { id: 'js', name: '江苏', parentId: 'east' },
      { id: 'nj', name: '南京', parentId: 'js' },
    ]);
  });

  it.each([
    { name: 'an invalid IANA zone', kind: 'centers', row: { id: 'c', name: 'n', regionId: 'east', zone: 'city', timeZone: 'Asia/Atlantis' }, path: '0.timeZone', message: /IANA/ },
    { name: 'a UTC offset for a zone', kind: 'centers', row: { id: 'c', name: 'n', regionId: 'east', zone: 'city', timeZone: '+08:00 Beijing' }, path: '0.timeZone', message: /IANA/ },
    { name: 'a new customer without a name', kind: 'customers', row: { id: 'c-9', tier: 'vip', contract: '5x9' }, path: '0.name', message: /required for a new customer/ },
    { name: 'an unknown tier', kind: 'customers', row: { id: 'c-9', name: 'n', tier: 'gold', contract: '5x9' }, path: '0.tier', message: /expected one of/ },
  ])('refuses $name with 400 at $path', async ({ kind, row, path, message }) => {
    await loadSmallNetwork(server);
    const error = expectErrorBody(await expectNothingWritten(() => put(kind, [row])), 400, 'invalid_request');
    expect(error.issues).toEqual([{ path, message: expect.stringMatching(message) }]);
  });

  it('refuses an empty list, a non-list and non-JSON', async () => {
    expectErrorBody(await put('regions', []), 400, 'invalid_request');
    expectErrorBody(await put('regions', { id: 'east', name: '华东' }), 400, 'invalid_request');
    expectErrorBody(await put('regions', '[{"id":'), 400, 'invalid_json');
  });

  it('answers 401 without credentials, and 403 to credentials without reference:write or tickets:read', async () => {
    expectErrorBody(await expectNothingWritten(() => put('regions', smallNetwork.regions, null)), 401, 'unauthorized');
    expectErrorBody(await expectNothingWritten(() => put('regions', smallNetwork.regions, 'not-a-token-of-any-kind-0000')), 401, 'unauthorized');
    const displayWrite = expectErrorBody(await expectNothingWritten(() => put('regions', smallNetwork.regions, VIEW_TOKEN)), 403, 'forbidden');
    expect(displayWrite.message).toMatch(/'reference:write'/);
    expectErrorBody(await call(server, 'GET', '/api/v1/org/regions', undefined, null), 401, 'unauthorized');
    expect(expectErrorBody(await call(server, 'GET', '/api/v1/org/regions', undefined, VIEW_TOKEN), 403, 'forbidden').message).toMatch(/'tickets:read'/);
    expect(expectErrorBody(await call(server, 'GET', '/api/v1/org/regions', undefined, INGEST_TOKEN), 403, 'forbidden').message).toMatch(/'tickets:read'/);
    expect(await list('regions')).toEqual([]);
  });

  it('lets a source system write with its ingest token', async () => {
    expect((await put('regions', smallNetwork.regions, INGEST_TOKEN)).json).toEqual({ upserted: smallNetwork.regions.length });
    expect(await list('regions')).toHaveLength(smallNetwork.regions.length);
  });
});
