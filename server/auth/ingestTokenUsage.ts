import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { ingestTokenRejections, ingestTokenUsage, ingestTokens } from '../../db/schema';
import type { IngestTokenUsage } from '../../shared/auth/tokenSchemas';
import type { IngestResult } from '../../shared/ingest/eventSchema';
import type { Clock } from '../clock';

const MINUTE_MS = 60_000;
export const USAGE_WINDOW_MS = 24 * 60 * MINUTE_MS;
/** Older minutes can no longer fall in the window; they go as the token sends again. */
const KEEP_MINUTES_MS = 2 * USAGE_WINDOW_MS;
/** Enough for an admin to see what a source keeps getting wrong; older reasons go. */
export const KEPT_REJECTIONS = 20;

/** What one request with an ingest token came to: events accepted and refused, and why (per event, or once for a refused batch). */
export interface IngestOutcome {
  accepted: number;
  rejected: number;
  reasons: { eventId: string | null; reason: string }[];
}

/**
 * Per-token ingest counts by UTC minute, the latest rejection reasons and when it was last used: what the
 * ingest tokens page shows for the last 24 hours. Recorded after each request, in one transaction.
 */
export function createIngestTokenUsage(db: Db, clock: Clock) {
  const record = db.$client.transaction((tokenId: string, at: number, outcome: IngestOutcome) => {
    const minute = at - (at % MINUTE_MS);
    const { rejected } = outcome;
    db.insert(ingestTokenUsage)
      .values({ tokenId, minute, accepted: outcome.accepted, rejected })
      .onConflictDoUpdate({ target: [ingestTokenUsage.tokenId, ingestTokenUsage.minute], set: { accepted: sql`accepted + ${outcome.accepted}`, rejected: sql`rejected + ${rejected}` } })
      .run();
    db.delete(ingestTokenUsage).where(and(eq(ingestTokenUsage.tokenId, tokenId), lt(ingestTokenUsage.minute, minute - KEEP_MINUTES_MS))).run();
    db.update(ingestTokens).set({ lastUsedAt: minute }).where(eq(ingestTokens.id, tokenId)).run();
    const latest = outcome.reasons.slice(-KEPT_REJECTIONS);
    if (latest.length === 0) return;
    db.insert(ingestTokenRejections).values(latest.map((rejection) => ({ tokenId, at, eventId: rejection.eventId, reason: rejection.reason }))).run();
    const keepFrom = db
      .select({ id: ingestTokenRejections.id })
      .from(ingestTokenRejections)
      .where(eq(ingestTokenRejections.tokenId, tokenId))
      .orderBy(desc(ingestTokenRejections.id))
      .limit(1)
      .offset(KEPT_REJECTIONS - 1)
      .get();
    if (keepFrom) db.delete(ingestTokenRejections).where(and(eq(ingestTokenRejections.tokenId, tokenId), lt(ingestTokenRejections.id, keepFrom.id))).run();
  });

  return {
    record(tokenId: string, outcome: IngestOutcome): void {
      record(tokenId, clock.now(), outcome);
    },

    /** Accepted and rejected events over the last 24 hours (whole minutes), with the latest reasons, newest first. */
    of(tokenId: string): IngestTokenUsage {
      const from = clock.now() - USAGE_WINDOW_MS;
      const totals = db
        .select({ accepted: sql<number>`coalesce(sum(accepted), 0)`, rejected: sql<number>`coalesce(sum(rejected), 0)` })
        .from(ingestTokenUsage)
        .where(and(eq(ingestTokenUsage.tokenId, tokenId), gte(ingestTokenUsage.minute, from - (from % MINUTE_MS))))
        .get();
      const latest = db
        .select()
        .from(ingestTokenRejections)
        .where(eq(ingestTokenRejections.tokenId, tokenId))
        .orderBy(desc(ingestTokenRejections.id))
        .limit(KEPT_REJECTIONS)
        .all();
      return {
        accepted24h: totals?.accepted ?? 0,
        rejected24h: totals?.rejected ?? 0,
        latestRejections: latest.map((row) => ({ at: new Date(row.at).toISOString(), eventId: row.eventId, reason: row.reason })),
      };
    },
  };
}

export type IngestTokenUsageStore = ReturnType<typeof createIngestTokenUsage>;

/** Each refused event once, by id, with its first field's path and reason. */
export function outcomeOfResult(result: IngestResult): IngestOutcome {
  return {
    accepted: result.accepted + result.duplicates,
    rejected: result.rejected.length,
    reasons: result.rejected.map((rejection) => ({ eventId: rejection.id, reason: rejection.errors.map((error) => (error.path ? `${error.path}: ${error.message}` : error.message)).join('; ') })),
  };
}
