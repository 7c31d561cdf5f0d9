import type { AlertHistoryEntry, AlertRuleView, AlertView, DeliveryView, RulePreview, SilenceView, TargetView } from '../../shared/alerts/alertApi';
import type { AlertRuleInput, SilenceMatcher } from '../../shared/alerts/ruleSchema';
import { apiRequest } from '../api/http';

/** The alert routes as the page uses them; every change carries the session's CSRF token. */

export function fetchOpenAlerts(): Promise<{ alerts: AlertView[]; asOf: string }> {
  return apiRequest('/alerts?state=pending,firing,recovering,nodata,error');
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
