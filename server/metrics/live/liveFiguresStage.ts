import type { CommitBatch, CommitStage } from '../../ingest/commitPipeline';
import type { LiveMetrics } from './liveMetrics';
import type { TicketFacts } from './ticketFacts';

/**
 * The live figures' two commit stages. `recall`, between the append and the fold, reads what the
 * store holds of the batch's tickets the live figures do not (forgotten as no longer counting), while
 * it is still as before the batch. `stage`, after the clocks: the changed tickets' facts as they now
 * stand (from the fold and the clocks the batch holds, read for a ticket it does not), handed to the
 * rollups after it as each change's before and after, and applied to the live figures once committed.
 * Every pipeline that runs `stage` runs `recall` first (ingest, and the SLA recompute, which may reach
 * closed tickets long forgotten): else a forgotten ticket would be staged as new and counted twice.
 */
export function liveFiguresStages(liveMetrics: LiveMetrics): { recall: CommitStage; stage: CommitStage } {
  const recalled = new WeakMap<CommitBatch, ReadonlyMap<string, TicketFacts>>();
  return {
    recall: {
      name: 'the live figures, as they were',
      run(batch) {
        recalled.set(batch, liveMetrics.recall(batch.ticketIds));
        return undefined;
      },
    },
    stage: {
      name: 'the live figures',
      run(batch) {
        const staged = liveMetrics.stage(batch.ticketIds, { known: { folded: batch.folded, clocks: batch.clocksNow }, recalled: recalled.get(batch), now: batch.committedAt });
        batch.liveChanges = staged.changes;
        return staged.publish;
      },
    },
  };
}
