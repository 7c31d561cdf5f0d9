import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connection';
import { auditQuerySchema } from '../../shared/api/auditQuery';
import { type Principal, principalForRole } from '../auth/principal';
import { REDACTED, createAuditLog, withoutSecrets } from './auditLog';
import { type TempDb, openTempDb } from '../../test/support/tempDb';

const T0 = Date.parse('2026-11-23T09:00:00Z');
const admin = principalForRole({ kind: 'user', id: 'u-1', name: 'wang.admin', role: 'admin', scope: { kind: 'all' } });
const manager = principalForRole({ kind: 'user', id: 'u-2', name: 'li.manager', role: 'manager', scope: { kind: 'all' } });
const crm: Principal = { kind: 'ingest', id: 'it-1', name: 'crm', role: null, permissions: new Set(['events:ingest']), scope: { kind: 'all' } };

describe('withoutSecrets', () => {
  it('masks secret-named values at any depth, keeping ids of secrets and flags about them', () => {
    const user = {
      id: 'u-1',
      passwordHash: 'scrypt$16384$8$1$salt$hash',
      mustChangePassword: true,
      sessions: [{ csrfToken: 'c'.repeat(32), tokenId: 'dt-7', lastSeenAt: 1 }],
      display: { pairingCode: 482913, pairingCodeHash: 'abc', token: 'raw', name: 'Lobby' },
      settings: { secretKey: 'k', SESSION_SECRET: 's', cookie: 'sid=1', credentials: { user: 'a' } },
    };
    expect(withoutSecrets(user)).toEqual({
      id: 'u-1',
      passwordHash: REDACTED,
      mustChangePassword: true,
      sessions: [{ csrfToken: REDACTED, tokenId: 'dt-7', lastSeenAt: 1 }],
      display: { pairingCode: REDACTED, pairingCodeHash: REDACTED, token: REDACTED, name: 'Lobby' },
      settings: { secretKey: REDACTED, SESSION_SECRET: REDACTED, cookie: REDACTED, credentials: REDACTED },
    });
  });

  it('turns anything into JSON that reads back the same, cycles included', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const value = { at: new Date(T0), big: 10n, nan: Number.NaN, skip: undefined, fn: () => 1, set: new Set(['a']), map: new Map([['k', { token: 't' }]]), cyclic };
    const safe = withoutSecrets(value);
    expect(JSON.parse(JSON.stringify(safe))).toEqual(safe);
    expect(safe).toMatchObject({ at: '2026-11-23T09:00:00.000Z', big: '10', nan: null, set: ['a'], map: { k: { token: REDACTED } } });
    expect(safe).not.toHaveProperty('skip');
    expect(safe).not.toHaveProperty('fn');
    expect(JSON.stringify(safe)).toContain('[too deep]');
  });
});

describe('audit log over SQLite', () => {
  let temp: TempDb;
  let db: Db;
  let now: number;
  let audit: ReturnType<typeof createAuditLog>;

  beforeEach(() => {
    temp = openTempDb('ops-audit-');
    db = temp.db;
    now = T0;
    audit = createAuditLog(db, { now: () => now });
  });
  afterEach(() => {
    temp.close();
  });

  const list = (query: Record<string, string> = {}) => audit.list(auditQuerySchema.parse(query));

  it('records who, role, when, what and before and after, with the secrets stored nowhere in the file', () => {
    audit.record({
      actor: admin,
      action: 'user.reset_password',
      target: 'user:u-9',
      before: { username: 'zhang', passwordHash: 'scrypt$old' },
      after: { username: 'zhang', passwordHash: 'scrypt$new', oneTimePassword: 'Tmp-Pass-123' },
      requestId: 'req-1',
    });
    audit.record({ actor: crm, action: 'reference.upsert', target: 'centers', before: undefined, after: { count: 3 } });

    expect(list().items).toEqual([
      { id: 2, at: '2026-11-23T09:00:00.000Z', actor: 'crm', actorRole: 'ingest', action: 'reference.upsert', target: 'centers', before: null, after: { count: 3 }, requestId: null },
      {
        id: 1,
        at: '2026-11-23T09:00:00.000Z',
        actor: 'wang.admin',
        actorRole: 'admin',
        action: 'user.reset_password',
        target: 'user:u-9',
        before: { username: 'zhang', passwordHash: REDACTED },
        after: { username: 'zhang', passwordHash: REDACTED, oneTimePassword: REDACTED },
        requestId: 'req-1',
      },
    ]);
    const raw = JSON.stringify(db.$client.prepare('select * from audit_log').all());
    for (const secret of ['scrypt$old', 'scrypt$new', 'Tmp-Pass-123']) expect(raw).not.toContain(secret);
  });

  it('is written inside the caller transaction, so a change that rolls back leaves no entry', () => {
    expect(() =>
      db.transaction(() => {
        audit.record({ actor: admin, action: 'policy.update', target: 'policies', before: null, after: { version: 2 } });
        throw new Error('the change itself failed');
      }),
    ).toThrow('the change itself failed');
    expect(list().items).toEqual([]);
  });

  it('pages newest first by keyset, ties on the same millisecond by id, unmoved by entries added meanwhile', () => {
    // 23 entries over 8 instants, recorded out of time order, several sharing an instant.
    const recorded = Array.from({ length: 23 }, (_, i) => ({ id: i + 1, at: T0 + ((i * 5) % 8) * 1000 }));
    for (const { id, at } of recorded) {
      now = at;
      audit.record({ actor: id % 2 ? admin : manager, action: 'policy.update', target: `t-${id}`, before: null, after: { id } });
    }
    const expected = recorded.sort((a, b) => b.at - a.at || b.id - a.id).map(({ id }) => `t-${id}`);

    const seen: string[] = [];
    let cursor: string | null | undefined;
    do {
      const page = list({ limit: '5', ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((item) => item.target));
      cursor = page.nextCursor;
      now = T0 + 3_600_000;
      audit.record({ actor: admin, action: 'policy.update', target: 'late', before: null, after: null });
    } while (cursor);
    expect(seen).toEqual(expected);
  });

  it('filters by time window (from inclusive, to exclusive), actor and action', () => {
    const entries: [number, Principal, string][] = [
      [0, admin, 'policy.update'],
      [1, manager, 'alert.silence'],
      [2, admin, 'user.create'],
      [3, manager, 'alert.silence'],
    ];
    for (const [minute, actor, action] of entries) {
      now = T0 + minute * 60_000;
      audit.record({ actor, action, target: `m${minute}`, before: null, after: null });
    }
    const targets = (query: Record<string, string>) => list(query).items.map((item) => item.target);
    expect(targets({ from: '2026-11-23T09:01:00Z', to: '2026-11-23T09:03:00Z' })).toEqual(['m2', 'm1']);
    expect(targets({ from: '2026-11-23T17:01:00+08:00' })).toEqual(['m3', 'm2', 'm1']);
    expect(targets({ actor: 'li.manager' })).toEqual(['m3', 'm1']);
    expect(targets({ action: 'alert.silence', to: '2026-11-23T09:03:00Z' })).toEqual(['m1']);
    expect(targets({ actor: 'nobody' })).toEqual([]);
  });
});
