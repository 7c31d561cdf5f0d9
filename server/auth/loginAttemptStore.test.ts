import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loginAttempts, loginPhantomLockouts } from '../../db/schema';
import { type TempDb, openTempDb } from '../../test/support/tempDb';
import { createLoginAttemptStore } from './loginAttemptStore';

const MINUTE = 60_000;
const T0 = Date.parse('2026-11-23T01:00:00Z');
const LOCKOUT = { after: 5, forMs: 15 * MINUTE };

describe('sign-in attempts in the store', () => {
  let temp: TempDb;
  beforeEach(() => {
    temp = openTempDb('login-attempts-');
  });
  afterEach(() => temp.close());

  it('answers a key’s newest attempts inside the window and drops attempts older than every window as new ones come', () => {
    const store = createLoginAttemptStore(temp.db);
    for (let i = 0; i < 40; i += 1) store.take('ip', `10.0.0.${i}`, T0 + i * 1000, T0 - 15 * MINUTE);
    store.take('username', 'li.na', T0 + 5 * MINUTE, T0 - 10 * MINUTE);
    expect(store.recent('ip', '10.0.0.3', T0 - 15 * MINUTE, 10)).toEqual([T0 + 3000]);
    expect(temp.db.select().from(loginAttempts).all()).toHaveLength(41);

    store.take('ip', '10.0.0.99', T0 + 20 * MINUTE, T0 + 5 * MINUTE);
    expect(temp.db.select().from(loginAttempts).all().map((row) => row.key)).toEqual(['10.0.0.99']);
  });

  it('gives a success its slot back', () => {
    const store = createLoginAttemptStore(temp.db);
    const id = store.take('username', 'li.na', T0, 0);
    store.take('username', 'li.na', T0 + 1, 0);
    store.giveBack(id);
    expect(store.recent('username', 'li.na', 0, 10)).toEqual([T0 + 1]);
  });

  it('locks an unknown username after as many failures as an account, and forgets one idle for a day', () => {
    const store = createLoginAttemptStore(temp.db);
    for (let i = 0; i < 4; i += 1) store.phantomFailed('ghost', T0 + i, LOCKOUT);
    store.phantomFailed('spectre', T0, LOCKOUT);
    expect(store.phantomLockedUntil('ghost')).toBeNull();
    store.phantomFailed('ghost', T0 + 4, LOCKOUT);
    expect(store.phantomLockedUntil('ghost')).toBe(T0 + 4 + LOCKOUT.forMs);

    store.phantomFailed('wraith', T0 + 25 * 60 * MINUTE, LOCKOUT);
    expect(temp.db.select().from(loginPhantomLockouts).all().map((row) => row.username)).toEqual(['wraith']);
  });
});
