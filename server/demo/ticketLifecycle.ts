import {
  type Random,
  between,
  chance,
  integerBetween,
  logNormalMinutes,
  pick,
  seededRandom,
  seedOf,
  weighted,
} from './seededRandom';
import type { Center, Customer, Engineer } from '../../shared/reference/referenceSchema';
import type { IngestEventType } from '../../shared/ingest/eventSchema';
import { customerComplaint, returnVisitComplaint } from './complaintFlow';
import type { CenterZone, Contract, Priority } from '../../shared/domain/vocabulary';
import { localClock } from '../../shared/time/zonedCalendar';
import { CAUSE_PHRASES, REASON_PHRASES, SYMPTOM_PHRASES } from '../../shared/domain/servicePhrases';
import {
  CALLING_HOURS,
  CONTRACT_5X9_HOURS,
  DELIVERY_HOURS,
  ESCALATED_5X9_HOURS,
  ESCALATED_VISIT_HOURS,
  type LocalHours,
  VISITING_HOURS,
  afterOpenTime,
  firstInOpenHours,
  intoOpenHours,
  openShare,
} from './workingHours';

/** One ticket's whole life, planned at creation; the simulator releases each event when its time comes. */
export interface PlannedEvent {
  id: string;
  type: IngestEventType;
  at: number;
  ticketId: string;
  data: Record<string, unknown>;
}

export interface TicketContext {
  ticketId: string;
  createdAt: number;
  center: Center;
  engineers: readonly Engineer[];
  customers: readonly Customer[];
  models: readonly string[];
  /** How slow the center runs this hour against its normal pace (1): see the traffic model. */
  pressure: number;
  seed: number;
  /** COMPLAINT_SURVEY_MAX_SCORE: a return visit scored at or below it is a complaint the server opens and the center works. */
  complaintSurveyMaxScore: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const SYMPTOMS = SYMPTOM_PHRASES.map(([recorded]) => recorded);
const CAUSES = CAUSE_PHRASES.map(([recorded]) => recorded);
const [WAITING_PARTS, HARD_FAULT, CUSTOMER_AWAY, CUSTOMER_CANCELLED, FAULT_RECURRED] = (
  ['waitingParts', 'hardFault', 'customerAway', 'customerCancelled', 'faultRecurred'] as const
).map((key) => REASON_PHRASES[key][0]);
const PARTS = ['PCB-CTRL-01', 'MTR-220', 'CAP-35UF', 'SNS-T10', 'VLV-EXP-2', 'FAN-450'];

class TicketScript {
  readonly events: PlannedEvent[] = [];
  private readonly counts = new Map<string, number>();

  constructor(private readonly ticketId: string) {}

