import { type ComplaintState, type StoredEvent, TicketFold, type TicketState, compareEvents } from '../domain/ticketFold';
import type { TicketStatus } from '../domain/vocabulary';
import type { SlaMetric } from './slaPolicy';

/**
 * When each SLA clock of a ticket starts, pauses, resumes and ends, read from the ticket's history
 * as the fold replays it in event order. This is the one place that says what the metrics mean:
 *
 * - first_response: creation → the first response, the engineer's arrival or the resolution;
 * - on_site: creation → the engineer's arrival; cancelled if the ticket is resolved without a visit;
 * - resolution: creation, or each reopening → resolved or closed; paused while waiting for the customer
 *   (and, where the policy says so, for spare parts); a reopening starts a new cycle;
 * - return_visit: each resolution → the next survey, completed or failed; cancelled by a reopening;
 * - complaint_response, complaint_resolution and complaint_escalation: see onComplaintEvent.
 *
 * Cancelling the ticket cancels its running ticket clocks; complaint clocks run on regardless.
 */

export interface ClockEnd {
  at: number;
  cancelled: boolean;
}

export type PauseReason = 'waiting_customer' | 'waiting_parts';

/** [from, to) in which the resolution clock may not count; `to` is null while it lasts. */
export interface ClockPause {
  from: number;
  to: number | null;
  reason: PauseReason;
}

export interface ClockSpan {
  metric: SlaMetric;
  cycle: number;
  subjectId: string | null;
  startedAt: number;
  /** Candidate pauses; the policy decides whether waiting for parts counts. */
  pauses: ClockPause[];
  end: ClockEnd | null;
}

const RESOLVED: ReadonlySet<TicketStatus> = new Set(['resolved', 'closed']);

class SpanBook {
  readonly spans: ClockSpan[] = [];
  private readonly running = new Map<string, ClockSpan>();

  start(metric: SlaMetric, startedAt: number, subjectId: string | null = null): void {
    const cycle = this.spans.filter((span) => span.metric === metric).length + 1;
    const span: ClockSpan = { metric, cycle, subjectId, startedAt, pauses: [], end: null };
    this.spans.push(span);
    this.running.set(this.key(metric, subjectId), span);
  }

  end(metric: SlaMetric, at: number, cancelled = false, subjectId: string | null = null): void {
    const key = this.key(metric, subjectId);
    const span = this.running.get(key);
    if (!span) return;
    const openPause = span.pauses.at(-1);
    if (openPause && openPause.to === null) openPause.to = at;
    span.end = { at: Math.max(at, span.startedAt), cancelled };
    this.running.delete(key);
  }

  startedAt(metric: SlaMetric): number | null {
    return this.running.get(metric)?.startedAt ?? null;
  }

  /** The resolution clock pauses on entering a waiting status and resumes on leaving it. */
  resolutionStatus(status: TicketStatus, at: number): void {
    const span = this.running.get('resolution');
    if (!span) return;
    const openPause = span.pauses.at(-1);
    const current = openPause && openPause.to === null ? openPause : null;
    if (current?.reason === status) return;
    if (current) current.to = at;
    if (status === 'waiting_customer' || status === 'waiting_parts') span.pauses.push({ from: at, to: null, reason: status });
  }

  runningTicketClocks(): SlaMetric[] {
    return [...this.running.values()].filter((span) => span.subjectId === null).map((span) => span.metric);
  }

  private key(metric: SlaMetric, subjectId: string | null): string {
    return subjectId === null ? metric : `${metric}:${subjectId}`;
  }
}

function endOnFacts(book: SpanBook, ticket: Readonly<TicketState>): void {
  const responded = ticket.firstResponseAt ?? ticket.arrivedAt;
  if (responded !== null && book.startedAt('first_response') !== null) book.end('first_response', responded);
  if (ticket.arrivedAt !== null && book.startedAt('on_site') !== null) book.end('on_site', ticket.arrivedAt);
}

