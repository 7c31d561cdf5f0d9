import { execFile } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../db/connection';
import { ticketEvents, tickets } from '../../db/schema';
import { servicenowRowSchema } from '../../shared/import/servicenowRow';
import { wallTimeToEpoch } from '../../shared/time/zonedParse';
import { dumpTables } from '../../test/support/dbDump';
import { type Core, createCore } from '../core';
import { importServicenowCsv } from './servicenowImport';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = join(REPO, 'test/fixtures/servicenow-small.csv');
const ZONE = 'Asia/Shanghai';
const EVENTS_IN_FIXTURE = 23;
const REFERENCE_TABLES = ['regions', 'centers', 'engineers', 'customers'];

/** A fixture time, written as the export's Shanghai wall clock. */
const shanghai = (local: string) => Date.parse(`${local}+08:00`);

function ticketRows(db: Db) {
  return db
    .select({
      id: tickets.id,
      status: tickets.status,
      priority: tickets.priority,
      channel: tickets.channel,
      centerId: tickets.centerId,
      engineerId: tickets.engineerId,
      reopenCount: tickets.reopenCount,
      createdAt: tickets.createdAt,
      resolvedAt: tickets.resolvedAt,
      closedAt: tickets.closedAt,
    })
    .from(tickets)
    .orderBy(tickets.id)
    .all();
}

const EXPECTED_TICKETS = [
  // New → Active → Resolved → Closed.
  { id: 'INC0000001', status: 'closed', priority: 'P3', channel: 'hotline', centerId: 'sn-group-10', engineerId: 'sn-resolver-1', reopenCount: 0, createdAt: shanghai('2016-02-01T08:55'), resolvedAt: shanghai('2016-02-01T15:30'), closedAt: shanghai('2016-02-06T16:00') },
  // Reassigned to another group and engineer, raised to P2; resolved_at (17:20) wins over its row's 17:00.
  { id: 'INC0000002', status: 'closed', priority: 'P2', channel: 'web', centerId: 'sn-group-20', engineerId: 'sn-resolver-3', reopenCount: 0, createdAt: shanghai('2016-02-02T10:00'), resolvedAt: shanghai('2016-02-03T17:20'), closedAt: shanghai('2016-02-08T18:00') },
  // Paused on Awaiting User Info, then worked and closed.
  { id: 'INC0000003', status: 'closed', priority: 'P1', channel: 'web', centerId: 'sn-group-20', engineerId: 'sn-resolver-4', reopenCount: 0, createdAt: shanghai('2016-02-03T09:00'), resolvedAt: shanghai('2016-02-04T16:00'), closedAt: shanghai('2016-02-09T17:00') },
  // Resolved, reopened, resolved again: the second resolution counts.
  { id: 'INC0000004', status: 'closed', priority: 'P3', channel: 'hotline', centerId: 'sn-group-10', engineerId: 'sn-resolver-1', reopenCount: 1, createdAt: shanghai('2016-02-04T08:00'), resolvedAt: shanghai('2016-02-06T09:00'), closedAt: shanghai('2016-02-11T10:00') },
  // No assignment group and nobody on it; still open, waiting on a vendor.
  { id: 'INC0000005', status: 'waiting_parts', priority: 'P4', channel: 'hotline', centerId: 'sn-unassigned', engineerId: null, reopenCount: 0, createdAt: shanghai('2016-02-05T20:00'), resolvedAt: null, closedAt: null },
  // Still open; its last row has an impossible date and is rejected, so it stays Active.
  { id: 'INC0000006', status: 'assigned', priority: 'P3', channel: 'hotline', centerId: 'sn-group-20', engineerId: 'sn-resolver-1', reopenCount: 0, createdAt: shanghai('2016-02-06T11:00'), resolvedAt: null, closedAt: null },
];

