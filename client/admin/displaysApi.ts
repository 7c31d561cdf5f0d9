import type { DisplayCreated, DisplayPairingIssued, DisplayView } from '../../shared/auth/tokenSchemas';
import { apiRequest } from '../api/http';

/** The wall-screen displays of GET/POST/PATCH /displays, as the admin page uses them. */

export interface DisplayDraft {
  name: string;
  scope: string;
  board: string;
  thresholds: string | null;
}

export function fetchDisplays(): Promise<{ displays: DisplayView[] }> {
  return apiRequest('/displays');
}

export function createDisplay(draft: DisplayDraft, csrfToken: string | null): Promise<DisplayCreated> {
  return apiRequest('/displays', { method: 'POST', body: draft, csrfToken });
}

export function updateDisplay(id: string, changes: Partial<DisplayDraft>, csrfToken: string | null): Promise<{ display: DisplayView }> {
  return apiRequest(`/displays/${encodeURIComponent(id)}`, { method: 'PATCH', body: changes, csrfToken });
}

export function issuePairing(id: string, csrfToken: string | null): Promise<DisplayPairingIssued> {
  return apiRequest(`/displays/${encodeURIComponent(id)}/pairing`, { method: 'POST', csrfToken });
}

export function revokeDisplay(id: string, csrfToken: string | null): Promise<{ display: DisplayView }> {
  return apiRequest(`/displays/${encodeURIComponent(id)}/revoke`, { method: 'POST', csrfToken });
}
