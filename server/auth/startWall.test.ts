import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TempDb, openTempDb } from '../../test/support/tempDb';
import { createAuditLog } from '../audit/auditLog';
import { createDisplayTokenService } from './displayTokenService';
import { principalForRole } from './principal';
import { ensureStartWall, startWallTokenPath } from './startWall';

const clock = { now: () => Date.parse('2026-12-01T08:00:00Z') };
const org = { hasRegion: () => false, hasCenter: () => false };
const admin = principalForRole({ kind: 'user', id: 'u-1', name: 'wang.admin', role: 'admin', scope: { kind: 'all' } });

describe('the wall address kept across starts', () => {
  let temp: TempDb;
  beforeEach(() => {
    temp = openTempDb('ops-start-wall-');
  });
  afterEach(() => temp.close());

  it('is made once as a network display, printed the same at every start, and stays revoked once revoked', () => {
    const first = ensureStartWall(temp.db, { dbPath: temp.path, clock, org });
    expect(first).toMatchObject({ kind: 'display', token: expect.stringMatching(/^dsp_/) });
    expect(readFileSync(startWallTokenPath(temp.path), 'utf8').trim()).toBe((first as { token: string }).token);
    expect(ensureStartWall(temp.db, { dbPath: temp.path, clock, org })).toEqual(first);

    const displays = createDisplayTokenService({ db: temp.db, clock, org, audit: createAuditLog(temp.db, clock).record });
    const [kept] = displays.list();
    expect(kept).toMatchObject({ scope: 'network', board: 'network', createdBy: 'first-run', revokedAt: null });
    displays.revoke(kept!.id, { actor: admin });
    expect(ensureStartWall(temp.db, { dbPath: temp.path, clock, org })).toEqual({ kind: 'revoked' });
    expect(displays.list()).toHaveLength(1);
    expect(existsSync(startWallTokenPath(temp.path))).toBe(true);
  });
});
