import type {
  AlertHistoryEntry, AlertListPage, AlertRuleView, AlertView, BulkOutcome, DeliveryView, RulePreview, SilenceListPage, SilenceStatus, SilenceView, SlaAlertPolicyView, TargetView,
} from '../../shared/alerts/alertApi';
import type { OrgScopeAnswer } from '../../shared/api/orgScopeApi';
import type { SlaAlertPolicy } from '../../shared/alerts/slaAlertPolicy';
import type { AlertRuleInput, SilenceMatcher } from '../../shared/alerts/ruleSchema';
import { apiRequest } from '../api/http';

/** The alert routes as the page uses them; every change carries the session's CSRF token. */

/** The open alerts a wall's banner follows: firing ones first, at most 1000 (the firing list of a sound network is far shorter). */
/** Open alerts; with a scope (`center:<id>`), only those inside it, as the server knows the organisation. */
export function fetchOpenAlerts(scope: string | null = null): Promise<AlertListPage> {
  const within = scope === null || scope === 'network' ? '' : `&${new URLSearchParams({ scope })}`;
  return apiRequest(`/alerts?state=firing,recovering,pending,nodata,error&limit=1000${within}`);
}

/** One page of the list; `query` is the list's filters as the address holds them, plus the cursor and page size. */
export function fetchAlertPage(query: URLSearchParams): Promise<AlertListPage> {
  return apiRequest(`/alerts?${query}`);
}

export function bulkAcknowledge(fingerprints: string[], comment: string, csrfToken: string | null): Promise<BulkOutcome> {
  return apiRequest('/alerts/acknowledge', { method: 'POST', body: { fingerprints, comment }, csrfToken });
}

export function bulkSilence(fingerprints: string[], durationMs: number, comment: string, csrfToken: string | null): Promise<BulkOutcome & { silences: SilenceView[] }> {
  return apiRequest('/alerts/silence', { method: 'POST', body: { fingerprints, durationMs, comment }, csrfToken });
}

export function fetchSilences(statuses: readonly SilenceStatus[]): Promise<SilenceListPage> {
  return apiRequest(`/alert-silences?${new URLSearchParams({ status: statuses.join(',') })}`);
}

export function expireSilence(id: string, csrfToken: string | null): Promise<{ silence: SilenceView }> {
  return apiRequest(`/alert-silences/${encodeURIComponent(id)}`, { method: 'DELETE', csrfToken });
}

export function extendSilence(id: string, extendByMs: number, csrfToken: string | null): Promise<{ silence: SilenceView }> {
  return apiRequest(`/alert-silences/${encodeURIComponent(id)}`, { method: 'PATCH', body: { extendByMs }, csrfToken });
}

export function fetchSlaPolicy(): Promise<SlaAlertPolicyView> {
  return apiRequest('/alert-sla-policy');
}

export function saveSlaPolicy(policy: SlaAlertPolicy, csrfToken: string | null): Promise<SlaAlertPolicyView> {
  return apiRequest('/alert-sla-policy', { method: 'PUT', body: policy, csrfToken });
}

/** A scope's name and the regions and centers directly below it, within what the caller may see. */
export function fetchScopeChildren(scope: string): Promise<OrgScopeAnswer> {
  return apiRequest(`/org/scope?${new URLSearchParams({ scope })}`);
}

export function fetchAlert(fingerprint: string): Promise<{ alert: AlertView; history: AlertHistoryEntry[] }> {
  return apiRequest(`/alerts/${encodeURIComponent(fingerprint)}`);
}

export function acknowledgeAlert(fingerprint: string, comment: string, csrfToken: string | null): Promise<{ alert: AlertView }> {
  return apiRequest(`/alerts/${encodeURIComponent(fingerprint)}/acknowledge`, { method: 'POST', body: { comment }, csrfToken });
}

export function assignAlert(fingerprint: string, assignee: string, comment: string, csrfToken: string | null): Promise<{ alert: AlertView }> {
  return apiRequest(`/alerts/${encodeURIComponent(fingerprint)}/assign`, { method: 'POST', body: { assignee, comment }, csrfToken });
}

export function createSilence(matchers: SilenceMatcher[], durationMs: number, comment: string, csrfToken: string | null): Promise<{ silence: SilenceView }> {
  return apiRequest('/alert-silences', { method: 'POST', body: { matchers, durationMs, comment }, csrfToken });
}

export function fetchRules(): Promise<{ rules: AlertRuleView[] }> {
  return apiRequest('/alert-rules');
}

export function saveRule(id: string, definition: AlertRuleInput, enabled: boolean, basedOnVersion: number | null, csrfToken: string | null): Promise<{ rule: AlertRuleView }> {
  if (basedOnVersion === null) return apiRequest('/alert-rules', { method: 'POST', body: { id, definition, enabled }, csrfToken });
  return apiRequest(`/alert-rules/${encodeURIComponent(id)}`, { method: 'PUT', body: { definition, enabled, basedOnVersion }, csrfToken });
}

export function previewRule(definition: AlertRuleInput, csrfToken: string | null): Promise<RulePreview> {
  return apiRequest('/alert-rules/preview', { method: 'POST', body: { definition }, csrfToken });
}

export function fetchDeliveries(): Promise<{ deliveries: DeliveryView[] }> {
  return apiRequest('/alert-deliveries?limit=50');
}

export function fetchTargets(): Promise<{ targets: TargetView[] }> {
  return apiRequest('/notification-targets');
}

export function createTarget(body: { name: string; scope: string; url: string; levels: number[]; minSeverity: string }, csrfToken: string | null): Promise<{ target: TargetView & { secret: string } }> {
  return apiRequest('/notification-targets', { method: 'POST', body, csrfToken });
}

export function deleteTarget(id: string, csrfToken: string | null): Promise<null> {
  return apiRequest(`/notification-targets/${encodeURIComponent(id)}`, { method: 'DELETE', csrfToken });
}
