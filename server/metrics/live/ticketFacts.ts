import type { Db } from '../../../db/connection';
import { OPEN_COMPLAINT_STATUSES, OPEN_STATUSES, isOpenStatus, openComplaintCondition } from '../../../shared/domain/vocabulary';
import type { FoldedTicket } from '../../../shared/domain/ticketFold';
import type { SlaThreshold } from '../../../shared/sla/slaClock';
import type { SlaMetric } from '../../../shared/sla/slaPolicy';
import { createIdListQuery } from '../../store/rowCodec';

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
  cycle: number;
  /** The due instant as the clock stands: where a running one breaches, or a stopped one would have. */
  dueAt: number;
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
  category: string;
  openedAt: number;
  resolvedAt: number | null;
  fromReturnVisit: boolean;
  firstResponseAt: number | null;
  /** The latest confirmation call, and whether the customer said they were satisfied then. */
  confirmedAt: number | null;
  satisfied: boolean;
  closedAt: number | null;
}

export interface SurveyFacts {
  at: number;
  score: number | null;
  failedReason: string | null;
}

function clockFacts(row: { metric: SlaMetric; cycle: number; dueAt: number; state: ClockFacts['state']; stoppedAt: number | null; thresholds: SlaThreshold[] }): ClockFacts {
  let breachAt: number | null = null;
  let warnAt: number | null = null;
  for (const threshold of row.thresholds) {
    if (threshold.percent === 100) breachAt = threshold.at;
    else if (threshold.percent < 100 && threshold.at !== null && (warnAt === null || threshold.at < warnAt)) warnAt = threshold.at;
  }
  return { metric: row.metric, cycle: row.cycle, dueAt: row.dueAt, state: row.state, stoppedAt: row.stoppedAt, breachAt, warnAt };
}

/** A clock as stored, with its thresholds parsed: what the SLA stage leaves on a batch. */
export type StoredClockFacts = Parameters<typeof clockFacts>[0];

/**
 * The clock rows each ticket's facts were made from. The SLA stage hands a clock that did not move on
 * as the same row, batch after batch, and never changes a row it shares in place: so a row the ticket's
 * previous facts were made from keeps its facts, and only the clocks that moved are worked out again.
 */
const rowsOfFacts = new WeakMap<TicketFacts, readonly StoredClockFacts[]>();

function clockFactsOf(rows: readonly StoredClockFacts[], previous: TicketFacts | null): ClockFacts[] {
  const previousRows = previous === null ? undefined : rowsOfFacts.get(previous);
  const clocks: ClockFacts[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) clocks[i] = previousRows !== undefined && previousRows[i] === rows[i] ? previous!.clocks[i]! : clockFacts(rows[i]!);
  return clocks;
}

/**
 * A ticket's facts from its folded state and its clocks as the commit stores them: the same facts the
 * reads below give once that commit stands, without reading them back. Null before its creation.
 */
export function factsOfFolded({ ticket, complaints, surveys, parts }: FoldedTicket, clocks: readonly StoredClockFacts[], previous: TicketFacts | null = null): TicketFacts | null {
  if (!ticket) return null;
  const facts: TicketFacts = {
    id: ticket.id, centerId: ticket.centerId, engineerId: ticket.engineerId, status: ticket.status, open: isOpenStatus(ticket.status),
    createdAt: ticket.createdAt, resolvedAt: ticket.resolvedAt, firstResponseAt: ticket.firstResponseAt, arrivedAt: ticket.arrivedAt,
    visitCount: ticket.visitCount, reopenCount: ticket.reopenCount,
    clocks: clockFactsOf(clocks, previous),
    complaints: complaints.map((complaint) => ({
      open: (OPEN_COMPLAINT_STATUSES as readonly string[]).includes(complaint.status), level: complaint.level, category: complaint.category, openedAt: complaint.openedAt,
      resolvedAt: complaint.resolvedAt, fromReturnVisit: complaint.source === 'return_visit', firstResponseAt: complaint.firstResponseAt,
      confirmedAt: complaint.confirmedAt, satisfied: complaint.satisfied === true, closedAt: complaint.closedAt,
    })),
    surveys: surveys.map((survey) => ({ at: survey.at, score: survey.score, failedReason: survey.failedReason })),
    partsRequestedAt: parts.filter((request) => request.deliveredAt === null).map((request) => request.requestedAt),
  };
  rowsOfFacts.set(facts, clocks);
  return facts;
}

