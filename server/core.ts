import type { Db } from '../db/connection';
import { DEFAULT_EVENT_TIME_BOUNDS, type EventTimeBounds } from '../shared/ingest/eventTimeBounds';
import { zoneTimeline } from '../shared/time/zoneTimeline';
import type { Clock } from './clock';
import { createIngestService } from './ingest/ingestService';
import { createReferenceService } from './ingest/referenceService';
import { createAfterCommitBus, runAfterCommit } from './ingest/afterCommit';
import { COMMIT_LISTENERS, type CommitTopics, type CommittedBatch, createCommitPipeline } from './ingest/commitPipeline';
import { createFoldCache } from './ingest/foldCache';
import { appendStage } from './ingest/stages/appendStage';
import { foldStage } from './ingest/stages/foldStage';
import { createEventLog } from './store/eventLog';
import { createSeriesRollup } from './metrics/seriesRollup';
import { rollupStage } from './metrics/rollupStage';
import { liveFiguresStages } from './metrics/live/liveFiguresStage';
import { createReferenceStore } from './store/referenceStore';
import { createTicketStore } from './store/ticketStore';
import { createOrgTree } from './org/orgTree';
import { createSlaEngine } from './sla/slaEngine';
import { createSlaRulebook } from './sla/slaRulebook';
import { createLiveMetrics } from './metrics/live/liveMetrics';
import { returnVisitComplaints } from './complaints/returnVisitComplaints';
import { DEFAULT_COMPLAINT_SURVEY_MAX_SCORE } from '../shared/complaints/complaintRules';

/**
 * The store and engines without any transport: the HTTP server, the importer CLI and the bench
 * all build on this, so every path writes through the same ingest service.
 */
export interface CoreOptions {
  eventTimeBounds?: EventTimeBounds;
  liveStateInBackground?: boolean;
  /** COMPLAINT_SURVEY_MAX_SCORE: a return visit scored at or below it opens a complaint; 2 when absent. */
  complaintSurveyMaxScore?: number;
}

export function createCore(db: Db, clock: Clock, log: (line: string) => void = () => {}, options: CoreOptions = {}) {
  const referenceStore = createReferenceStore(db);
  let zones = referenceStore.centerZones();
  const eventTimeBounds = options.eventTimeBounds ?? DEFAULT_EVENT_TIME_BOUNDS;
  /** SLA clocks run from the earliest instant an event may carry to a year ahead at most. */
  const warmZones = () => {
    for (const timeZone of new Set(zones.values())) zoneTimeline(timeZone).warm(eventTimeBounds.earliestMs, clock.now() + 366 * 86_400_000);
  };
  warmZones();
  const seriesRollup = createSeriesRollup(db, (centerId) => zones.get(centerId) ?? 'UTC');
  const bus = createAfterCommitBus<CommitTopics>(log, COMMIT_LISTENERS);

  const eventLog = createEventLog(db);
  const slaRulebook = createSlaRulebook(db, () => clock.now());
  const org = createOrgTree(db);
  const liveMetrics = createLiveMetrics(db, org, bus);
  const liveFigures = liveFiguresStages(liveMetrics);
  const afterClocks = [liveFigures.stage, rollupStage(seriesRollup)];
  const slaEngine = createSlaEngine({ db, clock, rulebook: slaRulebook, eventLog, org, log, bus, beforeClocks: [liveFigures.recall], afterClocks });
  const foldCache = createFoldCache();
  const complaintSurveyMaxScore = options.complaintSurveyMaxScore ?? DEFAULT_COMPLAINT_SURVEY_MAX_SCORE;
  const pipeline = createCommitPipeline(
    db,
    [appendStage(eventLog, returnVisitComplaints(complaintSurveyMaxScore)), liveFigures.recall, foldStage(eventLog, createTicketStore(db), foldCache), slaEngine.clockStage, ...afterClocks],
    log,
  );
  const ingestService = createIngestService({ clock, referenceStore, pipeline, bus, eventTimeBounds });
  const rebuildStarted = performance.now();
  /**
   * What building the live state from the store took, for the start-up log and the bench; null when the
   * caller rebuilds it in the background with `liveMetrics.rebuildSteps`.
   */
  const rebuild = options.liveStateInBackground ? null : { tickets: liveMetrics.rebuild(clock.now()), ms: performance.now() - rebuildStarted };
  const referenceService = createReferenceService(db, referenceStore, (kind) => {
    // Committed: a PUT answers by its commit, whatever refreshing a cache or a listener does.
    runAfterCommit(log, `refreshing what reads ${kind}`, () => {
      if (kind === 'centers') {
        zones = referenceStore.centerZones();
        warmZones();
      }
      if (kind === 'centers' || kind === 'regions') org.forget();
      liveMetrics.referenceChanged();
    });
    bus.emit('referenceChanged', undefined);
  });

  return {
    db,
    clock,
    ingestService,
    referenceService,
    slaRulebook,
    org,
    slaEngine,
    liveMetrics,
    seriesRollup,
    rebuild,
    /** COMPLAINT_SURVEY_MAX_SCORE in force: the demo works the return-visit complaints the server opens. */
    complaintSurveyMaxScore,
    eventSpan: (source: string) => eventLog.span(source),
    foldCache,
    /** Ms the ingesting thread has spent in validation, each commit stage, the commit and after it: what the bench prints. */
    ingestMsByPart: () => pipeline.msByPart(),
    onCommitted(listener: (batch: CommittedBatch) => void): void {
      bus.on('committed', listener);
    },
    onReferenceChanged(listener: () => void): void {
      bus.on('referenceChanged', listener);
    },
  };
}

export type Core = ReturnType<typeof createCore>;
