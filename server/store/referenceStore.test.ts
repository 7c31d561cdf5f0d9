import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { smallNetwork } from '../../test/support/smallNetwork';
import { type TempDb, openTempDb } from '../../test/support/tempDb';
import { type ReferenceStore, createReferenceStore } from './referenceStore';

describe('referenceStore.existing', () => {
  let temp: TempDb;
  let store: ReferenceStore;
  beforeEach(() => {
    temp = openTempDb();
    store = createReferenceStore(temp.db);
    for (const kind of ['regions', 'centers', 'customers'] as const) store.upsert(kind, smallNetwork[kind] as never);
  });
  afterEach(() => temp.close());

  it('finds the keys that exist, remembers none that did not, and finds one upserted since', () => {
    expect(store.existing('centers', ['sh-01', 'nowhere', 'sh-01'])).toEqual(new Set(['sh-01']));
    expect(store.existing('centers', ['sh-01', 'nowhere'])).toEqual(new Set(['sh-01']));
    store.upsert('centers', [{ id: 'nowhere', name: '新中心', regionId: 'sh', zone: 'city', timeZone: 'Asia/Shanghai' }]);
    expect(store.existing('centers', ['sh-01', 'nowhere'])).toEqual(new Set(['sh-01', 'nowhere']));
    expect(store.existing('customers', ['sh-01', 'c-001'])).toEqual(new Set(['c-001']));
  });
});
