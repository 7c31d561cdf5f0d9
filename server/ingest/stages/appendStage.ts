import type { IngestEvent } from '../../../shared/ingest/eventSchema';
import type { EventLog } from '../../store/eventLog';
import type { CommitStage } from '../commitPipeline';

/**
 * The first stage: the offered events new to the log, and those derived from them (a low return-visit
 * score opens a complaint), are appended; the tickets they name are what the later stages change.
 */
export function appendStage(eventLog: EventLog, derive?: (fresh: readonly IngestEvent[]) => IngestEvent[]): CommitStage {
  return {
    name: 'appending the events',
    run(batch) {
      batch.fresh = eventLog.append(batch.offered, batch.source, batch.committedAt);
      batch.derived = derive && batch.fresh.length > 0 ? eventLog.append(derive(batch.fresh), batch.source, batch.committedAt) : [];
      batch.ticketIds = [...new Set([...batch.fresh, ...batch.derived].map((event) => event.ticketId))];
      return undefined;
    },
  };
}
