import type { AuditFacets, AuditPage } from '../../shared/api/auditQuery';
import type { Grant } from '../../shared/auth/roles';
import type { OneTimePasswordIssued, UserRole, UserView } from '../../shared/auth/userSchemas';
import { apiRequest } from '../api/http';
import { useSessionStore } from '../stores/session';

/** The user and audit administration API, as the admin pages call it. */

export interface UserFields {
  displayName?: string;
  role: UserRole;
  grants: Grant[];
  engineerId: string | null;
}

function csrf(): string | null {
  return useSessionStore().csrfToken;
}

export async function fetchUsers(): Promise<UserView[]> {
  return (await apiRequest<{ users: UserView[] }>('/users')).users;
}

export function createUser(fields: UserFields & { username: string }): Promise<OneTimePasswordIssued> {
  return apiRequest('/users', { method: 'POST', body: fields, csrfToken: csrf() });
}

export function updateUser(id: string, fields: Partial<UserFields> & { disabled?: boolean }): Promise<UserView> {
  return apiRequest(`/users/${encodeURIComponent(id)}`, { method: 'PATCH', body: fields, csrfToken: csrf() });
}

export function resetPassword(id: string): Promise<OneTimePasswordIssued> {
  return apiRequest(`/users/${encodeURIComponent(id)}/reset-password`, { method: 'POST', csrfToken: csrf() });
}

export async function endSessions(id: string): Promise<number> {
  return (await apiRequest<{ revoked: number }>(`/users/${encodeURIComponent(id)}/revoke-sessions`, { method: 'POST', csrfToken: csrf() })).revoked;
}

export interface AuditFilter {
  actor: string;
  action: string;
  /** ISO instants; empty for no bound. */
  from: string;
  to: string;
}

export function fetchAuditPage(filter: AuditFilter, cursor: string | null): Promise<AuditPage> {
  const params = new URLSearchParams({ limit: '50' });
  for (const key of ['actor', 'action', 'from', 'to'] as const) if (filter[key]) params.set(key, filter[key]);
  if (cursor) params.set('cursor', cursor);
  return apiRequest(`/audit?${params.toString()}`);
}

export function fetchAuditFacets(): Promise<AuditFacets> {
  return apiRequest('/audit/facets');
}
