import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../db/connection';
import { DEFAULT_SLA_POLICIES } from '../../shared/sla/defaultPolicies';
import type { SlaPolicy } from '../../shared/sla/slaPolicy';
import { writeOldDatabase } from '../../test/support/oldDatabase';
import { createdEvent, smallNetwork } from '../../test/support/smallNetwork';
import { call, startTestServer } from '../../test/support/testServer';
import type { ComplaintDetailAnswer } from '../../shared/complaints/complaintApi';
import { createCore } from '../core';
import { ESCALATION_DEFAULT_NOTE, retimeUntimedComplaints } from './complaintEscalationDefault';

/**
 * A store written before the complaint desk (migrations up to 0014) holds the default policy set of its
 * day, without an escalation clock for complaints. Upgraded in place, it must time escalations as a
 * fresh store does, and what it saved under an old metric id must read under the new one.
 */

const NOW = Date.parse('2026-11-23T02:00:00Z');
const HOUR = 3_600_000;
const iso = (offset: number) => new Date(NOW + offset).toISOString();

/** The default set as it was shipped before complaints had an escalation clock. */
const OLD_DEFAULTS: SlaPolicy[] = DEFAULT_SLA_POLICIES.map(({ metrics: { complaint_escalation: _escalation, ...metrics }, ...policy }) => ({ ...policy, metrics }));

let dir: string;
let path: string;
let db: Db | null = null;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'old-db-'));
  path = join(dir, 'ops.db');
});

afterEach(() => {
  if (db?.$client.open) db.$client.close();
  db = null;
  rmSync(dir, { recursive: true, force: true });
});

function oldStore(policies: readonly SlaPolicy[] = OLD_DEFAULTS): void {
  writeOldDatabase(path, 14, (sqlite) => {
    sqlite.prepare('insert into sla_policy_versions (version, policies, changed_by, changed_at, note) values (1, ?, ?, ?, ?)').run(JSON.stringify(policies), 'system', NOW - 90 * 24 * HOUR, 'default policy set');
    const rule = { name: 'Slow complaint resolution', metric: 'complaint_closure_median', scopes: { kind: 'network' }, condition: { kind: 'threshold', op: '>', threshold: 86_400_000 }, intervalMs: 60_000, severity: 'warning' };
    sqlite.prepare('insert into alert_rules (id, definition, updated_by, updated_at) values (?, ?, ?, ?)').run('slow-complaints', JSON.stringify(rule), 'admin', NOW - HOUR);
    sqlite.prepare('insert into display_tokens (id, name, token_hash, scope, board, thresholds, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)')
      .run('d-1', 'Lobby', 'hash-1', 'network', 'network', 'breached_open:1:5,complaint_closure_median:3600000:86400000', 'admin', NOW - HOUR);
  });
  db = openDatabase(path);
}

function policyVersions() {
  return db!.$client.prepare('select version, policies, changed_by as changedBy, note from sla_policy_versions order by version').all() as { version: number; policies: string; changedBy: string; note: string }[];
}

