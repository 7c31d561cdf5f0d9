import { z } from 'zod';
import type { ComplaintCategory, ComplaintSeverity } from '../domain/vocabulary';

/**
 * How a return visit becomes a complaint. A score at or below the threshold opens one with source
 * return_visit; its id is derived from the survey event's id, so a replayed survey opens nothing twice.
 */

export const DEFAULT_COMPLAINT_SURVEY_MAX_SCORE = 2;

export const complaintSurveyMaxScoreSchema = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be at least 1 (the lowest survey score)')
  .max(4, 'must be at most 4 (a 5 is the best score a survey gives)');

/** complaint_resolved_48h_rate: a complaint resolved this soon after it was opened counts as resolved in time. */
export const COMPLAINT_RESOLVED_WITHIN_MS = 48 * 3_600_000;

export function returnVisitComplaintId(surveyEventId: string): string {
  return `rv:${surveyEventId}`;
}

/** A visit says the customer is unhappy, not about what: such complaints are filed under repair quality. */
export const RETURN_VISIT_CATEGORY: ComplaintCategory = 'repair_quality';

/** The lowest score is the angriest customer. */
export function returnVisitSeverity(score: number): ComplaintSeverity {
  if (score <= 1) return 'high';
  if (score === 2) return 'medium';
  return 'low';
}
