import type {
  ComplaintDetailAnswer,
  ComplaintListAnswer,
  ComplaintSummary,
  ConfirmComplaintBody,
  EscalateComplaintBody,
  ResolveComplaintBody,
} from '../../shared/complaints/complaintApi';
import { apiRequest } from '../api/http';
import { useSessionStore } from '../stores/session';

/** The complaint desk's API: the list, a wall's summary, one complaint, and the four actions from the screen. */

export function fetchComplaintList(query: URLSearchParams): Promise<ComplaintListAnswer> {
  return apiRequest(`/complaints?${query}`);
}

export function fetchComplaintSummary(scope: string, oldest: number): Promise<ComplaintSummary> {
  return apiRequest(`/complaints/summary?${new URLSearchParams({ scope, oldest: String(oldest) })}`);
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
