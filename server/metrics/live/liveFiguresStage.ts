import type { CommitStage } from '../../ingest/commitPipeline';
import type { LiveMetrics } from './liveMetrics';

/**
 * The commit stage after the clocks: reads the changed tickets' facts as they now stand in the store,
 * hands the change to the rollups after it, and applies it to the live figures once committed.
 */
export function liveFiguresStage(liveMetrics: LiveMetrics): CommitStage {
  return {
    name: 'the live figures',
    run(batch) {
      const staged = liveMetrics.stage(batch.ticketIds);
      batch.liveChanges = staged.changes;
      return staged.publish;
    },
  };
}
