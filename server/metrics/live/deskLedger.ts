import { COMPLAINT_CATEGORIES, type ComplaintCategory, SURVEY_FAILURE_REASONS } from '../../../shared/domain/vocabulary';
import { SLA_METRICS, type SlaMetric } from '../../../shared/sla/slaPolicy';
import { KeyedValues, SortedInstants } from './sortedInstants';
import { DeskMarks } from './deskMarks';
import type { ClockFacts, ComplaintFacts, TicketFacts } from './ticketFacts';
import { COMPLAINT_RESOLVED_WITHIN_MS } from '../../../shared/complaints/complaintRules';

/** One buffer for every desk: a change is gathered and flushed before the next begins. */
const marks = new DeskMarks();
/** An open ticket's at-risk stretches, starts in order, while its clocks are read. */
const stretchStarts: number[] = [];
const stretchEnds: number[] = [];

/**
 * The running totals of one desk: the tickets of one center assigned to one engineer (or to none).
 * Every scope is a union of desks, a center its desks, an engineer theirs in every center, so one
 * ticket is counted in exactly one place and a desk has one time zone for "today".
 */
export class DeskLedger {
  open = 0;
  unassigned = 0;
  waitingParts = 0;
  /** Open complaints by escalation level; index 0 holds any level outside 1–3. */
  readonly complaintsOpen = [0, 0, 0, 0];

  readonly created = new SortedInstants();
  readonly resolved = new SortedInstants();
  readonly openCreated = new SortedInstants();
  readonly partsWaiting = new SortedInstants();
  /** One instant per open ticket from which a running clock of it counts as breached. */
  readonly breachedFrom = new SortedInstants();
  /** Disjoint at-risk stretches of open tickets: at now, starts passed minus ends passed. */
  readonly atRiskStarts = new SortedInstants();
  readonly atRiskEnds = new SortedInstants();

  /** Keyed by the resolution instant. */
  readonly resolvedAll = new SortedInstants();
  readonly resolvedVisited = new SortedInstants();
  readonly fixedFirstTime = new SortedInstants();
  readonly revisited = new SortedInstants();
  readonly reopened = new SortedInstants();

  /** Keyed by the instant the return visit of the latest resolution comes due. */
  readonly returnVisitsDue = new SortedInstants();
  readonly returnVisitsInTime = new SortedInstants();

  /** Clocks stopped, keyed by the instant they stopped. */
  readonly judged = Object.fromEntries(SLA_METRICS.map((metric) => [metric, new SortedInstants()])) as Record<SlaMetric, SortedInstants>;
  readonly met = Object.fromEntries(SLA_METRICS.map((metric) => [metric, new SortedInstants()])) as Record<SlaMetric, SortedInstants>;

  readonly toFirstResponse = new KeyedValues();
  readonly toOnSite = new KeyedValues();
  readonly toResolution = new KeyedValues();

  readonly complaintsOpened = new SortedInstants();
  /** Complaints by opening instant, per category and per current level (1–3). */
  readonly complaintsOpenedByCategory = Object.fromEntries(COMPLAINT_CATEGORIES.map((category) => [category, new SortedInstants()])) as Record<ComplaintCategory, SortedInstants>;
  readonly complaintsOpenedByLevel = [new SortedInstants(), new SortedInstants(), new SortedInstants()] as const;
  readonly complaintResolution = new KeyedValues();
  readonly complaintsFromReturnVisits = new SortedInstants();
  readonly complaintFirstResponse = new KeyedValues();
  /** Keyed by the current cycle's resolution instant. */
  readonly complaintsResolved = new SortedInstants();
  readonly complaintsResolvedInTime = new SortedInstants();
  /** Keyed by the latest confirmation call. */
  readonly complaintsConfirmed = new SortedInstants();
  readonly complaintsConfirmedSatisfied = new SortedInstants();
  readonly complaintConfirmation = new KeyedValues();
  readonly scores = new KeyedValues();
  readonly failedVisits = new SortedInstants();
  readonly failedByReason = Object.fromEntries(SURVEY_FAILURE_REASONS.map((reason) => [reason, new SortedInstants()])) as Record<string, SortedInstants>;

  constructor(
    readonly centerId: string,
    readonly engineerId: string | null,
  ) {}

