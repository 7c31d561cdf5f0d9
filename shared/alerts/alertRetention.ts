/**
 * How long alerting keeps what nobody needs for running: the history of alerts that are no longer
 * open, and the webhook delivery log. A wall server runs for weeks; without a limit both grow forever.
 */
export interface AlertRetention {
  historyDays: number;
  deliveryLogDays: number;
}

export const DEFAULT_ALERT_RETENTION: AlertRetention = { historyDays: 90, deliveryLogDays: 30 };

/** Ten years: longer is a typo, not a policy. */
export const MAX_RETENTION_DAYS = 3650;
