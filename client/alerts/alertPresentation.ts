import type { AlertView } from '../../shared/alerts/alertApi';
import type { AlertSeverity, AlertState } from '../../shared/alerts/alertVocabulary';

/** How alerts are sorted and split on the page; pure, so the order is tested without a browser. */

const SEVERITY_RANK: Record<AlertSeverity, number> = { critical: 0, warning: 1, info: 2 };

/** Firing-like states go on the firing list: they notify, or need a look (no data, an error). */
const FIRING_LIST: readonly AlertState[] = ['firing', 'recovering', 'nodata', 'error'];

export function isOnFiringList(alert: AlertView): boolean {
  return FIRING_LIST.includes(alert.state);
}

/** Most severe first; among equals, unacknowledged first, then the oldest. */
export function alertOrder(a: AlertView, b: AlertView): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    Number(a.acknowledgement !== null) - Number(b.acknowledgement !== null) ||
    Date.parse(a.firingSince ?? a.stateSince) - Date.parse(b.firingSince ?? b.stateSince)
  );
}

export function splitAlerts(alerts: Iterable<AlertView>): { firing: AlertView[]; pending: AlertView[] } {
  const all = [...alerts].sort(alertOrder);
  return { firing: all.filter(isOnFiringList), pending: all.filter((alert) => alert.state === 'pending') };
}

/** An alert that resolved or went back to normal leaves the open lists. */
export function isOpenAlert(alert: AlertView): boolean {
  return alert.state !== 'resolved' && alert.state !== 'normal';
}

/** The instant an alert's age counts from: when it began to fire, else when it entered its state. */
export function ageFrom(alert: AlertView): number {
  return Date.parse(alert.firingSince ?? alert.stateSince);
}