function onTicketTransition(book: SpanBook, at: number, before: TicketStatus, ticket: Readonly<TicketState>): void {
  const after = ticket.status;
  endOnFacts(book, ticket);
  if (after === 'cancelled' && before !== 'cancelled') {
    for (const metric of book.runningTicketClocks()) book.end(metric, at, true);
    return;
  }
  if (RESOLVED.has(after) && !RESOLVED.has(before)) {
    book.end('first_response', at);
    book.end('on_site', at, true);
    book.end('resolution', at);
    book.start('return_visit', at);
    return;
  }
  if (RESOLVED.has(before) && !RESOLVED.has(after)) {
    book.end('return_visit', at, true);
    book.start('resolution', at);
  }
  if (before !== after) book.resolutionStatus(after, at);
}

/** What a complaint clock needs to see change between two events. */
interface ComplaintMarks {
  firstResponseAt: number | null;
  level: number;
  cycle: number;
  status: ComplaintState['status'];
}

const TOP_LEVEL = 3;

function startWork(book: SpanBook, at: number, complaint: Readonly<ComplaintState>): void {
  book.start('complaint_resolution', at, complaint.id);
  if (complaint.level < TOP_LEVEL) book.start('complaint_escalation', at, complaint.id);
}

/**
 * complaint_response: opened → first taken, escalated or resolved; complaint_resolution: opened, or
 * reopened by an unsatisfied customer → resolved; complaint_escalation: opened, raised a level, or
 * reopened, below the top level → raised a level or resolved. Its breach is the overdue escalation.
 */
function onComplaintEvent(book: SpanBook, at: number, before: ComplaintMarks | undefined, complaint: Readonly<ComplaintState>): void {
  const id = complaint.id;
  if (!before) {
    book.start('complaint_response', at, id);
    startWork(book, at, complaint);
    return;
  }
  if (before.firstResponseAt === null && complaint.firstResponseAt !== null) book.end('complaint_response', at, false, id);
  if (complaint.level > before.level) {
    book.end('complaint_escalation', at, false, id);
    if (complaint.level < TOP_LEVEL) book.start('complaint_escalation', at, id);
  }
  if (complaint.status !== before.status && (complaint.status === 'awaiting_confirmation' || complaint.status === 'closed')) {
    book.end('complaint_resolution', at, false, id);
    book.end('complaint_escalation', at, false, id);
  }
  if (complaint.cycle > before.cycle) startWork(book, at, complaint);
}

/**
 * A ticket's clock spans as its fold goes on: events given in fold order move the spans as they
 * stand, so a ticket's clocks follow its new events without its history.
 */
export class ClockSpanFold {
  private readonly book = new SpanBook();
  private readonly marks = new Map<string, ComplaintMarks>();
  private status: TicketStatus | null = null;
  /** The ticket's own fold, observed event by event. */
  readonly fold = new TicketFold((event, ticket, complaints) => this.observe(event, ticket, complaints));

  apply(event: StoredEvent): void {
    this.fold.apply(event);
  }

  spans(): readonly ClockSpan[] {
    return this.book.spans;
  }

  private observe(event: StoredEvent, ticket: Readonly<TicketState> | null, complaints: ReadonlyMap<string, ComplaintState>): void {
    const book = this.book;
    if (ticket) {
      if (this.status === null) {
        // Events stamped before creation are already folded in; the clocks see them as at creation.
        this.status = 'new';
        for (const metric of ['first_response', 'on_site', 'resolution'] as const) book.start(metric, ticket.createdAt);
      }
      onTicketTransition(book, Math.max(event.at, ticket.createdAt), this.status, ticket);
      this.status = ticket.status;
    }
    if (event.type === 'survey.completed' || event.type === 'survey.failed') book.end('return_visit', event.at);
    if (event.type.startsWith('complaint.')) {
      const complaint = complaints.get((event.data as { complaintId: string }).complaintId);
      if (complaint) {
        onComplaintEvent(book, event.at, this.marks.get(complaint.id), complaint);
        this.marks.set(complaint.id, { firstResponseAt: complaint.firstResponseAt, level: complaint.level, cycle: complaint.cycle, status: complaint.status });
      }
    }
  }
}

/** Every clock span of one ticket, from its events in any arrival order. */
export function clockSpans(events: readonly StoredEvent[]): ClockSpan[] {
  const spans = new ClockSpanFold();
  for (const event of [...events].sort(compareEvents)) spans.apply(event);
  return [...spans.spans()];
}
