import { z } from 'zod';
import type { Bilingual } from '../metrics/metricCatalog';
import { metricScopeSchema } from '../metrics/metricQuery';
import { ALERT_SEVERITIES, ALERT_STATES, type AlertSeverity, type AlertState } from './alertVocabulary';
import { type AlertRuleDefinition, silenceMatcherSchema } from './ruleSchema';
import type { SlaAlertPolicy } from './slaAlertPolicy';

/** What the REST API and the socket say about alerts; instants are ISO 8601 UTC strings. */

export interface AlertView {
  fingerprint: string;
  ruleId: string;
  ruleName: Bilingual;
  scope: string;
  /** What the organisation calls the scope; null for the network. */
  scopeName: string | null;
  /** The scope's English name, where the organisation gave one. */
  scopeNameEn?: string;
  labels: Record<string, string>;
  severity: AlertSeverity;
  state: AlertState;
  value: number | null;
  /** SLA breach groups: the clocks breached and still open in the group now. */
  count: number;
  /** A region's SLA breach group: its centers by name with their clocks, most first; null for any other alert. */
  breachCenters?: { scope: string; scopeName: string; scopeNameEn?: string; count: number }[] | null;
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
  /** The firing alert whose rule inhibits this one: listed, but it notifies no one. */
  inhibitedBy: { fingerprint: string; ruleName: Bilingual; scopeName: string | null; scopeNameEn?: string } | null;
}

/** One page of the list, with the true total of what the filters match. */
export interface AlertListPage {
  alerts: AlertView[];
  total: number;
  /** Pass as ?cursor= for the next page; null on the last. */
  nextCursor: string | null;
  /** The matches by severity, with every filter but severity applied: what each severity choice would show. */
  bySeverity: Record<AlertSeverity, number>;
  /** With ?groupBy=: every group of the matches in list order, with its name and total. */
  groups: { key: string; name: Bilingual; total: number }[] | null;
  /** With ?groupBy=: the group of each alert of the page, in the same order. */
  groupKeys: string[] | null;
  asOf: string;
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

export const SILENCE_STATUSES = ['active', 'pending', 'expired'] as const;
export type SilenceStatus = (typeof SILENCE_STATUSES)[number];

export interface SilenceView {
  id: string;
  matchers: { name: string; op: '=' | '!='; value: string }[];
  /** The scope its `scope =` matcher names, by name; null for a silence not limited to one. */
  scopeName: string | null;
  /** Only where the organisation gave that scope an English name. */
  scopeNameEn?: string;
  startsAt: string;
  endsAt: string;
  createdBy: string;
  createdAt: string;
  comment: string;
  active: boolean;
  status: SilenceStatus;
  /** The open alerts it mutes now (or would, once it starts), the first 20 of them, with the true total. */
  mutes: { total: number; alerts: Pick<AlertView, 'fingerprint' | 'severity' | 'summary' | 'scopeName' | 'scopeNameEn' | 'state'>[] };
}

export interface SilenceListPage {
  silences: SilenceView[];
  total: number;
  byStatus: Record<SilenceStatus, number>;
  asOf: string;
}

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value), z.array(item).max(10)).optional();

const flag = z.enum(['true', 'false'], { message: 'must be true or false' }).transform((value) => value === 'true').optional();

export const ALERT_GROUPINGS = ['rule', 'center'] as const;
export type AlertGrouping = (typeof ALERT_GROUPINGS)[number];

/** The list's filters, all server side; every one of them can sit in the page's address. */
export const alertListQuerySchema = z.strictObject({
  state: csv(z.enum(ALERT_STATES)),
  severity: csv(z.enum(ALERT_SEVERITIES)),
  /** Alerts within this scope: a region holds its cities, centers and their engineers. */
  scope: metricScopeSchema.optional(),
  ruleId: csv(z.string().max(80)),
  acknowledged: flag,
  silenced: flag,
  inhibited: flag,
  /** Words found in the summary, the rule's name, the scope's name or a label, in either language. */
  q: z.string().trim().max(200).optional(),
  groupBy: z.enum(ALERT_GROUPINGS).optional(),
  /** Where the previous page ended, as its nextCursor said. */
  cursor: z.string().max(400).optional(),
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

export const silenceListQuerySchema = z.strictObject({
  status: csv(z.enum(SILENCE_STATUSES)),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type SilenceListQuery = z.output<typeof silenceListQuerySchema>;

/** A new end for a silence: a later instant, or more time from its current end. */
export const silenceExtendSchema = z
  .strictObject({
    endsAt: z.iso.datetime({ offset: true }).optional(),
    extendByMs: z.number().int().min(60_000).max(90 * 24 * 3_600_000).optional(),
    comment: comment.optional(),
  })
  .superRefine((body, ctx) => {
    if ((body.endsAt === undefined) === (body.extendByMs === undefined)) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'give either endsAt or extendByMs' });
  });
export type SilenceExtend = z.output<typeof silenceExtendSchema>;

const fingerprintList = z.array(z.string().regex(/^[0-9a-f]{16}$/, 'must be an alert fingerprint (16 hex digits)')).min(1, 'must name at least one alert').max(500);

/** Acknowledge many alerts with one comment. */
export const bulkAcknowledgeSchema = z.strictObject({ fingerprints: fingerprintList, comment: comment.default('') });
/** Silence many alerts, each exactly (its rule, scope, metric and severity), with one comment. */
export const bulkSilenceSchema = z.strictObject({ fingerprints: fingerprintList, durationMs: z.number().int().min(60_000).max(90 * 24 * 3_600_000), comment: comment.min(1, 'must say why') });

/** What a bulk action did to each alert it named. */
export interface BulkOutcome {
  done: string[];
  /** Alerts not acted on, with why: not found, not open, or outside the caller's scope. */
  skipped: { fingerprint: string; reason: 'not_found' | 'not_open' | 'out_of_scope' }[];
}

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
  /** null for the network, which each screen names in its own language. */
  scopeName: string | null;
  /** Only where the organisation gave that scope an English name. */
  scopeNameEn?: string;
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

export interface SlaAlertPolicyView {
  policy: SlaAlertPolicy;
  updatedBy: string | null;
  updatedAt: string | null;
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
