import type { PolicyPreview } from '../../shared/sla/adminSchema';
import type { SlaPolicy } from '../../shared/sla/slaPolicy';
import { apiRequest } from '../api/http';

/** A saved policy set as GET /sla/policies and /sla/policies/versions/:version answer it. */
export interface PolicyVersion {
  version: number;
  policies: SlaPolicy[];
  changedBy: string;
  changedAt: number;
  note: string | null;
}

export type PolicyVersionSummary = Omit<PolicyVersion, 'policies'> & { policyCount: number };

export const fetchPolicies = (): Promise<PolicyVersion> => apiRequest('/sla/policies');
export const fetchPolicyVersions = (): Promise<{ versions: PolicyVersionSummary[] }> => apiRequest('/sla/policies/versions');
export const fetchPolicyVersion = (version: number): Promise<PolicyVersion> => apiRequest(`/sla/policies/versions/${version}`);

export function previewPolicies(policies: SlaPolicy[], csrfToken: string | null): Promise<PolicyPreview> {
  return apiRequest('/sla/policies/preview', { method: 'POST', body: { policies }, csrfToken });
}

export function savePolicies(policies: SlaPolicy[], basedOnVersion: number, note: string, csrfToken: string | null): Promise<{ version: number }> {
  return apiRequest('/sla/policies', { method: 'PUT', body: { policies, basedOnVersion, ...(note.trim() ? { note: note.trim() } : {}) }, csrfToken });
}
