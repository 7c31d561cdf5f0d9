import { z } from 'zod';
import type { Bilingual } from '../metrics/metricCatalog';
import { metricScopeSchema } from '../metrics/metricQuery';
import { ALERT_SEVERITIES, ALERT_STATES, type AlertSeverity, type AlertState } from './alertVocabulary';
import { type AlertRuleDefinition, silenceMatcherSchema } from './ruleSchema';

/** What the REST API and the socket say about alerts; instants are ISO 8601 UTC strings. */

export interface AlertView {
  fingerprint: string;
  ruleId: string;
  ruleName: string;
  scope: string;
  labels: Record<string, string>;
  severity: AlertSeverity;
  state: AlertState;
  value: number | null;
  /** SLA groups: warnings or breaches in the group since it began to fire. */
  count: number;
  stateSince: string;
  firingSince: string | null;
  resolvedAt: string | null;
  lastEvaluatedAt: string;
  error: string | null;
  summary: Bilingual;
  runbook: string;
  acknowledgement: { by: string; at: string; comment: string } | null;
  assignee: string | null;
  escalationLevel: number;
  silence: { id: string; createdBy: string; comment: string; endsAt: string } | null;
}

export interface AlertHistoryEntry {
  at: string;
  kind: string;
  fromState: AlertState | null;
  toState: AlertState | null;
  actor: string;
  comment: string | null;
  value: number | null;
  detail: Record<string, unknown> | null;
}

export interface AlertRuleView {
  id: string;
  builtin: boolean;
  enabled: boolean;
  version: number;
  updatedBy: string;
  updatedAt: string;
  definition: AlertRuleDefinition;
}

export interface SilenceView {
  id: string;
  matchers: { name: string; op: '=' | '!='; value: string }[];
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
  active: boolean;
}

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value), z.array(item).max(10)).optional();

export const alertListQuerySchema = z.strictObject({
  state: csv(z.enum(ALERT_STATES)),
  severity: csv(z.enum(ALERT_SEVERITIES)),
  scope: metricScopeSchema.optional(),
  ruleId: z.string().max(80).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});
export type AlertListQuery = z.output<typeof alertListQuerySchema>;

export const fingerprintSchema = z.string().regex(/^[0-9a-f]{16}$/, 'must be an alert fingerprint (16 hex digits)');

const comment = z.string().trim().max(1000);

export const acknowledgeBodySchema = z.strictObject({ comment: comment.default('') });
export const assignBodySchema = z.strictObject({ assignee: z.string().trim().min(1, 'must name a person').max(80).nullable(), comment: comment.default('') });

export const silenceCreateSchema = z
  .strictObject({
    matchers: z.array(silenceMatcherSchema).min(1, 'must have at least one matcher').max(20),
    startsAt: z.iso.datetime({ offset: true }).optional(),
    endsAt: z.iso.datetime({ offset: true }).optional(),
    durationMs: z.number().int().min(60_000).max(90 * 24 * 3_600_000).optional(),
    comment: comment.min(1, 'must say why'),
  })
  .superRefine((body, ctx) => {
    if ((body.endsAt === undefined) === (body.durationMs === undefined)) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'give either endsAt or durationMs' });
    if (body.matchers.every((matcher) => matcher.op === '!=')) ctx.addIssue({ code: 'custom', path: ['matchers'], message: 'at least one matcher must be =, or the silence would cover almost everything' });
  });
export type SilenceCreate = z.output<typeof silenceCreateSchema>;

export const silenceIdSchema = z.string().regex(/^s-[0-9a-f]{16}$/, 'must be a silence id');
export const ruleIdSchema = z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, 'must be lower-case letters, digits, _, . or -');

export const targetCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  scope: metricScopeSchema.refine((scope) => scope.kind !== 'engineer', 'must be network, region:<id> or center:<id>'),
  url: z.url({ protocol: /^https?$/, message: 'must be an http or https URL' }).max(2000),
  levels: z.array(z.union([z.literal(1), z.literal(2), z.literal(3)])).min(1).max(3).default([1]),
  minSeverity: z.enum(ALERT_SEVERITIES).default('info'),
  groupWaitMs: z.number().int().min(0).max(3_600_000).default(30_000),
  groupIntervalMs: z.number().int().min(1000).max(24 * 3_600_000).default(300_000),
  repeatIntervalMs: z.number().int().min(60_000).max(7 * 24 * 3_600_000).default(4 * 3_600_000),
});
export type TargetCreate = z.output<typeof targetCreateSchema>;

export interface TargetView extends Omit<TargetCreate, 'scope'> {
  id: string;
  scope: string;
  enabled: boolean;
  createdBy: string;
  createdAt: string;
}

export interface DeliveryView {
  id: number;
  targetId: string;
  groupKey: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  alertCount: number;
}

/** One scope's life over the previewed day: the stretches it would have fired. */
export interface RulePreview {
  from: string;
  to: string;
  stepMs: number;
  /** `live`: the live metric state read at each past instant, as the reference recomputation would give it. Figures of the current state ("now" metrics, the alert signals) read today's ticket state, so they are approximate. */
  source: 'live';
  approximate: boolean;
  scopes: { scope: string; firing: { from: string; to: string | null }[]; points: number }[];
  /** Scopes of the selector beyond the ones previewed. */
  scopesLeftOut: number;
}
