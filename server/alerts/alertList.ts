import type { AlertListPage, AlertListQuery, AlertView } from '../../shared/alerts/alertApi';
import { ALERT_SEVERITIES, ALERT_STATES, type AlertSeverity, type AlertState } from '../../shared/alerts/alertVocabulary';
import type { Bilingual } from '../../shared/metrics/metricCatalog';
import type { MetricScope } from '../../shared/metrics/metricQuery';
import { isOpen } from './alertInstance';
import type { StoredInstance } from './alertRepository';

const OPEN_STATES: readonly AlertState[] = ALERT_STATES.filter(isOpen);
const SEVERITY_RANK: Record<AlertSeverity, number> = { critical: 0, warning: 1, info: 2 };

export interface AlertListSources {
  instances: () => Iterable<StoredInstance>;
  view: (instance: StoredInstance) => AlertView;
  parse: (scope: string) => MetricScope;
  contains: (outer: MetricScope, inner: MetricScope) => boolean;
  /** The center an alert sits in, null above one. */
  centerOf: (scope: MetricScope) => string | null;
  centerName: (centerId: string) => string | null;
  centerNameEn?: (centerId: string) => string | null;
  visible: (scope: MetricScope) => boolean;
}

/** The order of the list: group, most severe, unacknowledged, oldest, then the fingerprint so every position is unique. */
type SortKey = [group: string, severity: number, acknowledged: number, since: number, fingerprint: string];

function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i]! < b[i]!) return -1;
    if (a[i]! > b[i]!) return 1;
  }
  return 0;
}

function encodeCursor(key: SortKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** A cursor that does not decode to a position is a client error; the caller answers 400. */
export function decodeCursor(cursor: string): SortKey | null {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    const ok = Array.isArray(key) && key.length === 5 && typeof key[0] === 'string' && typeof key[1] === 'number' && typeof key[2] === 'number' && typeof key[3] === 'number' && typeof key[4] === 'string';
    return ok ? (key as SortKey) : null;
  } catch {
    return null;
  }
}

const matchesText = (view: AlertView, words: readonly string[]) => {
  const text = [view.summary.en, view.summary['zh-CN'], view.ruleName.en, view.ruleName['zh-CN'], view.scopeName ?? '', view.scope, view.ruleId, ...Object.values(view.labels)].join('\n').toLowerCase();
  return words.every((word) => text.includes(word));
};

/**
 * One page of alerts under the list's filters, with the true total, counts by severity and, when
 * grouped, every group's total. Instances are held in memory by the engine, so filtering all of
 * them per request is cheap next to rendering; the cursor is the last row's sort position, so a
 * page boundary holds while alerts come and go.
 */
export function listAlerts(sources: AlertListSources, query: AlertListQuery, cursor: SortKey | null, asOf: string): AlertListPage {
  const states = query.state ?? OPEN_STATES;
  const within = query.scope ?? null;
  const words = (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const candidates: { instance: StoredInstance; view: AlertView }[] = [];
  for (const instance of sources.instances()) {
    if (!states.includes(instance.state) || (query.ruleId && !query.ruleId.includes(instance.ruleId))) continue;
    const scope = sources.parse(instance.scope);
    if (!sources.visible(scope) || (within !== null && !sources.contains(within, scope))) continue;
    if (query.acknowledged !== undefined && (instance.acknowledgedAt !== null) !== query.acknowledged) continue;
    const view = sources.view(instance);
    if (query.silenced !== undefined && (view.silence !== null) !== query.silenced) continue;
    if (query.inhibited !== undefined && (view.inhibitedBy !== null) !== query.inhibited) continue;
    if (words.length > 0 && !matchesText(view, words)) continue;
    candidates.push({ instance, view });
  }
  const bySeverity = Object.fromEntries(ALERT_SEVERITIES.map((severity) => [severity, 0])) as Record<AlertSeverity, number>;
  for (const { instance } of candidates) bySeverity[instance.severity]++;

  const groupOf = (item: { instance: StoredInstance; view: AlertView }): { key: string; name: Bilingual } => {
    if (query.groupBy === 'rule') return { key: item.instance.ruleId, name: item.view.ruleName };
    const centerId = sources.centerOf(sources.parse(item.instance.scope));
    if (centerId === null) return { key: `~${item.instance.scope}`, name: { 'zh-CN': item.view.scopeName ?? '全网', en: item.view.scopeNameEn ?? item.view.scopeName ?? 'Whole network' } };
    const name = sources.centerName(centerId) ?? centerId;
    return { key: `${name}\u0000${centerId}`, name: { 'zh-CN': name, en: sources.centerNameEn?.(centerId) ?? name } };
  };
  const rows = candidates
    .filter(({ instance }) => !query.severity || query.severity.includes(instance.severity))
    .map((item) => {
      const group = query.groupBy ? groupOf(item) : { key: '', name: { 'zh-CN': '', en: '' } };
      const key: SortKey = [group.key, SEVERITY_RANK[item.instance.severity], item.instance.acknowledgedAt === null ? 0 : 1, item.instance.firingSince ?? item.instance.stateSince, item.instance.fingerprint];
      return { ...item, group, key };
    })
    .sort((a, b) => compareKeys(a.key, b.key));

  const groups = new Map<string, { key: string; name: Bilingual; total: number }>();
  if (query.groupBy) {
    for (const row of rows) {
      const group = groups.get(row.group.key) ?? { ...row.group, total: 0 };
      group.total++;
      groups.set(row.group.key, group);
    }
  }
  const start = cursor === null ? 0 : rows.findIndex((row) => compareKeys(row.key, cursor) > 0);
  const page = start < 0 ? [] : rows.slice(start, start + query.limit);
  const more = start >= 0 && start + query.limit < rows.length;
  return {
    alerts: page.map((row) => row.view),
    total: rows.length,
    nextCursor: more ? encodeCursor(page.at(-1)!.key) : null,
    bySeverity,
    groups: query.groupBy ? [...groups.values()] : null,
    groupKeys: query.groupBy ? page.map((row) => row.group.key) : null,
    asOf,
  };
}
