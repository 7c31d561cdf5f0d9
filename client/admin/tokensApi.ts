import type { IngestTokenCreate, IngestTokenIssued, IngestTokenView } from '../../shared/auth/tokenSchemas';
import type { Center, Region } from '../../shared/reference/referenceSchema';
import { apiRequest } from '../api/http';

/** The ingest tokens of /ingest-tokens and the organisation lists the grant is picked from. */

export function fetchIngestTokens(): Promise<{ ingestTokens: IngestTokenView[] }> {
  return apiRequest('/ingest-tokens');
}

export function createIngestToken(draft: IngestTokenCreate, csrfToken: string | null): Promise<IngestTokenIssued> {
  return apiRequest('/ingest-tokens', { method: 'POST', body: draft, csrfToken });
}

export function rotateIngestToken(id: string, csrfToken: string | null): Promise<IngestTokenIssued> {
  return apiRequest(`/ingest-tokens/${encodeURIComponent(id)}/rotate`, { method: 'POST', csrfToken });
}

export function revokeIngestToken(id: string, csrfToken: string | null): Promise<{ ingestToken: IngestTokenView }> {
  return apiRequest(`/ingest-tokens/${encodeURIComponent(id)}/revoke`, { method: 'POST', csrfToken });
}

export async function fetchOrganisation(): Promise<{ regions: Region[]; centers: Center[] }> {
  const [{ regions }, { centers }] = await Promise.all([apiRequest<{ regions: Region[] }>('/org/regions'), apiRequest<{ centers: Center[] }>('/org/centers')]);
  return { regions, centers };
}
