import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/connection';
import { complaints, partsRequests, slaClocks, surveys, tickets } from '../../../db/schema';
import { isOpenStatus } from '../../../shared/domain/vocabulary';
import type { SlaThreshold } from '../../../shared/sla/slaClock';
import type { SlaMetric } from '../../../shared/sla/slaPolicy';
import { chunked } from '../../store/chunks';

/**
 * What the live metrics need to know of one ticket, read from the store after each change. The
 * incremental state is a function of these facts alone, which is what lets it be checked against the
 * plain SQL of metricReference.ts and rebuilt from the store at start.
 */
export interface TicketFacts {
  id: string;
  centerId: string;
  engineerId: string | null;
  status: string;
  open: boolean;
  createdAt: number;
  resolvedAt: number | null;
  firstResponseAt: number | null;
  arrivedAt: number | null;
  visitCount: number;
  reopenCount: number;
  clocks: ClockFacts[];
  complaints: ComplaintFacts[];
  surveys: SurveyFacts[];
  /** When each part still undelivered was requested. */
  partsRequestedAt: number[];
}

export interface ClockFacts {
  metric: SlaMetric;
  state: 'active' | 'paused' | 'stopped' | 'cancelled';
  stoppedAt: number | null;
  /** The 100 % instant, null until one is known. */
  breachAt: number | null;
  /** The earliest warning instant below 100 %, null when none. */
  warnAt: number | null;
}

export interface ComplaintFacts {
  open: boolean;
  level: number;
  openedAt: number;
  resolvedAt: number | null;
}

export interface SurveyFacts {
  at: number;
  score: number | null;
  failedReason: string | null;
}

function clockFacts(row: { metric: SlaMetric; state: ClockFacts['state']; stoppedAt: number | null; thresholds: SlaThreshold[] }): ClockFacts {
  let breachAt: number | null = null;
  let warnAt: number | null = null;
  for (const threshold of row.thresholds) {
    if (threshold.percent === 100) breachAt = threshold.at;
    else if (threshold.percent < 100 && threshold.at !== null && (warnAt === null || threshold.at < warnAt)) warnAt = threshold.at;
  }
  return { metric: row.metric, state: row.state, stoppedAt: row.stoppedAt, breachAt, warnAt };
}

/** Reads ticket facts in five queries per slice of ids, or five for the whole store at start. */
export function createTicketFactsReader(db: Db) {
  function read(filter: (column: unknown) => ReturnType<typeof sql>): TicketFacts[] {
    const facts = new Map<string, TicketFacts>();
    const ticketRows = db
      .select({
        id: tickets.id, centerId: tickets.centerId, engineerId: tickets.engineerId, status: tickets.status, createdAt: tickets.createdAt,
        resolvedAt: tickets.resolvedAt, firstResponseAt: tickets.firstResponseAt, arrivedAt: tickets.arrivedAt, visitCount: tickets.visitCount, reopenCount: tickets.reopenCount,
      })
      .from(tickets)
      .where(filter(tickets.id))
      .all();
    for (const row of ticketRows) {
      facts.set(row.id, { ...row, open: isOpenStatus(row.status), clocks: [], complaints: [], surveys: [], partsRequestedAt: [] });
    }
    const clockRows = db
      .select({ ticketId: slaClocks.ticketId, metric: slaClocks.metric, state: slaClocks.state, stoppedAt: slaClocks.stoppedAt, thresholds: slaClocks.thresholds })
      .from(slaClocks)
      .where(filter(slaClocks.ticketId))
      .all();
    for (const row of clockRows) facts.get(row.ticketId)?.clocks.push(clockFacts(row));
    const complaintRows = db
      .select({ ticketId: complaints.ticketId, status: complaints.status, level: complaints.level, openedAt: complaints.openedAt, resolvedAt: complaints.resolvedAt })
      .from(complaints)
      .where(filter(complaints.ticketId))
      .all();
    for (const row of complaintRows) {
      facts.get(row.ticketId)?.complaints.push({ open: row.status === 'open' || row.status === 'escalated', level: row.level, openedAt: row.openedAt, resolvedAt: row.resolvedAt });
    }
    const surveyRows = db.select({ ticketId: surveys.ticketId, at: surveys.at, score: surveys.score, failedReason: surveys.failedReason }).from(surveys).where(filter(surveys.ticketId)).all();
    for (const row of surveyRows) facts.get(row.ticketId)?.surveys.push({ at: row.at, score: row.score, failedReason: row.failedReason });
    const partRows = db
      .select({ ticketId: partsRequests.ticketId, requestedAt: partsRequests.requestedAt })
      .from(partsRequests)
      .where(sql`${filter(partsRequests.ticketId)} and ${partsRequests.deliveredAt} is null`)
      .all();
    for (const row of partRows) facts.get(row.ticketId)?.partsRequestedAt.push(row.requestedAt);
    return [...facts.values()];
  }

  return {
    all(): TicketFacts[] {
      return read(() => sql`1`);
    },
    of(ticketIds: readonly string[]): TicketFacts[] {
      return chunked(ticketIds).flatMap((slice) => read((column) => sql`${column} in ${slice}`));
    },
  };
}

export type TicketFactsReader = ReturnType<typeof createTicketFactsReader>;
