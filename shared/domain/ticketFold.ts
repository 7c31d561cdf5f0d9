import type { IngestEvent } from '../ingest/eventSchema';
import type {
  Channel,
  ComplaintCategory,
  ComplaintSeverity,
  ComplaintSource,
  ComplaintStatus,
  EscalationLevel,
  Priority,
  SurveyFailureReason,
  TicketStatus,
  TicketType,
} from './vocabulary';

/**
 * A ticket's state is a pure fold over its events ordered by `at`, then by arrival.
 * The store re-folds a ticket whenever an event for it arrives, so a late event lands where it belongs.
 */

export interface TicketState {
  id: string;
  centerId: string;
  customerId: string;
  engineerId: string | null;
  priority: Priority;
  type: TicketType;
  channel: Channel;
  productModel: string | null;
  serialNo: string | null;
  symptom: string | null;
  cause: string | null;
  status: TicketStatus;
  visitCount: number;
  reopenCount: number;
  createdAt: number;
  assignedAt: number | null;
  scheduledAt: number | null;
  appointmentAt: number | null;
  firstResponseAt: number | null;
  arrivedAt: number | null;
  resolvedAt: number | null;
  closedAt: number | null;
  cancelledAt: number | null;
  reopenedAt: number | null;
  updatedAt: number;
}

export interface ComplaintState {
  ticketId: string;
  id: string;
  source: ComplaintSource;
  category: ComplaintCategory;
  severity: ComplaintSeverity;
  level: EscalationLevel;
  /** The first receiver (首问负责), accountable through every escalation; null until someone takes, escalates or resolves it. */
  owner: string | null;
  /** Who holds it at its current level: the owner, or whoever it was escalated to or taken by. */
  handler: string | null;
  status: ComplaintStatus;
  openedAt: number;
  /** The first take, escalation or resolution. */
  firstResponseAt: number | null;
  escalatedAt: number | null;
  /** When it reached its current level, or was reopened there: the escalation clock counts from here. */
  levelSince: number;
  /** 1-based: each unsatisfied confirmation call starts a new resolution cycle. */
  cycle: number;
  /** The current cycle's resolution; null while it is being worked. */
  resolvedAt: number | null;
  resolution: string | null;
  /** The latest confirmation call and what the customer said. */
  confirmedAt: number | null;
  satisfied: boolean | null;
  closedAt: number | null;
}

export interface SurveyState {
  id: string;
  ticketId: string;
  at: number;
  score: number | null;
  failedReason: SurveyFailureReason | null;
  comment: string | null;
}

export interface PartsRequestState {
  ticketId: string;
  id: string;
  partNo: string;
  quantity: number;
  requestedAt: number;
  shippedAt: number | null;
  deliveredAt: number | null;
}

export interface FoldedTicket {
  /** Null while the ticket's `ticket.created` event has not arrived yet. */
  ticket: TicketState | null;
  complaints: ComplaintState[];
  surveys: SurveyState[];
  parts: PartsRequestState[];
}

/** An event as stored: `seq` is its arrival order, the tie-break for equal `at`. */
export type StoredEvent = IngestEvent & { seq: number };

export function compareEvents(a: StoredEvent, b: StoredEvent): number {
  return a.at - b.at || a.seq - b.seq;
}

const TERMINAL: ReadonlySet<TicketStatus> = new Set(['resolved', 'closed', 'cancelled']);

function moveStatus(ticket: TicketState, to: TicketStatus): void {
  if (!TERMINAL.has(ticket.status)) ticket.status = to;
}

function earliest(current: number | null, at: number): number {
  return current === null ? at : Math.min(current, at);
}