  emit(type: IngestEventType, at: number, data: Record<string, unknown> = {}): number {
    const n = (this.counts.get(type) ?? 0) + 1;
    this.counts.set(type, n);
    const at_ = Math.round(at);
    this.events.push({ id: `${this.ticketId}:${type}:${n}`, type, at: at_, ticketId: this.ticketId, data });
    return at_;
  }
}

function priorityFor(random: Random, customer: Customer): Priority {
  if (customer.tier === 'vip') return weighted(random, { P1: 40, P2: 50, P3: 10 });
  if (customer.tier === 'key') return weighted(random, { P1: 10, P2: 40, P3: 40, P4: 10 });
  return weighted(random, { P1: 3, P2: 22, P3: 55, P4: 20 });
}

interface VisitPromise {
  firstResponse: number;
  onSite: number;
  resolution: number;
  /** 5×9 targets count the contract's business hours (its 27 h of resolution are three working days); the rest wall hours. */
  counting: 'business' | 'calendar';
}

/**
 * The contract's promise in milliseconds, as the default SLA policies set it: dispatchers plan each
 * visit to it. A 5×9 first response is read as wall hours, which only makes the plan stricter.
 */
function promiseOf(contract: Contract, zone: CenterZone): VisitPromise {
  switch (contract) {
    case '7x24x4': return { firstResponse: 0.5 * HOUR, onSite: 4 * HOUR, resolution: 24 * HOUR, counting: 'calendar' };
    case '7x24x8': return { firstResponse: HOUR, onSite: 8 * HOUR, resolution: 48 * HOUR, counting: 'calendar' };
    case '5x9': return { firstResponse: 2 * HOUR, onSite: 9 * HOUR, resolution: 27 * HOUR, counting: 'business' };
    default: return { firstResponse: 2 * HOUR, onSite: zone === 'county' ? 48 * HOUR : 24 * HOUR, resolution: 72 * HOUR, counting: 'calendar' };
  }
}

/** When a promise of `target` started at `from` falls due, as its SLA clock counts (public holidays aside). */
function dueAt(from: number, target: number, promise: VisitPromise, ctx: TicketContext): number {
  return promise.counting === 'business' ? afterOpenTime(from, target, ctx.center.timeZone, CONTRACT_5X9_HOURS) : from + target;
}

function isWeekend(at: number, timeZone: string): boolean {
  const { weekday } = localClock(at, timeZone);
  return weekday === 0 || weekday === 6;
}

/** A share of a promise: most well inside it, a long tail past it, as service times are. */
function shareOf(random: Random, promised: number, median: number, spread: number): number {
  return (logNormalMinutes(random, median * 1000, spread) / 1000) * promised;
}

/**
 * When engineers may knock on doors: any time for round-the-clock contracts and P1 work, in visiting
 * hours every day for the rest, and for 5×9 contracts only in their business hours, so a weekend's 5×9
 * work waits for Monday. A visit booked for later (a second visit, or one after a part arrives) is an
 * appointment made with the customer, so it falls in visiting hours whatever the contract.
 */
type VisitWindow = 'any' | 'daily' | 'weekdays';

function visitWindowOf(priority: Priority, contract: Contract): VisitWindow {
  if (priority === 'P1' || contract === '7x24x4' || contract === '7x24x8') return 'any';
  return contract === '5x9' ? 'weekdays' : 'daily';
}

const appointmentHours = (window: VisitWindow): LocalHours => (window === 'weekdays' ? CONTRACT_5X9_HOURS : VISITING_HOURS);
const escalationHours = (window: VisitWindow): LocalHours => (window === 'weekdays' ? ESCALATED_5X9_HOURS : ESCALATED_VISIT_HOURS);

/** A booked appointment at `at`, or spread over the next visiting day when `at` falls outside it. */
function bookedVisit(random: Random, at: number, ctx: TicketContext, window: VisitWindow): number {
  return intoOpenHours(random, at, ctx.center.timeZone, appointmentHours(window));
}

/** How far past its promise a booked visit may run before the dispatcher escalates it. */
const ESCALATION_GRACE = 2 * HOUR;

/**
 * The visit as booked, unless it would come well after the promise it serves: the dispatcher then
 * escalates it and an engineer is there within hours of the deadline: the late shift's evening when
 * it falls late in the day, first thing in the morning when it falls at night. So a well-run network's
 * breaches are recent: they are put right within hours, not left open for days.
 */
function escalatedVisit(random: Random, booked: number, due: number, ctx: TicketContext, window: VisitWindow): number {
  if (booked <= due + ESCALATION_GRACE) return booked;
  const late = due + between(random, 0.5, 3) * HOUR;
  return Math.min(booked, window === 'any' ? late : firstInOpenHours(random, late, ctx.center.timeZone, escalationHours(window)));
}

/**
 * Where in the on-site promise a visit falls at a center's normal pace (the median; the load slows
 * it): round-the-clock work at a third of it, booked work a fifth into its open hours.
 */
const PLANNED_SHARE_OF_PROMISE = { any: 0.35, booked: 0.2 };

/**
 * When the engineer gets there, from `from`: a share of the on-site promise that grows with the
 * center's load. Work that waits for visiting hours queues in those hours only, as a dispatcher's
 * diary does, so the night neither eats the promise nor piles its work onto the first morning hour.
 */
function visitAt(random: Random, ctx: TicketContext, promise: VisitPromise, from: number, window: VisitWindow): number {
  if (window === 'any') return from + shareOf(random, promise.onSite, PLANNED_SHARE_OF_PROMISE.any * ctx.pressure, 0.65);
  const median = PLANNED_SHARE_OF_PROMISE.booked * ctx.pressure;
  const hours = appointmentHours(window);
  // A 5×9 promise is already counted in its business hours; a calendar promise holds its share of visiting hours.
  const openPromise = window === 'weekdays' ? promise.onSite : promise.onSite * openShare(hours);
  // The diary works the nearest promises first, so most booked visits come early and a few run long.
  return afterOpenTime(from, shareOf(random, openPromise, median, 0.85), ctx.center.timeZone, hours);
}

/** Books the next visit at `bookedAt` for `at`, and the engineer comes; returns when the work there is done. */
function revisit(random: Random, script: TicketScript, engineer: Engineer, bookedAt: number, at: number): number {
  script.emit('ticket.scheduled', bookedAt, { appointmentAt: new Date(at).toISOString() });
  return script.emit('ticket.engineer_arrived', at, { engineerId: engineer.id }) + logNormalMinutes(random, 50, 0.4) * MINUTE;
}

/** What a ticket's visits are planned against: who goes, when the customer can be visited, and when resolution falls due. */
interface VisitPlan {
  engineer: Engineer;
  window: VisitWindow;
  /** The running resolution clock's start (creation, or the latest reopening) and deadline. */
  resolutionFrom: number;
  resolutionDue: number;
}

/**
 * Hard faults whose senior engineer comes only after the resolution promise (the diagnosis or the
 * engineer runs it out). With parts and late first visits they make the network's few resolution
 * breaches, and each is escalated, so it is put right within hours.
 */
const LATE_SENIOR_VISIT = 0.85;

function visitUntilResolved(random: Random, script: TicketScript, ctx: TicketContext, from: number, plan: VisitPlan): number {
  const { engineer, window, resolutionFrom, resolutionDue } = plan;
  const arrived = script.emit('ticket.engineer_arrived', from, { engineerId: engineer.id });
  let t = arrived + logNormalMinutes(random, 70, 0.5) * MINUTE;
  if (chance(random, 0.03)) {
    // No part on the van: order it, come back when it is delivered (需另约时间上门).
    const requestId = `${ctx.ticketId}-p${integerBetween(random, 1, 9)}`;
    script.emit('ticket.status_changed', t, { status: 'waiting_parts', reason: WAITING_PARTS });
    script.emit('parts.requested', t + 10 * MINUTE, { requestId, partNo: pick(random, PARTS), quantity: integerBetween(random, 1, 2) });
    const shipped = script.emit('parts.shipped', t + between(random, 2, 8) * HOUR, { requestId });
    const onTheRoad = (chance(random, 0.15) ? between(random, 1.5, 3.5) : between(random, 0.2, 0.8)) * DAY;
    const delivered = script.emit('parts.delivered', intoOpenHours(random, shipped + onTheRoad, ctx.center.timeZone, DELIVERY_HOURS), { requestId });
    const booked = bookedVisit(random, delivered + between(random, 2, 12) * HOUR, ctx, window);
    t = revisit(random, script, engineer, delivered + HOUR, escalatedVisit(random, booked, Math.max(resolutionDue, delivered + HOUR), ctx, window));
  } else if (chance(random, 0.06)) {
    // A fault the engineer cannot place (疑难故障): technical support diagnoses it and a senior engineer is
    // booked inside the resolution promise, or, for some, just after it.
    script.emit('ticket.status_changed', t, { status: 'scheduled', reason: HARD_FAULT });
    const inTime = resolutionFrom + between(random, 0.15, 0.6) * (resolutionDue - resolutionFrom);
    const planned = Math.max(t + 2 * HOUR, chance(random, LATE_SENIOR_VISIT) ? resolutionDue + between(random, 0.5, 4) * HOUR : inTime);
    t = revisit(random, script, engineer, t + HOUR, escalatedVisit(random, bookedVisit(random, planned, ctx, window), resolutionDue, ctx, window));
  } else if (chance(random, 0.02)) {
    script.emit('ticket.status_changed', t, { status: 'waiting_customer', reason: CUSTOMER_AWAY });
    const back = script.emit('ticket.engineer_arrived', bookedVisit(random, t + between(random, 3, 24) * HOUR, ctx, window), { engineerId: engineer.id });
    t = back + logNormalMinutes(random, 45, 0.4) * MINUTE;
  }
  return script.emit('ticket.resolved', t, { cause: pick(random, CAUSES) });
}

function aftercare(random: Random, script: TicketScript, ctx: TicketContext, resolvedAt: number, troubled: boolean, vip: boolean): void {
  const zone = ctx.center.timeZone;
  const desk = { receiver: ctx.engineers[0]?.id ?? ctx.center.name, vip };
  // The signed service form is checked and the ticket closed in the office's working day.
  script.emit('ticket.closed', intoOpenHours(random, resolvedAt + between(random, 0.5, 3) * DAY, zone, VISITING_HOURS));
  // The return call comes 1–7 days after the repair for nearly every ticket, in calling hours (a call
  // moved out of the night lands at most a day on); the few late ones within 10.
  const calledAt = intoOpenHours(random, resolvedAt + (chance(random, 0.97) ? between(random, 1, 5.9) : between(random, 7.1, 9)) * DAY, zone, CALLING_HOURS);
  if (chance(random, 0.92)) {
    // Every score at or below the complaint threshold becomes a complaint, so low scores are kept to
    // about 1 in 100 tickets: with the customers' own complaints that is the 1–2 per 100 of DOMAIN.md.
    const score = Number(troubled ? weighted(random, { '1': 3, '2': 5, '3': 39, '4': 37, '5': 16 }) : weighted(random, { '2': 1, '3': 18, '4': 100, '5': 214 }));
    script.emit('survey.completed', calledAt, { score });
    // The server opens the complaint itself from the survey; the center works it to closure.
    if (returnVisitComplaint(random, script, `${ctx.ticketId}:survey.completed:1`, calledAt, score, ctx.complaintSurveyMaxScore, desk)) return;
  } else {
    script.emit('survey.failed', calledAt, { reason: weighted(random, { unreachable: 45, no_answer: 35, refused: 15, in_progress: 5 }) });
  }
  if (chance(random, 0.006)) customerComplaint(random, script, ctx.ticketId, intoOpenHours(random, resolvedAt + between(random, 2, 96) * HOUR, zone, CALLING_HOURS), desk);
}

/** The unit's serial number, from its own hash so that the ticket's other draws stay as they were. */
function serialNumberOf(ctx: TicketContext): string {
  return `SN${seedOf(ctx.seed, 'serial', ctx.ticketId).toString(16).toUpperCase().padStart(8, '0')}`;
}

/** Every event of one ticket, deterministic for the ticket's id and the demo seed. */
export function planTicket(ctx: TicketContext): PlannedEvent[] {
  const random = seededRandom(seedOf(ctx.seed, ctx.ticketId));
  const script = new TicketScript(ctx.ticketId);
  let customer = pick(random, ctx.customers);
  // A 5×9 contract covers weekdays: its customers seldom call at the weekend, when others still do.
  if (customer.contract === '5x9' && isWeekend(ctx.createdAt, ctx.center.timeZone) && chance(random, 0.7)) customer = pick(random, ctx.customers);
  const priority = priorityFor(random, customer);
  const promise = promiseOf(customer.contract, ctx.center.zone);
  const window = visitWindowOf(priority, customer.contract);
  const type = weighted(random, { repair: 55, installation: 15, maintenance: 13, inspection: 5, consultation: 12 });
  const created = script.emit('ticket.created', ctx.createdAt, {
    centerId: ctx.center.id,
    customerId: customer.id,
    priority,
    type,
    channel: weighted(random, { hotline: 50, wechat: 20, web: 10, dealer: 15, walk_in: 5 }),
    productModel: pick(random, ctx.models),
    serialNo: serialNumberOf(ctx),
    symptom: type === 'repair' ? pick(random, SYMPTOMS) : undefined,
  });
  const responded = script.emit('ticket.first_response', created + shareOf(random, promise.firstResponse, 0.3, 0.6));
  if (type === 'consultation') {
    aftercare(random, script, ctx, script.emit('ticket.resolved', responded + logNormalMinutes(random, 40, 0.6) * MINUTE), false, customer.tier === 'vip');
    return script.events;
  }
  if (chance(random, 0.02)) {
    script.emit('ticket.cancelled', responded + between(random, 1, 12) * HOUR, { reason: CUSTOMER_CANCELLED });
    return script.events;
  }
  const engineer = pick(random, ctx.engineers);
  const assigned = script.emit('ticket.assigned', created + logNormalMinutes(random, 15, 0.6) * MINUTE, { engineerId: engineer.id });
  const scheduled = assigned + between(random, 5, 30) * MINUTE;
  const onSiteDue = dueAt(created, promise.onSite, promise, ctx);
  const appointment = Math.max(escalatedVisit(random, visitAt(random, ctx, promise, created, window), onSiteDue, ctx, window), scheduled + 20 * MINUTE);
  script.emit('ticket.scheduled', scheduled, { appointmentAt: new Date(appointment).toISOString() });
  const firstPlan = { engineer, window, resolutionFrom: created, resolutionDue: dueAt(created, promise.resolution, promise, ctx) };
  let resolved = visitUntilResolved(random, script, ctx, appointment + between(random, -15, 15) * MINUTE, firstPlan);
  const repeat = chance(random, 0.03);
  if (repeat) {
    // A misdiagnosis brings the engineer back (二次上门) and counts against first-time fix.
    const callsBack = intoOpenHours(random, resolved + between(random, 1, 5) * DAY, ctx.center.timeZone, CALLING_HOURS);
    const reopened = script.emit('ticket.reopened', callsBack, { reason: FAULT_RECURRED });
    const againPlan = { engineer, window, resolutionFrom: reopened, resolutionDue: dueAt(reopened, promise.resolution, promise, ctx) };
    // The comeback is booked to the on-site promise too, and escalated like a first visit when it would run past it.
    const comeback = escalatedVisit(random, visitAt(random, ctx, promise, reopened, window), dueAt(reopened, promise.onSite, promise, ctx), ctx, window);
    resolved = visitUntilResolved(random, script, ctx, comeback, againPlan);
  }
  aftercare(random, script, ctx, resolved, repeat || resolved - created > 3 * DAY, customer.tier === 'vip');
  return script.events;
}