describe('a store from before the complaint desk, upgraded in place', () => {
  it('gets the default escalation clock added to its policy set once, and times the complaints open under it', () => {
    oldStore();
    const core = createCore(db!, { now: () => NOW });
    const versions = policyVersions();
    expect(versions.map(({ version, changedBy, note }) => ({ version, changedBy, note }))).toEqual([
      { version: 1, changedBy: 'system', note: 'default policy set' },
      { version: 2, changedBy: 'system', note: ESCALATION_DEFAULT_NOTE },
    ]);
    expect(JSON.parse(versions[1]!.policies)).toEqual(DEFAULT_SLA_POLICIES);
    expect(core.slaRulebook.rules().policyVersion).toBe(2);

    for (const kind of ['regions', 'centers', 'engineers', 'customers', 'products'] as const) core.referenceService.upsert(kind, smallNetwork[kind] as never);
    const ingested = core.ingestService.ingest([
      createdEvent('T-1', iso(0)),
      { id: 'T-1-k', type: 'complaint.opened', at: iso(HOUR), ticketId: 'T-1', data: { complaintId: 'K-1', category: 'attitude', severity: 'high' } },
    ], 'test');
    expect(ingested.rejected).toEqual([]);
    const escalationClock = () => db!.$client.prepare(`select state, due_at as dueAt from sla_clocks where subject_id = 'K-1' and metric = 'complaint_escalation'`).get();
    expect(escalationClock()).toEqual({ state: 'active', dueAt: NOW + HOUR + 48 * HOUR });

    // A complaint opened before the upgrade was timed without the rule: it has no escalation clock until retimed, by the next process.
    db!.$client.prepare(`delete from sla_clocks where metric = 'complaint_escalation'`).run();
    const restarted = createCore(db!, { now: () => NOW + HOUR });
    expect(retimeUntimedComplaints(db!, restarted.slaEngine, restarted.slaRulebook.rules().policies)).toBe(1);
    expect(escalationClock()).toEqual({ state: 'active', dueAt: NOW + HOUR + 48 * HOUR });
    expect(retimeUntimedComplaints(db!, restarted.slaEngine, restarted.slaRulebook.rules().policies)).toBe(0);
    // Started again, nothing more is added.
    expect(policyVersions()).toHaveLength(2);
  });

  it('times at start-up the complaints a server upgraded in place had open without an escalation clock', async () => {
    oldStore();
    const core = createCore(db!, { now: () => NOW });
    for (const kind of ['regions', 'centers', 'engineers', 'customers', 'products'] as const) core.referenceService.upsert(kind, smallNetwork[kind] as never);
    core.ingestService.ingest([
      createdEvent('T-2', iso(0)),
      { id: 'T-2-k', type: 'complaint.opened', at: iso(HOUR), ticketId: 'T-2', data: { complaintId: 'K-2', category: 'parts', severity: 'low' } },
    ], 'test');
    db!.$client.prepare(`delete from sla_clocks where metric = 'complaint_escalation'`).run();
    db!.$client.close();
    db = openDatabase(path);
    const server = await startTestServer({ clock: { now: () => NOW + 2 * HOUR }, database: { dir, path, db: db!, reopen: () => db!, close: () => db!.$client.close() } });
    try {
      await server.application.liveReady;
      const answer = (await call(server, 'GET', '/api/v1/complaints/K-2')).json as ComplaintDetailAnswer;
      expect(answer.complaint.clocks.escalation).toMatchObject({ state: 'active', breached: false, dueAt: iso(HOUR + 48 * HOUR) });
    } finally {
      await server.close();
    }
  });

  it('adds the rule as a policy of its own where the set no longer has the default complaint policy', () => {
    const custom = OLD_DEFAULTS.filter((policy) => policy.id !== 'complaints-and-return-visits');
    oldStore(custom);
    createCore(db!, { now: () => NOW });
    const added = JSON.parse(policyVersions()[1]!.policies) as SlaPolicy[];
    expect(added.slice(0, -1)).toEqual(custom);
    expect(added.at(-1)).toMatchObject({ id: 'complaints-and-return-visits', match: {}, metrics: { complaint_escalation: { target: { kind: 'calendar', minutes: 48 * 60 } } } });
    expect(Object.keys(added.at(-1)!.metrics)).toEqual(['complaint_escalation']);
  });

  it('leaves alone a set that once had the rule and had it taken out since', () => {
    oldStore();
    createCore(db!, { now: () => NOW });
    db!.$client.prepare('insert into sla_policy_versions (version, policies, changed_by, changed_at, note) values (3, ?, ?, ?, ?)').run(JSON.stringify(OLD_DEFAULTS), 'admin', NOW + HOUR, 'no escalation clock');
    createCore(db!, { now: () => NOW + 2 * HOUR });
    expect(policyVersions().map((version) => version.version)).toEqual([1, 2, 3]);
  });

  it('reads alert rules and display profiles saved under complaint_closure_median as complaint_resolution_median', () => {
    oldStore();
    const rule = db!.$client.prepare(`select definition from alert_rules where id = 'slow-complaints'`).get() as { definition: string };
    expect(JSON.parse(rule.definition).metric).toBe('complaint_resolution_median');
    expect(db!.$client.prepare(`select thresholds from display_tokens where id = 'd-1'`).get()).toEqual({ thresholds: 'breached_open:1:5,complaint_resolution_median:3600000:86400000' });
  });
});