describe('ServiceNow import into a real SQLite file', () => {
  let dir: string;
  let db: Db;
  let core: Core;
  const importFixture = () => importServicenowCsv(core, createReadStream(FIXTURE), { timeZone: ZONE });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sn-import-'));
    db = openDatabase(join(dir, 'ops.db'));
    core = createCore(db, { now: () => Date.parse('2026-01-01T00:00:00Z') });
  });
  afterEach(() => {
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives exactly the expected tickets and reports the malformed row', async () => {
    const summary = await importFixture();

    expect(summary).toMatchObject({ rowsRead: 25, tickets: 6, eventsRead: EVENTS_IN_FIXTURE, eventsAccepted: EVENTS_IN_FIXTURE, duplicates: 0, rejectedCount: 0, rejected: [] });
    expect(summary.rejectedRows).toEqual([
      { line: 26, number: 'INC0000006', errors: [{ path: 'sys_updated_at', message: "must be a time as DD-MM-YYYY HH:MM, got '30-02-2016 12:00'" }] },
    ]);
    expect(ticketRows(db)).toEqual(EXPECTED_TICKETS);
    // 08:55 on the Shanghai wall clock is 00:55 UTC.
    expect(ticketRows(db)[0]!.createdAt).toBe(Date.UTC(2016, 1, 1, 0, 55));
  });

  it('names the line of the row an event came from when ingest refuses the event, and keeps the rest', async () => {
    const header = readFileSync(FIXTURE, 'utf8').split('\n')[0]!;
    const columns = header.split(',');
    const row = (values: Record<string, string>) => columns.map((column) => values[column] ?? '?').join(',');
    const base = { priority: '3 - Moderate', reopen_count: '0', assignment_group: 'Group 10', caller_id: 'Caller 1' };
    const csv = [
      header,
      row({ ...base, number: 'INC1', incident_state: 'New', sys_mod_count: '0', opened_at: '01-02-2016 09:00', sys_updated_at: '01-02-2016 09:00' }),
      // Stamped before 2000, which the ingest contract refuses; the import goes on.
      row({ ...base, number: 'INC2', incident_state: 'New', sys_mod_count: '0', opened_at: '01-02-1999 09:00', sys_updated_at: '01-02-1999 09:00' }),
    ].join('\n');

    const summary = await importServicenowCsv(core, Readable.from([csv]), { timeZone: 'UTC' });

    expect(summary).toMatchObject({ tickets: 2, eventsRead: 2, eventsAccepted: 1, rejectedCount: 1 });
    expect(summary.rejected).toEqual([{ line: 3, id: 'sn-INC2-0-created', errors: [{ path: 'at', message: 'must not be before 2000-01-01T00:00:00.000Z' }] }]);
  });

  it('upserts the organisation the rows name, each engineer in the center where first seen', async () => {
    await importFixture();

    expect(core.referenceService.list('regions')).toEqual([{ id: 'servicenow', name: 'ServiceNow import', parentId: null }]);
    expect(core.referenceService.list('centers')).toEqual(
      [
        ['sn-group-10', 'Group 10'],
        ['sn-group-20', 'Group 20'],
        ['sn-unassigned', 'unassigned'],
      ].map(([id, name]) => ({ id, name, regionId: 'servicenow', zone: 'city', timeZone: ZONE })),
    );
    expect(core.referenceService.list('engineers').map((engineer) => [engineer.id, engineer.centerId])).toEqual([
      ['sn-resolver-1', 'sn-group-10'],
      ['sn-resolver-2', 'sn-group-10'],
      ['sn-resolver-3', 'sn-group-20'],
      ['sn-resolver-4', 'sn-group-20'],
    ]);
    expect(core.referenceService.list('customers')).toContainEqual({ id: 'sn-caller-100', name: 'Caller 100', tier: 'standard', contract: 'standard' });
  });

  it('is idempotent: a second import accepts nothing and changes nothing', async () => {
    await importFixture();
    const ticketsBefore = db.select().from(tickets).all();
    const eventsBefore = db.select().from(ticketEvents).all();
    const organisationBefore = dumpTables(db, REFERENCE_TABLES);

    const again = await importFixture();

    expect(again).toMatchObject({ tickets: 6, eventsRead: EVENTS_IN_FIXTURE, eventsAccepted: 0, duplicates: EVENTS_IN_FIXTURE, rejectedCount: 0, rejected: [] });
    expect(db.select().from(tickets).all()).toEqual(ticketsBefore);
    expect(db.select().from(ticketEvents).all()).toEqual(eventsBefore);
    expect(dumpTables(db, REFERENCE_TABLES)).toEqual(organisationBefore);
  });

  it('leaves what the export does not say alone on a re-import: a customer made VIP stays VIP, a center moved stays moved, the import region renamed stays renamed', async () => {
    await importFixture();
    const { referenceService } = core;
    referenceService.upsert('regions', [{ id: 'east', name: '华东', nameEn: 'East China', parentId: null }]);
    referenceService.upsert('regions', [{ id: 'servicenow', name: '华东工单系统', nameEn: 'East ticket desk', parentId: 'east' }]);
    referenceService.upsert('centers', [{ id: 'sn-group-10', name: 'Group 10', nameEn: 'Group Ten', regionId: 'east', zone: 'county', timeZone: 'Asia/Urumqi' }]);
    referenceService.upsert('engineers', [{ id: 'sn-resolver-1', name: 'Resolver 1', nameEn: 'Resolver One', centerId: 'sn-group-20', skills: ['hvac'], onShift: true }]);
    referenceService.upsert('customers', [{ id: 'sn-caller-100', name: 'Caller 100', nameEn: 'Caller Hundred', tier: 'vip', contract: '7x24x4' }]);
    const organisation = dumpTables(db, REFERENCE_TABLES);

    await importFixture();

    expect(dumpTables(db, REFERENCE_TABLES)).toEqual(organisation);
    expect(referenceService.list('customers')).toContainEqual({ id: 'sn-caller-100', name: 'Caller 100', nameEn: 'Caller Hundred', tier: 'vip', contract: '7x24x4' });
    expect(referenceService.list('regions')).toContainEqual({ id: 'servicenow', name: '华东工单系统', nameEn: 'East ticket desk', parentId: 'east' });
  });
});