type Row = unknown[];
/** Rows of a table looked at per step while the live set is worked out. */
const FILL_ROWS = 10_000;

/**
 * Reads ticket facts in five queries for a list of ids, or five per slice of the live set at start. Plain
 * prepared statements in array mode: this runs in every ingest transaction and over the whole live
 * set at start, where building row objects costs more than the reading.
 */
export function createTicketFactsReader(db: Db) {
  const client = db.$client;
  const openStatuses = OPEN_STATUSES.map((status) => `'${status}'`).join(', ');
  const sql = (filter: string) => ({
    tickets: `select id, center_id, engineer_id, status, created_at, resolved_at, first_response_at, arrived_at, visit_count, reopen_count from tickets where id in ${filter}`,
    clocks: `select ticket_id, metric, cycle, due_at, state, stopped_at, thresholds from sla_clocks where ticket_id in ${filter}`,
    complaints: `select ticket_id, status, level, opened_at, resolved_at, source, first_response_at, confirmed_at, satisfied, closed_at, category from complaints where ticket_id in ${filter}`,
    surveys: `select ticket_id, at, score, failed_reason from surveys where ticket_id in ${filter}`,
    parts: `select ticket_id, requested_at from parts_requests where ticket_id in ${filter} and delivered_at is null`,
  });
  type Read = { all(...params: unknown[]): unknown[] };
  type Reads = Record<keyof ReturnType<typeof sql>, Read>;
  const reads = (filter: string, make: (text: string) => Read): Reads => {
    const texts = sql(filter);
    return { tickets: make(texts.tickets), clocks: make(texts.clocks), complaints: make(texts.complaints), surveys: make(texts.surveys), parts: make(texts.parts) };
  };
  // Id lists of any length through a few statements (createIdListQuery pads them): ingest asks about a different number of tickets every batch.
  const byIds = reads('(?)', (text) => {
    const query = createIdListQuery(client, text);
    return { all: (...ids) => query.all(ids) };
  });
  // The live set is worked out once into a temporary table that the five reads join, not five times.
  // A return visit comes due a target after the ticket's last event, so a clock due since the horizon keeps it live too.
  // It is filled a range of rows at a time, so a start that listens first never holds the event loop for seconds.
  client.exec('create temp table if not exists live_ticket_ids (id text primary key)');
  const clearLive = client.prepare('delete from temp.live_ticket_ids');
  const lastRow = (table: string) => client.prepare(`select coalesce(max(rowid), 0) from ${table}`).pluck();
  const sinceHorizon = (sql: string) => {
    const statement = client.prepare(sql);
    return (from: number, to: number, horizon: number) => statement.run(from, to, horizon);
  };
  const openComplaints = client.prepare(`insert or ignore into temp.live_ticket_ids select ticket_id from complaints where rowid between ? and ? and ${openComplaintCondition('complaints')}`);
  const fills = [
    { last: lastRow('tickets'), fill: sinceHorizon(`insert or ignore into temp.live_ticket_ids select id from tickets where rowid between ? and ? and (updated_at >= ? or status in (${openStatuses}))`) },
    { last: lastRow('complaints'), fill: (from: number, to: number) => openComplaints.run(from, to) },
    { last: lastRow('sla_clocks'), fill: sinceHorizon(`insert or ignore into temp.live_ticket_ids select ticket_id from sla_clocks where rowid between ? and ? and metric = 'return_visit' and state in ('active', 'stopped') and due_at >= ?`) },
  ];
  const lastLive = client.prepare('select coalesce(max(rowid), 0) from temp.live_ticket_ids').pluck();
  const liveSlice = reads('(select id from temp.live_ticket_ids where rowid between ? and ?)', (text) => client.prepare(text).raw());

  function read(statements: Reads, params: unknown[]): TicketFacts[] {
    const facts = new Map<string, TicketFacts>();
    for (const [id, centerId, engineerId, status, createdAt, resolvedAt, firstResponseAt, arrivedAt, visitCount, reopenCount] of statements.tickets.all(...params) as Row[]) {
      facts.set(id as string, {
        id: id as string, centerId: centerId as string, engineerId: engineerId as string | null, status: status as string, open: isOpenStatus(status as Parameters<typeof isOpenStatus>[0]),
        createdAt: createdAt as number, resolvedAt: resolvedAt as number | null, firstResponseAt: firstResponseAt as number | null, arrivedAt: arrivedAt as number | null,
        visitCount: visitCount as number, reopenCount: reopenCount as number, clocks: [], complaints: [], surveys: [], partsRequestedAt: [],
      });
    }
    // Tickets not created yet (most of what ingest asks about before the fold) have no children to read.
    if (facts.size === 0) return [];
    for (const [ticketId, metric, cycle, dueAt, state, stoppedAt, thresholds] of statements.clocks.all(...params) as Row[]) {
      facts.get(ticketId as string)?.clocks.push(clockFacts({ metric: metric as SlaMetric, cycle: cycle as number, dueAt: dueAt as number, state: state as ClockFacts['state'], stoppedAt: stoppedAt as number | null, thresholds: JSON.parse(thresholds as string) as SlaThreshold[] }));
    }
    for (const [ticketId, status, level, openedAt, resolvedAt, source, firstResponseAt, confirmedAt, satisfied, closedAt, category] of statements.complaints.all(...params) as Row[]) {
      facts.get(ticketId as string)?.complaints.push({
        open: (OPEN_COMPLAINT_STATUSES as readonly unknown[]).includes(status), level: level as number, category: category as string, openedAt: openedAt as number, resolvedAt: resolvedAt as number | null,
        fromReturnVisit: source === 'return_visit', firstResponseAt: firstResponseAt as number | null, confirmedAt: confirmedAt as number | null, satisfied: satisfied === 1, closedAt: closedAt as number | null,
      });
    }
    for (const [ticketId, at, score, failedReason] of statements.surveys.all(...params) as Row[]) {
      facts.get(ticketId as string)?.surveys.push({ at: at as number, score: score as number | null, failedReason: failedReason as string | null });
    }
    for (const [ticketId, requestedAt] of statements.parts.all(...params) as Row[]) facts.get(ticketId as string)?.partsRequestedAt.push(requestedAt as number);
    return [...facts.values()];
  }

  /** The live set (see `live`), `size` tickets at a time, so a start can read it between other work; empty slices while it is worked out. */
  function* liveSlices(horizon: number, size: number): Generator<TicketFacts[], void> {
    clearLive.run();
    try {
      for (const { last, fill } of fills) {
        const rows = last.get() as number;
        for (let from = 1; from <= rows; from += FILL_ROWS) {
          fill(from, from + FILL_ROWS - 1, horizon);
          yield [];
        }
      }
      const last = lastLive.get() as number;
      for (let from = 1; from <= last; from += size) yield read(liveSlice, [from, Math.min(last, from + size - 1)]);
    } finally {
      clearLive.run();
    }
  }

  return {
    /**
     * Every ticket that can still move a figure: open, with an open complaint, touched since the
     * horizon (updated_at is its latest event), or with a return visit due since it. A store of years
     * reads only its last weeks.
     */
    live(horizon: number): TicketFacts[] {
      return [...liveSlices(horizon, Number.MAX_SAFE_INTEGER)].flat();
    },
    liveSlices,
    of(ticketIds: readonly string[]): TicketFacts[] {
      return ticketIds.length === 0 ? [] : read(byIds, [...ticketIds]);
    },
  };
}

export type TicketFactsReader = ReturnType<typeof createTicketFactsReader>;
