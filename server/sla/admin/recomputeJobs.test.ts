import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../db/connection';
import { createdEvent, smallNetwork } from '../../../test/support/smallNetwork';
import { type Core, createCore } from '../../core';
import { type RecomputeJobs, createRecomputeJobs } from './recomputeJobs';
import { countTickets } from './ticketTally';
import { type TempDb, openTempDb } from '../../../test/support/tempDb';

const NOW = Date.parse('2026-11-23T02:00:00Z');
const clock = { now: () => NOW };
/** Lets every chunk already queued with setImmediate run once. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

let temp: TempDb;
let db: Db;
let core: Core;
let logged: string[];
let jobs: RecomputeJobs;

async function settled(id: string) {
  while (jobs.get(id)?.state === 'running') await nextTurn();
  return jobs.get(id)!;
}

beforeEach(() => {
  temp = openTempDb('sla-jobs-');
  db = temp.db;
  logged = [];
  core = createCore(db, clock);
  for (const kind of ['regions', 'centers', 'engineers', 'customers', 'products'] as const) core.referenceService.upsert(kind, smallNetwork[kind] as never);
  // Ten open tickets and one cancelled, so 'open' and 'all' walk different sets in chunks of 3.
  const events = Array.from({ length: 10 }, (_, i) => createdEvent(`T-${i}`, new Date(NOW - (i + 1) * 60_000).toISOString()));
  events.push(createdEvent('T-X', new Date(NOW - 60_000).toISOString()), { id: 'T-X-cancelled', type: 'ticket.cancelled', at: new Date(NOW).toISOString(), ticketId: 'T-X', data: {} });
  expect(core.ingestService.ingest(events, 'test').rejected).toEqual([]);
  jobs = createRecomputeJobs({ engine: core.slaEngine, clock, log: (line) => logged.push(line), countTickets: (openOnly) => countTickets(db, openOnly), chunkSize: 3 });
});

afterEach(() => {
  temp.close();
});

describe('SLA recompute jobs', () => {
  it.each([
    { scope: 'open' as const, tickets: 10 },
    { scope: 'all' as const, tickets: 11 },
  ])('walks every $scope ticket in chunks and reports done', async ({ scope, tickets }) => {
    const started = jobs.start(scope, 'test');
    expect(started).toMatchObject({ scope, state: 'running', done: 0, total: tickets, changedClocks: 0, startedAt: NOW, finishedAt: null });
    expect(await settled(started.id)).toMatchObject({ state: 'done', done: tickets, total: tickets, finishedAt: NOW });
    expect(logged).toEqual([]);
  });

  it('hands the event loop back between chunks', async () => {
    const { id } = jobs.start('open', 'test');
    expect(jobs.get(id)!.done).toBe(0);
    await nextTurn();
    expect(jobs.get(id)!.done).toBe(3);
    await nextTurn();
    expect(jobs.get(id)!.done).toBe(6);
    expect(await settled(id)).toMatchObject({ state: 'done', done: 10 });
  });

  it('supersedes a running job of the same scope, which stops at its next chunk', async () => {
    const first = jobs.start('open', 'policy version 2');
    const history = jobs.start('all', 'history');
    await nextTurn();
    const second = jobs.start('open', 'policy version 3');
    expect(jobs.get(first.id)).toMatchObject({ state: 'superseded', done: 3, finishedAt: NOW });
    expect(await settled(second.id)).toMatchObject({ state: 'done', done: 10 });
    expect(jobs.get(first.id)!.done).toBe(3);
    expect(await settled(history.id)).toMatchObject({ state: 'done', done: 11 });
    expect(jobs.recent().map((job) => job.reason)).toEqual(['policy version 3', 'history', 'policy version 2']);
  });

  it('marks a job failed with the message and logs it when the store fails, and does not throw', async () => {
    const { id } = jobs.start('open', 'policy version 2');
    db.$client.close();
    const failed = await settled(id);
    expect(failed).toMatchObject({ state: 'failed', done: 0, error: expect.stringContaining('not open'), finishedAt: NOW });
    expect(logged).toEqual([expect.stringContaining(`sla recompute job ${id} (policy version 2) failed after 0 tickets`)]);
  });
});