function applyTicketEvent(ticket: TicketState, event: StoredEvent): void {
  switch (event.type) {
    case 'ticket.created':
    case 'ticket.updated':
      Object.assign(ticket, definedFields(event.data));
      return;
    case 'ticket.assigned':
      ticket.engineerId = event.data.engineerId;
      ticket.assignedAt = earliest(ticket.assignedAt, event.at);
      if (ticket.status === 'new') ticket.status = 'assigned';
      return;
    case 'ticket.scheduled':
      ticket.scheduledAt = event.at;
      ticket.appointmentAt = event.data.appointmentAt;
      moveStatus(ticket, 'scheduled');
      return;
    case 'ticket.first_response':
      ticket.firstResponseAt = earliest(ticket.firstResponseAt, event.at);
      return;
    case 'ticket.engineer_arrived':
      if (TERMINAL.has(ticket.status)) return;
      ticket.visitCount += 1;
      ticket.arrivedAt = earliest(ticket.arrivedAt, event.at);
      if (event.data.engineerId) ticket.engineerId = event.data.engineerId;
      ticket.status = 'on_site';
      return;
    case 'ticket.status_changed':
      moveStatus(ticket, event.data.status);
      return;
    case 'ticket.resolved':
      if (ticket.status === 'closed' || ticket.status === 'cancelled') return;
      ticket.status = 'resolved';
      ticket.resolvedAt = event.at;
      if (event.data.cause !== undefined) ticket.cause = event.data.cause;
      return;
    case 'ticket.closed':
      if (ticket.status === 'cancelled') return;
      ticket.status = 'closed';
      ticket.closedAt = event.at;
      ticket.resolvedAt ??= event.at;
      return;
    case 'ticket.reopened':
      if (ticket.status !== 'resolved' && ticket.status !== 'closed') return;
      ticket.status = ticket.engineerId ? 'assigned' : 'new';
      ticket.reopenCount += 1;
      ticket.reopenedAt = event.at;
      ticket.resolvedAt = null;
      ticket.closedAt = null;
      return;
    case 'ticket.cancelled':
      if (TERMINAL.has(ticket.status)) return;
      ticket.status = 'cancelled';
      ticket.cancelledAt = event.at;
      return;
    default:
      return;
  }
}

function definedFields<T extends object>(data: T): Partial<T> {
  return Object.fromEntries(Object.entries(data).filter(([key, value]) => value !== undefined && key !== 'engineerId')) as Partial<T>;
}

function newTicket(event: Extract<StoredEvent, { type: 'ticket.created' }>): TicketState {
  const { data } = event;
  return {
    id: event.ticketId,
    centerId: data.centerId,
    customerId: data.customerId,
    engineerId: data.engineerId ?? null,
    priority: data.priority,
    type: data.type,
    channel: data.channel,
    productModel: data.productModel ?? null,
    serialNo: data.serialNo ?? null,
    symptom: data.symptom ?? null,
    cause: null,
    status: data.engineerId ? 'assigned' : 'new',
    visitCount: 0,
    reopenCount: 0,
    createdAt: event.at,
    assignedAt: data.engineerId ? event.at : null,
    scheduledAt: null,
    appointmentAt: null,
    firstResponseAt: null,
    arrivedAt: null,
    resolvedAt: null,
    closedAt: null,
    cancelledAt: null,
    reopenedAt: null,
    updatedAt: event.at,
  };
}

function openComplaint(event: Extract<StoredEvent, { type: 'complaint.opened' }>): ComplaintState {
  const { data } = event;
  return {
    ticketId: event.ticketId,
    id: data.complaintId,
    source: data.source ?? 'customer',
    category: data.category,
    severity: data.severity,
    level: data.level ?? 1,
    owner: data.owner ?? null,
    handler: data.owner ?? null,
    status: 'open',
    openedAt: event.at,
    firstResponseAt: null,
    escalatedAt: null,
    levelSince: event.at,
    cycle: 1,
    resolvedAt: null,
    resolution: null,
    confirmedAt: null,
    satisfied: null,
    closedAt: null,
  };
}

const WORKED: ReadonlySet<ComplaintStatus> = new Set(['open', 'escalated']);

function applyComplaintStep(complaint: ComplaintState, event: StoredEvent): void {
  switch (event.type) {
    case 'complaint.taken':
      if (complaint.status === 'closed') return;
      complaint.owner ??= event.data.by;
      complaint.handler = event.data.by;
      complaint.firstResponseAt ??= event.at;
      return;
    case 'complaint.escalated':
      if (!WORKED.has(complaint.status)) return;
      if (event.data.level > complaint.level) {
        complaint.level = event.data.level;
        complaint.levelSince = event.at;
      }
      complaint.owner ??= event.data.by ?? null;
      complaint.handler = event.data.owner ?? complaint.handler;
      complaint.status = 'escalated';
      complaint.escalatedAt = event.at;
      complaint.firstResponseAt ??= event.at;
      return;
    case 'complaint.resolved':
      if (!WORKED.has(complaint.status)) return;
      complaint.owner ??= event.data.by ?? null;
      complaint.handler ??= event.data.by ?? null;
      complaint.status = 'awaiting_confirmation';
      complaint.resolvedAt = event.at;
      complaint.resolution = event.data.resolution ?? null;
      complaint.firstResponseAt ??= event.at;
      return;
    case 'complaint.confirmed':
      if (complaint.status !== 'awaiting_confirmation') return;
      complaint.confirmedAt = event.at;
      complaint.satisfied = event.data.satisfied;
      if (event.data.satisfied) {
        complaint.status = 'closed';
        complaint.closedAt = event.at;
        return;
      }
      complaint.status = 'open';
      complaint.cycle += 1;
      complaint.levelSince = event.at;
      complaint.resolvedAt = null;
      return;
    default:
      return;
  }
}