describe('export times in a zone with daylight saving', () => {
  const wall = (year: number, month: number, day: number, hour: number, minute = 0) => ({ year, month, day, hour, minute });

  it('reads São Paulo summer time (UTC-2, February 2016) and standard time (UTC-3, March 2016)', () => {
    const openedAt = servicenowRowSchema('America/Sao_Paulo').shape.opened_at;
    expect(openedAt.parse('10-02-2016 12:00')).toBe(Date.UTC(2016, 1, 10, 14, 0));
    expect(openedAt.parse('10-03-2016 12:00')).toBe(Date.UTC(2016, 2, 10, 15, 0));
  });

  it('takes the earlier instant for a repeated hour and moves a skipped time forward', () => {
    // Summer time ended at midnight on 21 Feb 2016, so 23:30 on the 20th happened twice.
    expect(wallTimeToEpoch(wall(2016, 2, 20, 23, 30), 'America/Sao_Paulo')).toBe(Date.UTC(2016, 1, 21, 1, 30));
    // Clocks jumped from 02:00 to 03:00 in Berlin on 27 Mar 2016.
    expect(wallTimeToEpoch(wall(2016, 3, 27, 2, 30), 'Europe/Berlin')).toBe(Date.UTC(2016, 2, 27, 1, 30));
  });
});

function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('npx', ['tsx', 'server/cli/import.ts', ...args], { cwd: REPO, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('npm run import (CLI)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sn-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('imports the fixture, prints the summary and exits 0 whatever the process zone', async () => {
    const dbPath = join(dir, 'ops.db');
    const run = await runCli([FIXTURE, '--format', 'servicenow', '--tz', ZONE, '--db', dbPath], { TZ: 'America/New_York' });

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/rows read:\s+25\n\s+rows rejected:\s+1\n\s+line 26 \(INC0000006\): sys_updated_at: /);
    expect(run.stdout).toMatch(/tickets:\s+6\n\s+events read:\s+23\n\s+events accepted:\s+23\n\s+duplicates:\s+0\n\s+events rejected:\s+0\n/);
    expect(run.stdout).toMatch(/elapsed:\s+[\d.]+ s\n\s+rate:\s+\d+ events\/s/);
    const db = openDatabase(dbPath);
    try {
      expect(ticketRows(db)).toEqual(EXPECTED_TICKETS);
    } finally {
      db.$client.close();
    }
  });

  it('exits 2 with a clear message on bad arguments', async () => {
    const [unknownFormat, badZone] = await Promise.all([
      runCli([FIXTURE, '--format', 'jira', '--db', join(dir, 'ops.db')]),
      runCli([FIXTURE, '--format', 'servicenow', '--tz', 'Mars/Olympus', '--db', join(dir, 'ops.db')]),
    ]);
    expect(unknownFormat.code).toBe(2);
    expect(unknownFormat.stderr).toContain("import: unknown --format 'jira'; supported: servicenow");
    expect(unknownFormat.stderr).toContain('usage: npm run import -- FILE --format servicenow');

    expect(badZone.code).toBe(2);
    expect(badZone.stderr).toContain("--tz 'Mars/Olympus' is not an IANA time zone");
  });
});
