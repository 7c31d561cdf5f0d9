import type { ExclusionView, MyTicketsAnswer, ScorecardAnswer, StarView } from '../../shared/scorecard/scorecardApi';
import { apiRequest } from '../api/http';

/** The engineer page's read and write calls, typed as the client reads them. */

const base = (engineerId: string) => `/engineers/${encodeURIComponent(engineerId)}`;

export function fetchScorecard(engineerId: string): Promise<ScorecardAnswer> {
  return apiRequest(`${base(engineerId)}/scorecard`);
}

export function fetchOpenTickets(engineerId: string): Promise<MyTicketsAnswer> {
  return apiRequest(`${base(engineerId)}/open-tickets`);
}

export function excludeTicket(engineerId: string, body: { ticketId: string; reason: string }, csrfToken: string | null): Promise<ExclusionView> {
  return apiRequest(`${base(engineerId)}/exclusions`, { method: 'POST', body, csrfToken });
}

export function revokeExclusion(engineerId: string, exclusionId: string, csrfToken: string | null): Promise<ExclusionView> {
  return apiRequest(`${base(engineerId)}/exclusions/${encodeURIComponent(exclusionId)}/revoke`, { method: 'POST', csrfToken });
}

export function fetchServiceStar(centerId: string): Promise<StarView> {
  return apiRequest(`/service-star?${new URLSearchParams({ centerId })}`);
}