function applyComplaintEvent(complaints: Map<string, ComplaintState>, event: StoredEvent): void {
  if (event.type === 'complaint.opened') {
    if (!complaints.has(event.data.complaintId)) complaints.set(event.data.complaintId, openComplaint(event));
    return;
  }
  if (!event.type.startsWith('complaint.')) return;
  const complaint = complaints.get((event.data as { complaintId: string }).complaintId);
  if (complaint) applyComplaintStep(complaint, event);
}

function applyPartsEvent(parts: Map<string, PartsRequestState>, event: StoredEvent): void {
  if (event.type === 'parts.requested') {
    if (parts.has(event.data.requestId)) return;
    parts.set(event.data.requestId, {
      ticketId: event.ticketId,
      id: event.data.requestId,
      partNo: event.data.partNo,
      quantity: event.data.quantity,
      requestedAt: event.at,
      shippedAt: null,
      deliveredAt: null,
    });
    return;
  }
  if (event.type !== 'parts.shipped' && event.type !== 'parts.delivered') return;
  const request = parts.get(event.data.requestId);
  if (!request) return;
  if (event.type === 'parts.shipped') request.shippedAt = earliest(request.shippedAt, event.at);
  else request.deliveredAt = earliest(request.deliveredAt, event.at);
}

function surveyOf(event: StoredEvent): SurveyState | null {
  if (event.type === 'survey.completed') {
    return { id: event.id, ticketId: event.ticketId, at: event.at, score: event.data.score, failedReason: null, comment: event.data.comment ?? null };
  }
  if (event.type === 'survey.failed') {
    return { id: event.id, ticketId: event.ticketId, at: event.at, score: null, failedReason: event.data.reason, comment: null };
  }
  return null;
}

/** Sees the state after each event in fold order; the SLA clocks read a ticket's history through it. */
export type FoldObserver = (event: StoredEvent, ticket: Readonly<TicketState> | null, complaints: ReadonlyMap<string, ComplaintState>) => void;

/**
 * A fold that can be carried on: events given in fold order (each after the last, by `compareEvents`)
 * are applied to the state as it stands, so a ticket whose new events come after its latest one
 * needs neither its history nor a refold.
 */
export class TicketFold {
  private ticket: TicketState | null = null;
  private readonly complaints = new Map<string, ComplaintState>();
  private readonly parts = new Map<string, PartsRequestState>();
  private readonly surveys: SurveyState[] = [];
  private readonly beforeCreation: StoredEvent[] = [];
  /** The latest event applied: an event that sorts before it needs a refold. */
  last: StoredEvent | null = null;

  constructor(private readonly observe?: FoldObserver) {}

  /** The center the ticket is filed under so far; null before its creation. */
  centerId(): string | null {
    return this.ticket?.centerId ?? null;
  }

  /** Whether `event` can be applied here, or lands before the latest one and needs a refold. */
  follows(event: StoredEvent): boolean {
    return this.last === null || compareEvents(this.last, event) < 0;
  }

  apply(event: StoredEvent): void {
    if (!this.follows(event)) throw new Error(`event '${event.id}' lands before the latest one of ticket '${event.ticketId}'; refold instead`);
    this.last = event;
    if (event.type === 'ticket.created' && this.ticket === null) {
      this.ticket = newTicket(event);
      // Events stamped before creation (clock skew at the source) still belong to the ticket.
      for (const early of this.beforeCreation) applyTicketEvent(this.ticket, early);
    } else if (event.type.startsWith('ticket.')) {
      if (this.ticket) applyTicketEvent(this.ticket, event);
      else this.beforeCreation.push(event);
    }
    applyComplaintEvent(this.complaints, event);
    applyPartsEvent(this.parts, event);
    const survey = surveyOf(event);
    if (survey) this.surveys.push(survey);
    if (this.ticket) this.ticket.updatedAt = Math.max(this.ticket.updatedAt, event.at);
    this.observe?.(event, this.ticket, this.complaints);
  }

  /** The state so far, as copies the fold will not change as it goes on. */
  result(): FoldedTicket {
    return {
      ticket: this.ticket && { ...this.ticket },
      complaints: [...this.complaints.values()].map((complaint) => ({ ...complaint })),
      surveys: [...this.surveys],
      parts: [...this.parts.values()].map((request) => ({ ...request })),
    };
  }
}

/** Folds every event of one ticket, in any arrival order, into its current state. */
export function foldTicket(events: readonly StoredEvent[], observe?: FoldObserver): FoldedTicket {
  const fold = new TicketFold(observe);
  for (const event of [...events].sort(compareEvents)) fold.apply(event);
  return fold.result();
}