  add(facts: TicketFacts): void {
    this.collect(facts, +1);
    marks.flush();
  }

  remove(facts: TicketFacts): void {
    this.collect(facts, -1);
    marks.flush();
  }

  /** One ticket on this desk as it was and as it is: only the marks that moved are taken out and put in. */
  replace(before: TicketFacts, after: TicketFacts): void {
    this.collect(before, -1, after);
    this.collect(after, +1, before);
    marks.flush();
  }

  /**
   * Applies the ticket's counts at once and gathers its marks in the tallies for `marks.flush`. A clock
   * that is the very same facts in `other`, the ticket's other version (an unmoved clock is: see
   * ticketFacts), would leave the same stop marks on both sides, so neither side gathers them.
   */
  private collect(facts: TicketFacts, sign: 1 | -1, other: TicketFacts | null = null): void {
    marks.side = sign;
    marks.mark(this.created, facts.createdAt);
    if (facts.open) {
      this.open += sign;
      if (facts.engineerId === null) this.unassigned += sign;
      marks.mark(this.openCreated, facts.createdAt);
      for (const at of facts.partsRequestedAt) marks.mark(this.partsWaiting, at);
      this.collectClockStates(facts.clocks);
    }
    if (facts.status === 'waiting_parts') this.waitingParts += sign;
    if (facts.resolvedAt !== null) this.collectResolution(facts, facts.resolvedAt);
    this.collectReturnVisit(facts.clocks);
    if (facts.firstResponseAt !== null) marks.mark(this.toFirstResponse, facts.firstResponseAt, facts.firstResponseAt - facts.createdAt);
    if (facts.arrivedAt !== null) marks.mark(this.toOnSite, facts.arrivedAt, facts.arrivedAt - facts.createdAt);

    for (let i = 0; i < facts.clocks.length; i++) {
      const clock = facts.clocks[i]!;
      if (clock.state !== 'stopped' || clock.stoppedAt === null || other?.clocks[i] === clock) continue;
      marks.mark(this.judged[clock.metric], clock.stoppedAt);
      if (!(clock.breachAt !== null && clock.breachAt < clock.stoppedAt)) marks.mark(this.met[clock.metric], clock.stoppedAt);
    }
    for (const complaint of facts.complaints) this.collectComplaint(complaint, sign);
    for (const survey of facts.surveys) {
      if (survey.score !== null) marks.mark(this.scores, survey.at, survey.score);
      if (survey.failedReason !== null) {
        marks.mark(this.failedVisits, survey.at);
        const byReason = this.failedByReason[survey.failedReason];
        if (byReason) marks.mark(byReason, survey.at);
      }
    }
  }

  private collectComplaint(complaint: ComplaintFacts, sign: 1 | -1): void {
    marks.mark(this.complaintsOpened, complaint.openedAt);
    const byCategory = this.complaintsOpenedByCategory[complaint.category as ComplaintCategory];
    if (byCategory) marks.mark(byCategory, complaint.openedAt);
    const byLevel = this.complaintsOpenedByLevel[complaint.level - 1];
    if (byLevel) marks.mark(byLevel, complaint.openedAt);
    if (complaint.fromReturnVisit) marks.mark(this.complaintsFromReturnVisits, complaint.openedAt);
    if (complaint.open) this.complaintsOpen[complaint.level >= 1 && complaint.level <= 3 ? complaint.level : 0]! += sign;
    if (complaint.firstResponseAt !== null) marks.mark(this.complaintFirstResponse, complaint.firstResponseAt, complaint.firstResponseAt - complaint.openedAt);
    if (complaint.resolvedAt !== null) {
      marks.mark(this.complaintResolution, complaint.resolvedAt, complaint.resolvedAt - complaint.openedAt);
      marks.mark(this.complaintsResolved, complaint.resolvedAt);
      if (complaint.resolvedAt - complaint.openedAt <= COMPLAINT_RESOLVED_WITHIN_MS) marks.mark(this.complaintsResolvedInTime, complaint.resolvedAt);
    }
    if (complaint.confirmedAt !== null) {
      marks.mark(this.complaintsConfirmed, complaint.confirmedAt);
      if (complaint.satisfied) marks.mark(this.complaintsConfirmedSatisfied, complaint.confirmedAt);
    }
    if (complaint.closedAt !== null) marks.mark(this.complaintConfirmation, complaint.closedAt, complaint.closedAt - complaint.openedAt);
  }

