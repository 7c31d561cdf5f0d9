import { randomUUID } from 'node:crypto';
import type { RecomputeJob, RecomputeScope } from '../../../shared/sla/adminSchema';
import type { Clock } from '../../clock';
import type { SlaEngine } from '../slaEngine';

/**
 * Background recomputes of stored SLA clocks after the rules change. A job walks the tickets in id
 * order a chunk at a time, each chunk in its own transaction, and hands the event loop back between
 * chunks so ingest and the API keep answering while tens of thousands of tickets are redone.
 *
 * Jobs live in memory only: a restart forgets them and does not resume one cut short, so after a
 * restart during a recompute, start it again with POST /sla/recompute.
 */

export const RECOMPUTE_CHUNK = 500;
/** Finished jobs kept for GET /sla/jobs; older ones are forgotten. */
const KEPT_JOBS = 50;

export interface RecomputeJobsDeps {
  engine: Pick<SlaEngine, 'ticketIdsPage' | 'recomputeTickets'>;
  /** Tickets in scope, counted when a job starts. */
  countTickets(openOnly: boolean): number;
  clock: Clock;
  log: (line: string) => void;
  chunkSize?: number;
}

export function createRecomputeJobs(deps: RecomputeJobsDeps) {
  const { engine, clock, log } = deps;
  const chunkSize = deps.chunkSize ?? RECOMPUTE_CHUNK;
  const jobs = new Map<string, RecomputeJob>();
  const runningByScope = new Map<RecomputeScope, RecomputeJob>();

  function finish(job: RecomputeJob, state: 'done' | 'failed' | 'superseded', error?: string): void {
    job.state = state;
    job.finishedAt = clock.now();
    if (error !== undefined) job.error = error;
    if (runningByScope.get(job.scope) === job) runningByScope.delete(job.scope);
  }

  function forgetOldest(): void {
    for (const [id, job] of jobs) {
      if (jobs.size <= KEPT_JOBS) return;
      if (job.state !== 'running') jobs.delete(id);
    }
  }

  function runChunk(job: RecomputeJob, afterId: string | null): void {
    // A superseded job learns of it here, at its next chunk, and does no more.
    if (job.state !== 'running') return;
    try {
      const ticketIds = engine.ticketIdsPage({ openOnly: job.scope === 'open', afterId, limit: chunkSize });
      if (ticketIds.length > 0) {
        job.changedClocks += engine.recomputeTickets(ticketIds).changedClocks;
        job.done += ticketIds.length;
      }
      if (ticketIds.length < chunkSize) finish(job, 'done');
      else setImmediate(runChunk, job, ticketIds.at(-1)!);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log(`sla recompute job ${job.id} (${job.reason}) failed after ${job.done} tickets: ${error instanceof Error ? (error.stack ?? message) : message}`);
      finish(job, 'failed', message);
    }
  }

  return {
    /** Starts a recompute; a job of the same scope still running stops at its next chunk. */
    start(scope: RecomputeScope, reason: string): RecomputeJob {
      const previous = runningByScope.get(scope);
      if (previous) finish(previous, 'superseded');
      const job: RecomputeJob = {
        id: randomUUID(),
        scope,
        reason,
        state: 'running',
        done: 0,
        total: deps.countTickets(scope === 'open'),
        changedClocks: 0,
        startedAt: clock.now(),
        finishedAt: null,
      };
      jobs.set(job.id, job);
      runningByScope.set(scope, job);
      forgetOldest();
      setImmediate(runChunk, job, null);
      return { ...job };
    },

    get(id: string): RecomputeJob | undefined {
      const job = jobs.get(id);
      return job && { ...job };
    },

    /** Newest first. */
    recent(): RecomputeJob[] {
      return [...jobs.values()].reverse().map((job) => ({ ...job }));
    },
  };
}

export type RecomputeJobs = ReturnType<typeof createRecomputeJobs>;
