import { returnVisitComplaintId } from '../../shared/complaints/complaintRules';
import { REASON_PHRASES } from '../../shared/domain/servicePhrases';
import type { IngestEventType } from '../../shared/ingest/eventSchema';
import { type Random, between, chance, logNormalMinutes, weighted } from './seededRandom';

/**
 * A simulated complaint's whole life at a well-run network's pace: the first receiver takes it within
 * hours (a VIP's center manager within the hour), about a third go up to the district and a fifth of
 * those to headquarters, it is resolved the same day or the next, and the confirmation call follows
 * within a day. So a complaint still unresolved after two days is rare: one that waits out the two days
 * at the center before it is escalated, or a customer who was not satisfied and reopened it. A customer
 * whose complaint was resolved within two days comes back satisfied 95 % of the time, a later one about
 * 70 % (DOMAIN.md); an unsatisfied one reopens it for another round.
 */

const HOUR = 3_600_000;
const TWO_DAYS = 48 * HOUR;
/** After this many rounds the customer is satisfied, so every simulated complaint closes in the end. */
const MAX_ROUNDS = 3;

/** One in this many escalations waits out the two days at the center first: the overdue escalation the 2-day alert is for. */
const OVERDUE_ESCALATION = 0.04;

/** Who works a complaint: its first receiver (首问负责制), and whether the customer is a VIP, whose complaint the center manager takes on at once. */
export interface ComplaintDesk {
  receiver: string;
  vip: boolean;
}

/** How fast a desk moves, in hours: taking the complaint on, passing it up a level, working it, and the confirmation call. */
interface Pace {
  taken: () => number;
  escalation: () => number;
  resolution: () => number;
  confirmation: () => number;
}

function paceOf(random: Random, vip: boolean): Pace {
  if (vip) {
    return {
      taken: () => between(random, 0.1, 1),
      escalation: () => between(random, 0.5, 2),
      resolution: () => logNormalMinutes(random, 3 * 60, 0.5) / 60,
      confirmation: () => between(random, 1, 6),
    };
  }
  return {
    // Most are taken within the working day; a few miss the 24-hour first response.
    taken: () => (chance(random, 0.97) ? between(random, 0.2, 8) : between(random, 24, 30)),
    escalation: () => between(random, 1, 8),
    resolution: () => logNormalMinutes(random, 6 * 60, 0.6) / 60,
    confirmation: () => between(random, 2, 24),
  };
}

/** Where a ticket's planned events go; the ticket's own script. */
export interface ComplaintScript {
  emit(type: IngestEventType, at: number, data?: Record<string, unknown>): number;
}

function escalate(random: Random, script: ComplaintScript, complaintId: string, from: number, pace: Pace): number {
  if (!chance(random, 0.3)) return from;
  const wait = chance(random, OVERDUE_ESCALATION) ? TWO_DAYS + between(random, 1, 12) * HOUR : pace.escalation() * HOUR;
  let t = script.emit('complaint.escalated', from + wait, { complaintId, level: 2, reason: REASON_PHRASES.centerOverdue[0] });
  if (chance(random, 0.2)) t = script.emit('complaint.escalated', t + pace.escalation() * HOUR, { complaintId, level: 3, reason: REASON_PHRASES.regionEscalated[0] });
  return t;
}

function work(random: Random, script: ComplaintScript, complaintId: string, openedAt: number, desk: ComplaintDesk): void {
  const pace = paceOf(random, desk.vip);
  let t = script.emit('complaint.taken', openedAt + pace.taken() * HOUR, { complaintId, by: desk.receiver });
  for (let round = 1; ; round += 1) {
    t = escalate(random, script, complaintId, t, pace);
    const resolvedAt = script.emit('complaint.resolved', t + pace.resolution() * HOUR, { complaintId, resolution: REASON_PHRASES.visitedOnSite[0] });
    const quick = resolvedAt - openedAt <= TWO_DAYS;
    const satisfied = round >= MAX_ROUNDS || chance(random, quick ? 0.95 : 0.7);
    t = script.emit('complaint.confirmed', resolvedAt + pace.confirmation() * HOUR, { complaintId, satisfied, ...(satisfied ? {} : { note: REASON_PHRASES.stillDissatisfied[0] }) });
    if (satisfied) return;
  }
}

/** A complaint the customer raises: opened with its first receiver, then worked to closure. */
export function customerComplaint(random: Random, script: ComplaintScript, ticketId: string, openedAt: number, desk: ComplaintDesk): void {
  const complaintId = `${ticketId}-K1`;
  script.emit('complaint.opened', openedAt, {
    complaintId,
    category: weighted(random, { timeliness: 40, repair_quality: 25, attitude: 15, parts: 12, price: 8 }),
    severity: weighted(random, { low: 30, medium: 45, high: 20, critical: 5 }),
    owner: desk.receiver,
  });
  work(random, script, complaintId, openedAt, desk);
}

/**
 * After a return visit: a score at or below the server's COMPLAINT_SURVEY_MAX_SCORE (`maxScore`) has the
 * server open the complaint itself (named after the survey event, `surveyEventId`); the simulator only
 * works it to closure. Whether there was one to work.
 */
export function returnVisitComplaint(random: Random, script: ComplaintScript, surveyEventId: string, calledAt: number, score: number, maxScore: number, desk: ComplaintDesk): boolean {
  if (score > maxScore) return false;
  work(random, script, returnVisitComplaintId(surveyEventId), calledAt, desk);
  return true;
}
