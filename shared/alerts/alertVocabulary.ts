/** The words of alerting, shared by the schema, the engine, the API and the page. */

export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/**
 * `normal → pending → firing → recovering → resolved`; `nodata` when the metric has no value and
 * `error` when it could not be read. A resolved instance starts again at pending when its condition
 * returns.
 */
export const ALERT_STATES = ['normal', 'pending', 'firing', 'recovering', 'resolved', 'nodata', 'error'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

/** States someone should look at: they notify, escalate and show on the firing list. */
export const ACTIVE_ALERT_STATES: readonly AlertState[] = ['firing', 'recovering'];

/** What a history entry records besides a state change. */
export const ALERT_HISTORY_KINDS = ['state', 'acknowledge', 'unacknowledge', 'assign', 'escalate', 'count', 'silence', 'unsilence', 'inhibit', 'uninhibit'] as const;
export type AlertHistoryKind = (typeof ALERT_HISTORY_KINDS)[number];

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const ESCALATION_LEVELS = [1, 2, 3] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];
