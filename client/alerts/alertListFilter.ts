import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import { ALERT_GROUPINGS, type AlertGrouping } from '../../shared/alerts/alertApi';
import { ALERT_SEVERITIES, type AlertSeverity } from '../../shared/alerts/alertVocabulary';

/** The list's filters as the page holds them and the address keeps them; pure, so both ways are tested. */

export const STATE_CHOICES = ['open', 'firing', 'pending', 'problem', 'resolved'] as const;
export type StateChoice = (typeof STATE_CHOICES)[number];

/** What each choice asks the server for; `open` is the server's own default, every open state. */
const STATES_OF: Record<StateChoice, string | null> = { open: null, firing: 'firing,recovering', pending: 'pending', problem: 'nodata,error', resolved: 'resolved' };

export interface AlertListFilter {
  state: StateChoice;
  severity: AlertSeverity[];
  /** A scope text (region:<id>, center:<id>), or null for everything the user sees. */
  scope: string | null;
  ruleId: string | null;
  acknowledged: boolean | null;
  silenced: boolean | null;
  inhibited: boolean | null;
  q: string;
  groupBy: AlertGrouping | null;
}

export const NO_FILTER: AlertListFilter = { state: 'open', severity: [], scope: null, ruleId: null, acknowledged: null, silenced: null, inhibited: null, q: '', groupBy: null };

const one = (value: LocationQuery[string] | undefined): string | null => (Array.isArray(value) ? (value[0] ?? null) : value) ?? null;
const flag = (value: string | null): boolean | null => (value === 'true' ? true : value === 'false' ? false : null);
const SCOPE = /^(region|center|engineer):[A-Za-z0-9_.-]{1,64}$/;

/** Reads the address; what it cannot read is left at its default rather than refused. */
export function filterFromQuery(query: LocationQuery): AlertListFilter {
  const state = one(query.state);
  const scope = one(query.scope);
  const groupBy = one(query.groupBy);
  return {
    state: STATE_CHOICES.includes(state as StateChoice) ? (state as StateChoice) : 'open',
    severity: (one(query.severity) ?? '').split(',').filter((item): item is AlertSeverity => ALERT_SEVERITIES.includes(item as AlertSeverity)),
    scope: scope !== null && SCOPE.test(scope) ? scope : null,
    ruleId: one(query.rule)?.slice(0, 80) || null,
    acknowledged: flag(one(query.acknowledged)),
    silenced: flag(one(query.silenced)),
    inhibited: flag(one(query.inhibited)),
    q: (one(query.q) ?? '').slice(0, 200),
    groupBy: ALERT_GROUPINGS.includes(groupBy as AlertGrouping) ? (groupBy as AlertGrouping) : null,
  };
}

/** The address for a filter: only what differs from the defaults. */
export function queryOfFilter(filter: AlertListFilter): LocationQueryRaw {
  const query: LocationQueryRaw = {};
  if (filter.state !== 'open') query.state = filter.state;
  if (filter.severity.length > 0) query.severity = filter.severity.join(',');
  if (filter.scope) query.scope = filter.scope;
  if (filter.ruleId) query.rule = filter.ruleId;
  for (const name of ['acknowledged', 'silenced', 'inhibited'] as const) if (filter[name] !== null) query[name] = String(filter[name]);
  if (filter.q.trim()) query.q = filter.q.trim();
  if (filter.groupBy) query.groupBy = filter.groupBy;
  return query;
}

/** The API's query for one page of the list. */
export function apiQueryOf(filter: AlertListFilter, cursor: string | null, limit: number): URLSearchParams {
  const params = new URLSearchParams({ limit: String(limit) });
  const states = STATES_OF[filter.state];
  if (states) params.set('state', states);
  if (filter.severity.length > 0) params.set('severity', filter.severity.join(','));
  if (filter.scope) params.set('scope', filter.scope);
  if (filter.ruleId) params.set('ruleId', filter.ruleId);
  for (const name of ['acknowledged', 'silenced', 'inhibited'] as const) if (filter[name] !== null) params.set(name, String(filter[name]));
  if (filter.q.trim()) params.set('q', filter.q.trim());
  if (filter.groupBy) params.set('groupBy', filter.groupBy);
  if (cursor) params.set('cursor', cursor);
  return params;
}
