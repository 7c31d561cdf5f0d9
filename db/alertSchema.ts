import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { AlertRuleDefinition, SilenceMatcher } from '../shared/alerts/ruleSchema';
import { ALERT_HISTORY_KINDS, ALERT_SEVERITIES, ALERT_STATES, DELIVERY_STATUSES } from '../shared/alerts/alertVocabulary';

/** Alerting: rules, one row per alert instance with its state, the history of every change, silences, notification targets and the webhook delivery log. */

export const alertRules = sqliteTable('alert_rules', {
  id: text('id').primaryKey(),
  definition: text('definition', { mode: 'json' }).$type<AlertRuleDefinition>().notNull(),
  builtin: integer('builtin', { mode: 'boolean' }).notNull().default(false),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  version: integer('version').notNull().default(1),
  updatedBy: text('updated_by').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** An alert instance: a rule (or an SLA group) × a label set, keyed by the fingerprint of both. */
export const alertInstances = sqliteTable(
  'alert_instances',
  {
    fingerprint: text('fingerprint').primaryKey(),
    ruleId: text('rule_id').notNull(),
    /** network, region:<id>, center:<id> or engineer:<id>. */
    scope: text('scope').notNull(),
    labels: text('labels', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    severity: text('severity', { enum: ALERT_SEVERITIES }).notNull(),
    state: text('state', { enum: ALERT_STATES }).notNull(),
    value: real('value'),
    /** SLA groups: how many warnings or breaches the group holds. */
    count: integer('count').notNull().default(0),
    stateSince: integer('state_since').notNull(),
    pendingSince: integer('pending_since'),
    firingSince: integer('firing_since'),
    /** The last evaluation whose condition held; keep-firing-for counts from here. */
    lastTrueAt: integer('last_true_at'),
    lastEvaluatedAt: integer('last_evaluated_at').notNull(),
    resolvedAt: integer('resolved_at'),
    error: text('error'),
    acknowledgedBy: text('acknowledged_by'),
    acknowledgedAt: integer('acknowledged_at'),
    acknowledgeComment: text('acknowledge_comment'),
    assignee: text('assignee'),
    escalationLevel: integer('escalation_level').notNull().default(0),
    escalatedAt: integer('escalated_at'),
  },
  (t) => [index('alert_instances_state_idx').on(t.state, t.stateSince), index('alert_instances_rule_idx').on(t.ruleId)],
);

export const alertHistory = sqliteTable(
  'alert_history',
  {
    id: integer('id').primaryKey(),
    fingerprint: text('fingerprint').notNull(),
    at: integer('at').notNull(),
    kind: text('kind', { enum: ALERT_HISTORY_KINDS }).notNull(),
    fromState: text('from_state', { enum: ALERT_STATES }),
    toState: text('to_state', { enum: ALERT_STATES }),
    /** A user's name, or `engine` for what the evaluator decided. */
    actor: text('actor').notNull(),
    comment: text('comment'),
    value: real('value'),
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (t) => [index('alert_history_fingerprint_idx').on(t.fingerprint, t.at)],
);

export const alertSilences = sqliteTable(
  'alert_silences',
  {
    id: text('id').primaryKey(),
    matchers: text('matchers', { mode: 'json' }).$type<SilenceMatcher[]>().notNull(),
    startsAt: integer('starts_at').notNull(),
    endsAt: integer('ends_at').notNull(),
    createdBy: text('created_by').notNull(),
    comment: text('comment').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('alert_silences_ends_idx').on(t.endsAt)],
);

/** Where notifications go: a webhook for a scope, receiving the escalation levels it lists. */
export const notificationTargets = sqliteTable('notification_targets', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  scope: text('scope').notNull(),
  url: text('url').notNull(),
  /** The HMAC-SHA256 key; shown once on creation, never listed. */
  secret: text('secret').notNull(),
  levels: text('levels', { mode: 'json' }).$type<number[]>().notNull(),
  minSeverity: text('min_severity', { enum: ALERT_SEVERITIES }).notNull().default('info'),
  groupWaitMs: integer('group_wait_ms').notNull(),
  groupIntervalMs: integer('group_interval_ms').notNull(),
  repeatIntervalMs: integer('repeat_interval_ms').notNull(),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  createdBy: text('created_by').notNull(),
  createdAt: integer('created_at').notNull(),
});

/** Per target and group: what was last sent and when, so a restart neither loses nor repeats a notification. */
export const notificationGroups = sqliteTable(
  'notification_groups',
  {
    targetId: text('target_id').notNull(),
    groupKey: text('group_key').notNull(),
    /** When the group is next due to flush; null when nothing changed since the last send. */
    flushAt: integer('flush_at'),
    lastSentAt: integer('last_sent_at'),
    /** Fingerprint:state pairs of the last send; a flush sends only when this differs or repeat-interval passed. */
    lastSentDigest: text('last_sent_digest'),
  },
  (t) => [primaryKey({ columns: [t.targetId, t.groupKey] }), index('notification_groups_flush_idx').on(t.flushAt)],
);

export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: integer('id').primaryKey(),
    targetId: text('target_id').notNull(),
    groupKey: text('group_key').notNull(),
    payload: text('payload').notNull(),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at'),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
    deliveredAt: integer('delivered_at'),
  },
  (t) => [
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('webhook_deliveries_target_idx').on(t.targetId, t.createdAt),
    // Retention walks settled deliveries by age, a status at a time.
    index('webhook_deliveries_settled_idx').on(t.status, t.createdAt),
  ],
);

/** Alerting's settings, one JSON value a key: the SLA alert policy (`sla_alert_policy`), edited by an admin. */
export const alertSettings = sqliteTable('alert_settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).$type<unknown>().notNull(),
  updatedBy: text('updated_by').notNull(),
  updatedAt: integer('updated_at').notNull(),
});
