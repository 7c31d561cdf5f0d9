import type {
  ComplaintDetailAnswer,
  ComplaintListAnswer,
  ComplaintSummary,
  ConfirmComplaintBody,
  EscalateComplaintBody,
  ResolveComplaintBody,
} from '../../shared/complaints/complaintApi';
import type { ComplaintRateBreakdown } from '../../shared/complaints/complaintRates';
import { apiRequest } from '../api/http';
import { useSessionStore } from '../stores/session';

/** The complaint desk's API: the list, a wall's summary, the rates, one complaint, and the four actions from the screen. */

export function fetchComplaintList(query: URLSearchParams): Promise<ComplaintListAnswer> {
  return apiRequest(`/complaints?${query}`);
}

export function fetchComplaintSummary(scope: string, oldest: number): Promise<ComplaintSummary> {
  return apiRequest(`/complaints/summary?${new URLSearchParams({ scope, oldest: String(oldest) })}`);
}

/** Complaints per 100 tickets for a scope over a window, by center, category and level, each with its n. */
export function fetchComplaintRates(scope: string, window: string): Promise<ComplaintRateBreakdown> {
  return apiRequest(`/complaints/rates?${new URLSearchParams({ scope, window })}`);
}

export function fetchComplaint(complaintId: string): Promise<ComplaintDetailAnswer> {
  return apiRequest(`/complaints/${encodeURIComponent(complaintId)}`);
}

export type ComplaintAction =
  | { kind: 'take' }
  | { kind: 'escalate'; body: EscalateComplaintBody }
  | { kind: 'resolve'; body: ResolveComplaintBody }
  | { kind: 'confirm'; body: ConfirmComplaintBody };

/** Each action is an event the server ingests with source ui:<username>; the answer is read again afterwards. */
export async function sendComplaintAction(complaintId: string, action: ComplaintAction): Promise<void> {
  const session = useSessionStore();
  const body = action.kind === 'take' ? {} : action.body;
  await apiRequest(`/complaints/${encodeURIComponent(complaintId)}/${action.kind}`, { method: 'POST', body, csrfToken: session.csrfToken });
}
