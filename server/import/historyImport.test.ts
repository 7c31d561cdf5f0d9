import { spawn } from 'node:child_process';
import { createReadStream, existsSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../db/connection';
import { claimStoreWriter } from '../../db/writerClaim';
import { ticketEvents, tickets } from '../../db/schema';
import type { HistoryReferences } from '../../shared/import/historyLine';
import { dumpTables } from '../../test/support/dbDump';
import { type TempDb, openTempDb } from '../../test/support/tempDb';
import { type Core, createCore } from '../core';
import { importHistoryLines, upsertHistoryReferences } from './historyImport';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const NOW = Date.parse('2026-11-23T12:00:00Z');

const REFERENCES: HistoryReferences = {
  regions: [{ id: 'east', name: '华东', nameEn: 'East China', parentId: null }],
  centers: [{ id: 'sh-01', name: '上海浦东服务中心', nameEn: 'Shanghai Pudong Center', regionId: 'east', zone: 'city', timeZone: 'Asia/Shanghai' }],
  engineers: [{ id: 'e-001', name: '张伟', centerId: 'sh-01', skills: [], onShift: true }],
  customers: [{ id: 'c-001', name: '客户甲', tier: 'standard', contract: 'standard' }],
};

const created = (ticketId: string, at: string, priority = 'P3') => ({
  id: `${ticketId}:created`,
  type: 'ticket.created',
  at,
  ticketId,
  data: { centerId: 'sh-01', customerId: 'c-001', priority, type: 'repair', channel: 'hotline' },
});
const assigned = (ticketId: string, at: string) => ({ id: `${ticketId}:assigned`, type: 'ticket.assigned', at, ticketId, data: { engineerId: 'e-001' } });
const resolved = (ticketId: string, at: string) => ({ id: `${ticketId}:resolved`, type: 'ticket.resolved', at, ticketId, data: {} });

/** Two whole tickets, a blank line, a line that is not JSON and an event with a priority the contract does not know. */
const HISTORY_LINES = [
  JSON.stringify(created('T-1', '2026-11-20T01:00:00Z')),
  JSON.stringify(assigned('T-1', '2026-11-20T01:05:00Z')),
  '{"id": "T-2:created", "type": ',
  JSON.stringify(created('T-2', '2026-11-20T02:00:00Z')),
  '',
  JSON.stringify(created('T-3', '2026-11-20T03:00:00Z', 'P9')),
  JSON.stringify(resolved('T-1', '2026-11-20T04:00:00Z')),
  JSON.stringify(assigned('T-2', '2026-11-20T05:00:00Z')),
];
const VALID_EVENTS = 5;

function ticketStates(db: Db) {
  return db.select({ id: tickets.id, status: tickets.status, engineerId: tickets.engineerId }).from(tickets).orderBy(tickets.id).all();
}

describe('JSON-lines history import into a real SQLite file', () => {
  let temp: TempDb;
  let core: Core;
  let file: string;
  const importFile = () => importHistoryLines(core.ingestService, createReadStream(file), { batchSize: 2 });

  beforeEach(() => {
    temp = openTempDb('history-import-');
    core = createCore(temp.db, { now: () => NOW });
    upsertHistoryReferences(core.referenceService, REFERENCES);
    file = join(temp.dir, 'history.jsonl');
    writeFileSync(file, `${HISTORY_LINES.join('\n')}\n`);
  });
  afterEach(() => temp.close());

  it('keeps what a later organisation file leaves out, and names a new row that leaves out a field it needs', () => {
    const customer = { id: 'c-001', name: '客户甲', nameEn: 'Client A', tier: 'vip', contract: '7x24x4' } as const;
    upsertHistoryReferences(core.referenceService, { customers: [customer] });
    upsertHistoryReferences(core.referenceService, { customers: [{ id: customer.id, name: customer.name }] });
    expect(core.referenceService.list('customers')).toEqual([customer]);
    expect(() => upsertHistoryReferences(core.referenceService, { customers: [{ id: 'c-new', name: '新客户', tier: 'vip' }] })).toThrow(
      expect.objectContaining({ issues: [{ path: 'customers.0.contract', message: 'required for a new customer' }] }),
    );
  });

  it('finds the parents an organisation file creates in its earlier kinds', () => {
    const file: HistoryReferences = {
      regions: [{ id: 'north', name: '华北', parentId: null }],
      centers: [{ id: 'bj-01', name: '北京中心', regionId: 'north', zone: 'city', timeZone: 'Asia/Shanghai' }],
      engineers: [{ id: 'e-900', name: '王五', centerId: 'bj-01', skills: [], onShift: false }],
    };
    expect(upsertHistoryReferences(core.referenceService, file)).toBe(3);
    expect(core.referenceService.list('engineers')).toContainEqual(file.engineers![0]);
  });

  it('ingests the valid lines and reports each bad one with its line, field and reason, and carries on', async () => {
    const summary = await importFile();

    expect(summary).toMatchObject({ eventsRead: 7, eventsAccepted: VALID_EVENTS, duplicates: 0, rejectedCount: 2 });
    expect(summary.rejected).toHaveLength(2);
    expect(summary.rejected[0]).toMatchObject({ line: 3, id: null, errors: [{ path: '', message: expect.stringMatching(/^is not JSON: /) }] });
    expect(summary.rejected[1]).toMatchObject({ line: 6, id: 'T-3:created', errors: [{ path: 'data.priority', message: expect.any(String) }] });
    expect(ticketStates(temp.db)).toEqual([
      { id: 'T-1', status: 'resolved', engineerId: 'e-001' },
      { id: 'T-2', status: 'assigned', engineerId: 'e-001' },
    ]);
  });

  it('is idempotent: a second import accepts nothing and changes nothing', async () => {
    await importFile();
    const ticketsBefore = temp.db.select().from(tickets).all();
    const eventsBefore = temp.db.select().from(ticketEvents).all();

    const again = await importFile();

    expect(again).toMatchObject({ eventsRead: 7, eventsAccepted: 0, duplicates: VALID_EVENTS, rejectedCount: 2 });
    expect(temp.db.select().from(tickets).all()).toEqual(ticketsBefore);
    expect(temp.db.select().from(ticketEvents).all()).toEqual(eventsBefore);
  });
});

function runHistoryCli(args: string[], stdinFile: string | null): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const stdin = stdinFile === null ? 'ignore' : openSync(stdinFile, 'r');
    const child = spawn('npx', ['tsx', 'server/cli/importHistory.ts', ...args], { cwd: REPO, stdio: [stdin, 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

describe('npm run import:history (CLI)', () => {
  let temp: TempDb;
  let file: string;
  let referencesFile: string;
  let dbPath: string;

  beforeEach(() => {
    temp = openTempDb('history-cli-');
    file = join(temp.dir, 'history.jsonl');
    referencesFile = join(temp.dir, 'history.references.json');
    dbPath = join(temp.dir, 'cli.db');
    writeFileSync(file, `${HISTORY_LINES.join('\n')}\n`);
    writeFileSync(referencesFile, JSON.stringify(REFERENCES));
  });
  afterEach(() => temp.close());

  it('reads standard input, prints the summary with each rejected line, and a second run only finds duplicates', async () => {
    const first = await runHistoryCli(['--references', referencesFile, '--db', dbPath], file);

    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Imported standard input');
    expect(first.stdout).toMatch(/events read:\s+7\n\s+events accepted:\s+5\n\s+duplicates:\s+0\n\s+events rejected:\s+2\n/);
    expect(first.stdout).toMatch(/line 3: \(line\): is not JSON: /);
    expect(first.stdout).toMatch(/line 6 \(T-3:created\): data\.priority: /);
    expect(first.stdout).toMatch(/elapsed:\s+[\d.]+ s\n\s+rate:\s+\d+ events\/s/);
    // Not a terminal: plain progress lines, no bar redrawn with carriage returns.
    expect(first.stderr).not.toContain('\r');

    const second = await runHistoryCli([file, '--db', dbPath], null);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/events read:\s+7\n\s+events accepted:\s+0\n\s+duplicates:\s+5\n\s+events rejected:\s+2\n/);
    const db = openDatabase(dbPath);
    try {
      expect(ticketStates(db).map((ticket) => ticket.id)).toEqual(['T-1', 'T-2']);
    } finally {
      db.$client.close();
    }
  });

  it('leaves a store another process writes untouched, saying why, and imports into it once it is free', async () => {
    const server = claimStoreWriter(dbPath);
    const refused = await runHistoryCli([file, '--references', referencesFile, '--db', dbPath], null);
    server.release();

    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`is being written by another process (a running server, or an import): stop it first`);
    expect(existsSync(dbPath)).toBe(false);

    const imported = await runHistoryCli([file, '--references', referencesFile, '--db', dbPath], null);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/events accepted:\s+5\n/);
  });

  it('exits 2 with the field and reason when the organisation file is wrong, before writing anything', async () => {
    writeFileSync(referencesFile, JSON.stringify({ centers: [{ ...REFERENCES.centers![0], timeZone: 'Mars/Olympus' }] }));

    const run = await runHistoryCli([file, '--references', referencesFile, '--db', dbPath], null);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('centers.0.timeZone: must be an IANA time zone');
    expect(run.stderr).toContain('usage: npm run import:history');
  });

  it('exits 2 naming a new row that leaves out a field it needs, with nothing of the file written', async () => {
    const { tier: _tier, ...customerWithoutTier } = REFERENCES.customers![0]!;
    writeFileSync(referencesFile, JSON.stringify({ ...REFERENCES, customers: [{ ...customerWithoutTier, id: 'c-new' }] }));

    const run = await runHistoryCli([file, '--references', referencesFile, '--db', dbPath], null);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('customers.0.tier: required for a new customer');
    expect(run.stderr).toContain('usage: npm run import:history');
    const db = openDatabase(dbPath);
    try {
      expect(dumpTables(db, ['regions', 'centers', 'engineers', 'customers', 'tickets'])).toEqual({ regions: [], centers: [], engineers: [], customers: [], tickets: [] });
    } finally {
      db.$client.close();
    }
  });
});
