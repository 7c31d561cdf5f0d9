import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import type { DemoProgress } from '../../shared/live/socketContract';
import { type Core, createCore } from '../core';
import { seedDemoNetwork } from './demoSeed';
import { prepareDemo, progressBar } from './demoStart';

const T = Date.parse('2026-11-23T10:20:00+08:00');
const SEED = 42;
const dirs: string[] = [];

function store(): { core: Core; dbPath: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ops-demo-start-'));
  dirs.push(dir);
  const dbPath = join(dir, 'ops.db');
  return { core: createCore(openDatabase(dbPath), { now: () => T }), dbPath };
}

function eventIds(core: Core): string[] {
  return (core.db.$client.prepare('select id from ticket_events order by id').all() as { id: string }[]).map((row) => row.id);
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the demo on start', () => {
  it('puts the network in at once, then replays the same history as the one-go seed, reporting progress to the end', async () => {
    const { core, dbPath } = store();
    const reports: DemoProgress[] = [];
    const demo = prepareDemo({ core, clock: { now: () => T }, dbPath, seed: SEED, days: 2, scale: 0.1, log: () => {}, onProgress: (progress) => reports.push(progress) });
    expect(core.referenceService.list('centers').length).toBeGreaterThanOrEqual(40);
    expect(eventIds(core)).toEqual([]);
    expect(existsSync(`${dbPath}.demo-history.json`)).toBe(true);

    await demo!.replay(new AbortController().signal);
    expect(existsSync(`${dbPath}.demo-history.json`)).toBe(false);
    expect(reports.at(-1)).toMatchObject({ days: 2, daysDone: 2, done: true });
    // The carried-in week is read after the history's own days; the bar is not full until it is done.
    const beforeLast = reports.filter((report) => !report.done).at(-1)!;
    expect(beforeLast.daysDone).toBeLessThan(2);
    expect(reports.filter((report) => !report.done && report.daysDone >= 2)).toEqual([]);

    const reference = store();
    seedDemoNetwork(reference.core, { seed: SEED, days: 2, scale: 0.1, now: T, log: () => {} });
    expect(eventIds(core)).toEqual(eventIds(reference.core));
    // A store with its history has nothing to replay.
    expect(prepareDemo({ core, clock: { now: () => T }, dbPath, seed: SEED, days: 2, scale: 0.1, log: () => {}, onProgress: () => {} })).toBeNull();
  });

  it('resumes a replay stopped half way, and ends with the history whole', async () => {
    const { core, dbPath } = store();
    const stopping = new AbortController();
    const first = prepareDemo({ core, clock: { now: () => T }, dbPath, seed: SEED, days: 2, scale: 0.1, log: () => {}, onProgress: () => {} });
    const replaying = first!.replay(stopping.signal);
    await expect.poll(() => eventIds(core).length, { timeout: 30_000 }).toBeGreaterThan(100);
    stopping.abort();
    await replaying;
    const partial = eventIds(core).length;
    expect(existsSync(`${dbPath}.demo-history.json`)).toBe(true);

    const lines: string[] = [];
    const resumed = prepareDemo({ core, clock: { now: () => T + 3_600_000 }, dbPath, seed: SEED, days: 2, scale: 0.1, log: (line) => lines.push(line), onProgress: () => {} });
    expect(lines.join('\n')).toMatch(/resuming the replay stopped at/);
    await resumed!.replay(new AbortController().signal);
    expect(eventIds(core).length).toBeGreaterThan(partial);

    const reference = store();
    seedDemoNetwork(reference.core, { seed: SEED, days: 2, scale: 0.1, now: T, log: () => {} });
    expect(eventIds(core)).toEqual(eventIds(reference.core));
  });

  it('ignores a place file it cannot read rather than failing to start', () => {
    const { core, dbPath } = store();
    seedDemoNetwork(core, { seed: SEED, days: 0, scale: 0.1, now: T, log: () => {} });
    writeFileSync(`${dbPath}.demo-history.json`, '{"seed": 42, "next');
    const lines: string[] = [];
    expect(prepareDemo({ core, clock: { now: () => T }, dbPath, seed: SEED, days: 2, scale: 0.1, log: (line) => lines.push(line), onProgress: () => {} })).toBeNull();
    expect(lines.join('\n')).toMatch(/ignoring .* which cannot be read/);
  });

  it('gives a demo store seeded before English names its customers\' and product lines\' English names, except a customer an outside system renamed', () => {
    const { core, dbPath } = store();
    seedDemoNetwork(core, { seed: SEED, days: 0, scale: 0.1, now: T, log: () => {} });
    core.db.$client.exec(`update customers set name_en = null; update products set line_en = null; update customers set name = '外部系统改名' where id = 'c-00002'`);
    prepareDemo({ core, clock: { now: () => T }, dbPath, seed: SEED, days: 2, scale: 0.1, log: () => {}, onProgress: () => {} });
    const customers = core.referenceService.list('customers');
    expect(customers.filter((customer) => !customer.nameEn).map((customer) => customer.id)).toEqual(['c-00002']);
    expect(customers.find((customer) => customer.id === 'c-00001')?.nameEn).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$|^[A-Z][a-z' ]+ [A-Z][a-z]+ [A-Z]/);
    expect(core.referenceService.list('products').find((product) => product.model === 'EV-1000')).toEqual({ model: 'EV-1000', line: '电梯', lineEn: 'Elevators' });
  });

  it('gives a demo store seeded before engineers had English names theirs, except an engineer an outside system renamed, and keeps their shifts', () => {
    const { core, dbPath } = store();
    seedDemoNetwork(core, { seed: SEED, days: 0, scale: 0.1, now: T, log: () => {} });
    const onShift = core.referenceService.list('engineers').filter((engineer) => engineer.onShift).map((engineer) => engineer.id);
    core.db.$client.exec(`update engineers set name_en = null; update engineers set name = '外部系统改名' where id = 'sh-pd-e01'`);
    prepareDemo({ core, clock: { now: () => T }, dbPath, seed: SEED, days: 2, scale: 0.1, log: () => {}, onProgress: () => {} });
    const engineers = core.referenceService.list('engineers');
    expect(engineers.filter((engineer) => !engineer.nameEn).map((engineer) => engineer.id)).toEqual(['sh-pd-e01']);
    for (const engineer of engineers.filter((one) => one.nameEn)) expect(engineer.nameEn).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    expect(engineers.filter((engineer) => engineer.onShift).map((engineer) => engineer.id)).toEqual(onShift);
  });

  it('draws the terminal bar from the days replayed', () => {
    expect(progressBar({ daysDone: 12, days: 30, tickets: 26_104, done: false })).toBe(`[${'█'.repeat(12)}${'░'.repeat(18)}]  40% · 12.0 of 30 days · 26,104 tickets`);
  });
});
