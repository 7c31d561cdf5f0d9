import { RETURN_VISIT_CATEGORY, returnVisitComplaintId, returnVisitSeverity } from '../../shared/complaints/complaintRules';
import type { IngestEvent } from '../../shared/ingest/eventSchema';

/**
 * A return visit that finds the customer unhappy opens a complaint. The complaint's event is derived
 * from the survey event and appended in the same transaction with an id of its own derived from the
 * survey's, so a replayed survey (a duplicate, not fresh) opens nothing, and neither can a second derivation.
 */
export function returnVisitComplaints(maxScore: number) {
  return (fresh: readonly IngestEvent[]): IngestEvent[] =>
    fresh.flatMap((event): IngestEvent[] => {
      if (event.type !== 'survey.completed' || event.data.score > maxScore) return [];
      return [
        {
          id: `${event.id}:complaint`,
          type: 'complaint.opened',
          at: event.at,
          ticketId: event.ticketId,
          data: { complaintId: returnVisitComplaintId(event.id), category: RETURN_VISIT_CATEGORY, severity: returnVisitSeverity(event.data.score), source: 'return_visit' },
        },
      ];
    });
}