  private collectResolution(facts: TicketFacts, resolvedAt: number): void {
    marks.mark(this.resolved, resolvedAt);
    marks.mark(this.resolvedAll, resolvedAt);
    marks.mark(this.toResolution, resolvedAt, resolvedAt - facts.createdAt);
    if (facts.visitCount >= 1) {
      marks.mark(this.resolvedVisited, resolvedAt);
      marks.mark(facts.visitCount === 1 ? this.fixedFirstTime : this.revisited, resolvedAt);
    }
    if (facts.reopenCount >= 1) marks.mark(this.reopened, resolvedAt);
  }

  /** The latest resolution's return visit (its highest cycle), unless a reopen cancelled it; in time when stopped by its due instant. */
  private collectReturnVisit(clocks: readonly ClockFacts[]): void {
    let latest: ClockFacts | null = null;
    for (const clock of clocks) if (clock.metric === 'return_visit' && (latest === null || clock.cycle > latest.cycle)) latest = clock;
    if (latest === null || latest.state === 'cancelled') return;
    marks.mark(this.returnVisitsDue, latest.dueAt);
    if (latest.state === 'stopped' && latest.stoppedAt !== null && latest.stoppedAt <= latest.dueAt) marks.mark(this.returnVisitsInTime, latest.dueAt);
  }

  /**
   * When an open ticket counts as breached and as at risk, from its clocks as they stand: shared/sla
   * isBreachedAt read at every instant at once. A running clock is breached from its 100 % instant (a
   * paused one that has one always); an active one is at risk from its first warning until it breaches.
   * A ticket is at risk while any clock is, so the stretches are merged. The stretches are kept sorted
   * in reused scratch arrays as they are found (a ticket has a handful of clocks), not allocated.
   */
  private collectClockStates(clocks: readonly ClockFacts[]): void {
    let breachedFrom: number | null = null;
    let count = 0;
    for (const clock of clocks) {
      if (clock.state === 'paused' && clock.breachAt !== null) breachedFrom = Number.NEGATIVE_INFINITY;
      if (clock.state !== 'active') continue;
      if (clock.breachAt !== null && (breachedFrom === null || clock.breachAt < breachedFrom)) breachedFrom = clock.breachAt;
      const end = clock.breachAt ?? Number.POSITIVE_INFINITY;
      if (clock.warnAt === null || clock.warnAt >= end) continue;
      let at = count++;
      for (; at > 0 && stretchStarts[at - 1]! > clock.warnAt; at--) {
        stretchStarts[at] = stretchStarts[at - 1]!;
        stretchEnds[at] = stretchEnds[at - 1]!;
      }
      stretchStarts[at] = clock.warnAt;
      stretchEnds[at] = end;
    }
    if (breachedFrom !== null) marks.mark(this.breachedFrom, breachedFrom);
    for (let next = 0; next < count; ) {
      const start = stretchStarts[next]!;
      let end = stretchEnds[next++]!;
      for (; next < count && stretchStarts[next]! <= end; next++) end = Math.max(end, stretchEnds[next]!);
      marks.mark(this.atRiskStarts, start);
      if (end !== Number.POSITIVE_INFINITY) marks.mark(this.atRiskEnds, end);
    }
  }

  /** Forgets what lies before the horizon in every set keyed by a past instant. */
  pruneBefore(horizon: number): void {
    const sets = [
      this.created, this.resolved, this.resolvedAll, this.resolvedVisited, this.fixedFirstTime, this.revisited, this.reopened, this.returnVisitsDue, this.returnVisitsInTime,
      this.complaintsOpened, this.failedVisits, ...Object.values(this.failedByReason), ...Object.values(this.judged), ...Object.values(this.met),
      this.toFirstResponse, this.toOnSite, this.toResolution, this.complaintResolution, this.scores,
      ...Object.values(this.complaintsOpenedByCategory), ...this.complaintsOpenedByLevel,
      this.complaintsFromReturnVisits, this.complaintFirstResponse, this.complaintsResolved, this.complaintsResolvedInTime,
      this.complaintsConfirmed, this.complaintsConfirmedSatisfied, this.complaintConfirmation,
    ];
    for (const set of sets) set.pruneBefore(horizon);
  }
}
