import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connection';
import type { AccessScope } from '../../shared/auth/roles';
import type { Scope } from '../../shared/live/socketContract';
import { smallNetwork } from '../../test/support/smallNetwork';
import { refusalLogger } from '../auth/accessScope';
import { type Principal, principalForRole } from '../auth/principal';
import { type Core, createCore } from '../core';
import { createMetricScopeGuard } from '../metrics/metricScopeGuard';
import { decideSubscription, defaultScopeOf } from './scopeAccess';
import { type TempDb, openTempDb } from '../../test/support/tempDb';

let temp: TempDb;
let db: Db;
let core: Core;
let logged: string[];

beforeEach(() => {
  temp = openTempDb('scope-access-');
  db = temp.db;
  core = createCore(db, { now: () => Date.now() });
  for (const kind of ['regions', 'centers', 'engineers'] as const) core.referenceService.upsert(kind, smallNetwork[kind] as never);
  logged = [];
});

afterEach(() => {
  temp.close();
});

const admin = principalForRole({ kind: 'user', id: 'u-admin', name: 'admin', role: 'admin', scope: { kind: 'all' } });
const supervisorEast = principalForRole({ kind: 'user', id: 'u-east', name: 'sup.east', role: 'supervisor', scope: { kind: 'grants', regionIds: ['east'], centerIds: [] } });
const pudongWall = principalForRole({ kind: 'display', id: 'd-1', name: '浦东大屏', role: 'display', scope: { kind: 'grants', regionIds: [], centerIds: ['sh-01'] } });

function decide(principal: Principal, scope: Scope) {
  const guard = createMetricScopeGuard({ db, org: core.org, refused: refusalLogger((line) => logged.push(line)) });
  const decision = decideSubscription(principal, scope, guard);
  return decision.ok ? { ok: true } : { ok: false, code: decision.error.code };
}

describe('deciding a dashboard subscription', () => {
  it('lets a region grant subscribe to the region and everything below it', () => {
    expect(decide(supervisorEast, { kind: 'region', id: 'east' })).toEqual({ ok: true });
    expect(decide(supervisorEast, { kind: 'region', id: 'sh' })).toEqual({ ok: true });
    expect(decide(supervisorEast, { kind: 'center', id: 'sh-02' })).toEqual({ ok: true });
    expect(logged).toEqual([]);
  });

  it('refuses, and logs, anything outside the grant; the network only for those who see all of it', () => {
    expect(decide(supervisorEast, { kind: 'region', id: 'west' })).toEqual({ ok: false, code: 'forbidden' });
    expect(decide(supervisorEast, { kind: 'network' })).toEqual({ ok: false, code: 'forbidden' });
    expect(decide(pudongWall, { kind: 'region', id: 'sh' })).toEqual({ ok: false, code: 'forbidden' });
    expect(logged).toEqual([
      "access refused: user 'sup.east' (supervisor) asked for region 'west'",
      "access refused: user 'sup.east' (supervisor) asked for the whole network",
      "access refused: display '浦东大屏' (display) asked for region 'sh'",
    ]);
    expect(decide(admin, { kind: 'network' })).toEqual({ ok: true });
  });

  it("lets a supervisor follow an engineer of their centers, and no other", () => {
    expect(decide(supervisorEast, { kind: 'engineer', id: 'e-001' })).toEqual({ ok: true });
    expect(decide(supervisorEast, { kind: 'engineer', id: 'e-003' })).toEqual({ ok: false, code: 'forbidden' });
    expect(decide(admin, { kind: 'engineer', id: 'nobody' })).toEqual({ ok: false, code: 'not_found' });
  });

  it('answers not_found for a region or center that does not exist, whoever asks', () => {
    expect(decide(admin, { kind: 'region', id: 'nowhere' })).toEqual({ ok: false, code: 'not_found' });
    expect(decide(admin, { kind: 'center', id: 'nowhere' })).toEqual({ ok: false, code: 'not_found' });
    expect(decide(supervisorEast, { kind: 'center', id: 'nowhere' })).toEqual({ ok: false, code: 'not_found' });
  });
});

describe('the default board', () => {
  it('is the network for those who see all, else the first region granted, else the first center; none for an engineer', () => {
    const grants = (regionIds: string[], centerIds: string[]): AccessScope => ({ kind: 'grants', regionIds, centerIds });
    expect(defaultScopeOf({ kind: 'all' })).toEqual({ kind: 'network' });
    expect(defaultScopeOf(grants(['east', 'west'], ['urc-01']))).toEqual({ kind: 'region', id: 'east' });
    expect(defaultScopeOf(grants([], ['sh-01']))).toEqual({ kind: 'center', id: 'sh-01' });
    expect(defaultScopeOf(grants([], []))).toBeNull();
    expect(defaultScopeOf({ kind: 'engineer', engineerId: 'e-001' })).toBeNull();
  });
});
