import { returnVisitComplaintId } from '../../shared/complaints/complaintRules';
import type { IngestEventType } from '../../shared/ingest/eventSchema';
import { type Random, between, chance, logNormalMinutes, weighted } from './seededRandom';

/**
 * A simulated complaint's whole life at the domain's rates: the first receiver takes it within the day,
 * about a third go up to the district and a fifth of those to headquarters (a few only once two days have
 * passed at the center, so the escalation clock sometimes breaches), then a resolution and the
 * confirmation call. A customer whose complaint was resolved within two days comes back satisfied
 * 95 % of the time, a later one about 70 % (DOMAIN.md); an unsatisfied one reopens it for another round.
 */

const HOUR = 3_600_000;
const MINUTE = 60_000;
const TWO_DAYS = 48 * HOUR;
/** After this many rounds the customer is satisfied, so every simulated complaint closes in the end. */
const MAX_ROUNDS = 3;

/** Where a ticket's planned events go; the ticket's own script. */
export interface ComplaintScript {
  emit(type: IngestEventType, at: number, data?: Record<string, unknown>): number;
}

function escalate(random: Random, script: ComplaintScript, complaintId: string, from: number): number {
  if (!chance(random, 0.3)) return from;
  // One in ten waits out the two days at the center first: the overdue escalation an alert is for.
  const wait = chance(random, 0.1) ? TWO_DAYS + between(random, 1, 12) * HOUR : between(random, 2, 14) * HOUR;
  let t = script.emit('complaint.escalated', from + wait, { complaintId, level: 2, reason: '门店未能在时限内解决' });
  if (chance(random, 0.2)) t = script.emit('complaint.escalated', t + between(random, 4, 12) * HOUR, { complaintId, level: 3, reason: '区部升级至服管处' });
  return t;
}

function work(random: Random, script: ComplaintScript, complaintId: string, openedAt: number, receiver: string): void {
  // Most are taken within hours; a few miss the 24-hour first response.
  let t = script.emit('complaint.taken', openedAt + (chance(random, 0.95) ? between(random, 0.2, 20) : between(random, 24, 36)) * HOUR, { complaintId, by: receiver });
  for (let round = 1; ; round += 1) {
    t = escalate(random, script, complaintId, t);
    const resolvedAt = script.emit('complaint.resolved', t + logNormalMinutes(random, 12 * 60, 0.6) * MINUTE, { complaintId, resolution: '已上门处理' });
    const quick = resolvedAt - openedAt <= TWO_DAYS;
    const satisfied = round >= MAX_ROUNDS || chance(random, quick ? 0.95 : 0.7);
    t = script.emit('complaint.confirmed', resolvedAt + between(random, 2, 30) * HOUR, { complaintId, satisfied, ...(satisfied ? {} : { note: '客户仍不满意' }) });
    if (satisfied) return;
  }
}

/** A complaint the customer raises: opened with its first receiver, then worked to closure. */
export function customerComplaint(random: Random, script: ComplaintScript, ticketId: string, openedAt: number, receiver: string): void {
  const complaintId = `${ticketId}-K1`;
  script.emit('complaint.opened', openedAt, {
    complaintId,
    category: weighted(random, { timeliness: 40, repair_quality: 25, attitude: 15, parts: 12, price: 8 }),
    severity: weighted(random, { low: 30, medium: 45, high: 20, critical: 5 }),
    owner: receiver,
  });
  work(random, script, complaintId, openedAt, receiver);
}

/**
 * After a return visit: a score at or below the server's COMPLAINT_SURVEY_MAX_SCORE (`maxScore`) has the
 * server open the complaint itself (named after the survey event, `surveyEventId`); the simulator only
 * works it to closure. Whether there was one to work.
 */
export function returnVisitComplaint(random: Random, script: ComplaintScript, surveyEventId: string, calledAt: number, score: number, maxScore: number, receiver: string): boolean {
  if (score > maxScore) return false;
  work(random, script, returnVisitComplaintId(surveyEventId), calledAt, receiver);
  return true;
}
