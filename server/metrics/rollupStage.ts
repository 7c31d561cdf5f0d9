import type { CommitStage } from '../ingest/commitPipeline';
import type { SeriesRollup } from './seriesRollup';

/** The last commit stage: the rollups follow the live figures' change, in the same transaction. */
export function rollupStage(seriesRollup: SeriesRollup): CommitStage {
  return {
    name: 'the rollups',
    run(batch) {
      seriesRollup.apply(batch.liveChanges, batch.committedAt);
      return undefined;
    },
  };
}
