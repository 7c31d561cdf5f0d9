import type { CommitStage } from '../../ingest/commitPipeline';
import type { LiveMetrics } from './liveMetrics';

/**
 * The commit stage after the clocks: the changed tickets' facts as they now stand in the store (from
 * the fold and the clocks the batch holds, read for a ticket it does not),
 * hands the change to the rollups after it, and applies it to the live figures once committed.
 */
export function liveFiguresStage(liveMetrics: LiveMetrics): CommitStage {
  return {
    name: 'the live figures',
    run(batch) {
      const staged = liveMetrics.stage(batch.ticketIds, { folded: batch.folded, clocks: batch.clocksNow });
      batch.liveChanges = staged.changes;
      return staged.publish;
    },
  };
}
