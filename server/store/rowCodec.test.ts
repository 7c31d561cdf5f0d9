import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createIdListQuery, createMultiRowStatement, inFixedRuns } from './rowCodec';

describe('inFixedRuns', () => {
  it('cuts rows into full runs and power-of-two runs, in order, each row once', () => {
    const rows = Array.from({ length: 100 }, (_, index) => index);
    const runs = inFixedRuns(rows, 64);
    expect(runs.map((run) => run.length)).toEqual([64, 32, 4]);
    expect(runs.flat()).toEqual(rows);
    expect(inFixedRuns(rows.slice(0, 63), 64).map((run) => run.length)).toEqual([32, 16, 8, 4, 2, 1]);
    expect(inFixedRuns([], 64)).toEqual([]);
  });

  it('gives every remainder from a few run lengths only', () => {
    const lengths = new Set<number>();
    for (let count = 1; count <= 200; count++) for (const run of inFixedRuns(Array.from({ length: count }), 64)) lengths.add(run.length);
    expect([...lengths].sort((a, b) => a - b)).toEqual([1, 2, 4, 8, 16, 32, 64]);
  });

  it('keeps every row, in order, when the largest run is not a power of two', () => {
    for (const largest of [1, 3, 24, 50]) {
      for (let count = 0; count <= 120; count++) {
        const rows = Array.from({ length: count }, (_, index) => index);
        expect(inFixedRuns(rows, largest).flat()).toEqual(rows);
      }
    }
    expect(inFixedRuns(Array.from({ length: 29 }), 24).map((run) => run.length)).toEqual([24, 4, 1]);
  });
});

describe('statements over id lists and multi-row writes', () => {
  let client: Database.Database;
  beforeEach(() => {
    client = new Database(':memory:');
    client.exec('create table items (id text primary key, n integer not null)');
  });
  afterEach(() => client.close());

  it('finds each id of a list of any length once, the list padded to a few statement lengths', () => {
    const insert = createMultiRowStatement(client, 'insert into items (id, n) values', 2);
    insert.runMany(Array.from({ length: 130 }, (_, index) => [`i-${index}`, index]));
    expect(client.prepare('select count(*) from items').pluck().get()).toBe(130);

    const query = createIdListQuery(client, 'select id from items where id in (?) order by n');
    for (const count of [1, 2, 24, 25, 26, 61, 130]) {
      const ids = Array.from({ length: count }, (_, index) => `i-${index}`);
      expect(query.all([...ids, 'missing']).map(([id]) => id)).toEqual(ids);
    }
    createIdListQuery(client, 'delete from items where id in (?)').run(['i-0', 'i-1', 'i-2']);
    expect(client.prepare('select count(*) from items').pluck().get()).toBe(127);
  });
});
