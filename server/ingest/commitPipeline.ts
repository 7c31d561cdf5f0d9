import type { Db } from '../../db/connection';
import type { FoldedTicket, StoredEvent } from '../../shared/domain/ticketFold';
import type { IngestEvent } from '../../shared/ingest/eventSchema';
import type { ClockSpan } from '../../shared/sla/clockSpans';
import type { SlaFiring } from '../../shared/sla/slaFiring';
import type { StagedChange } from '../metrics/live/liveMetrics';
import type { StoredSlaClock } from '../sla/slaStore';
import { type AfterCommitBus, runAfterCommit } from './afterCommit';

/** What the engines downstream learn once a batch is committed. */
export interface CommittedBatch {
  ticketIds: string[];
  centerIds: string[];
  committedAt: number;
}

/** What listeners hear once a commit stands, each topic with its payload. */
export interface CommitTopics extends Record<string, unknown> {
  committed: CommittedBatch;
  referenceChanged: undefined;
  /** The centers whose live figures an applied change may have moved. */
  figuresChanged: ReadonlySet<string>;
  slaFired: SlaFiring[];
}

export type CommitBus = AfterCommitBus<CommitTopics>;

export const COMMIT_LISTENERS: { [Topic in keyof CommitTopics]: string } = {
  committed: 'a committed-batch listener',
  referenceChanged: 'a reference-change listener',
  figuresChanged: 'a live figures listener',
  slaFired: 'an SLA firing listener',
};

/** One ingest transaction as its stages fill it in, from the events offered to what changed. */
export interface CommitBatch {
  readonly source: string;
  readonly committedAt: number;
  /** The valid events offered; the append stage keeps those new to the log. */
  readonly offered: readonly IngestEvent[];
  /** The offered events new to the log, in arrival order. */
  fresh: StoredEvent[];
  /** Events that follow from the fresh ones, appended after them. */
  derived: StoredEvent[];
  /** Tickets whose state the batch changed. */
  ticketIds: string[];
  /** Centers the changed tickets belong, or belonged, to. */
  centerIds: Set<string>;
  /** Each changed ticket's state as its fold left it (and as now stored), its ticket null until created. */
  folded: Map<string, FoldedTicket>;
  /** Each changed ticket's clock spans as its fold left them; the SLA stage reads the rest from the log. */
  clockSpans: Map<string, readonly ClockSpan[]>;
  /** Each changed ticket's clocks as stored once the SLA stage has run, all of them, so the live figures read none back. */
  clocksNow: Map<string, readonly StoredSlaClock[]>;
  /** What the changed tickets were and are to the live figures; the rollups follow the same change. */
  liveChanges: StagedChange[];
}

export function newCommitBatch(source: string, committedAt: number, offered: readonly IngestEvent[] = [], ticketIds: string[] = []): CommitBatch {
  return { source, committedAt, offered, fresh: [], derived: [], ticketIds, centerIds: new Set(), folded: new Map(), clockSpans: new Map(), clocksNow: new Map(), liveChanges: [] };
}

/** What a stage owes once its transaction has committed. */
export type AfterCommit = () => void;

/** One step of the commit, run inside the transaction in its place in the order. */
export interface CommitStage {
  /** Names the after-commit step in the log if it fails. */
  readonly name: string;
  run(batch: CommitBatch): AfterCommit | undefined;
}

/**
 * The ingest transaction as an ordered list of stages (append → fold → SLA clocks → live figures →
 * rollups). Each writes in the one transaction and returns what it owes after commit; those steps run
 * only once the transaction has committed, each on its own, the last stage's first.
 */
export function createCommitPipeline(db: Db, stages: readonly CommitStage[], log: (line: string) => void) {
  /**
   * Milliseconds the ingesting thread spent per stage, in the commit itself and in the after-commit steps, since
   * start: where ingest's time goes. Wall time on this thread, not process CPU, which counts the checkpoint
   * worker's and the garbage collector's threads too, and cost a system call a reading.
   */
  const spentMs = new Map<string, number>();
  const add = (part: string, ms: number) => spentMs.set(part, (spentMs.get(part) ?? 0) + ms);
  let inStages = 0;

  const transaction = db.$client.transaction((batch: CommitBatch) => {
    const owed: { name: string; step: AfterCommit }[] = [];
    inStages = 0;
    for (const stage of stages) {
      const started = performance.now();
      const step = stage.run(batch);
      const ms = performance.now() - started;
      add(stage.name, ms);
      inStages += ms;
      if (step) owed.push({ name: stage.name, step });
      if (batch.ticketIds.length === 0) break;
    }
    return owed;
  });

  return {
    /** Runs the stages in one transaction, then their after-commit steps; returns the committed batch. */
    commit(batch: CommitBatch): CommitBatch {
      const started = performance.now();
      const owed = transaction(batch);
      const committed = performance.now();
      // The stages counted themselves; what is left of the transaction is SQLite's commit.
      add('commit', committed - started - inStages);
      // Committed: from here on the answer is the commit's, whatever a downstream step does.
      // Downstream first: whoever hears of a firing or a committed batch reads live figures that already include it.
      for (const { name, step } of owed.reverse()) runAfterCommit(log, `${name} after commit`, step);
      add('after commit', performance.now() - committed);
      return batch;
    },

    /** Counts work done outside the transaction for the batch (validation), begun at `from` (performance.now()), under `part`. */
    count(part: string, from: number): void {
      add(part, performance.now() - from);
    },

    /** Ms spent so far in each stage, in SQLite's commit and in the after-commit steps. */
    msByPart: (): ReadonlyMap<string, number> => spentMs,
  };
}

export type CommitPipeline = ReturnType<typeof createCommitPipeline>;
