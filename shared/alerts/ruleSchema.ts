import { z } from 'zod';
import { DEFAULT_MIN_SAMPLE } from '../metrics/sampleSize';
import { METRIC_IDS, type MetricId } from '../metrics/metricCatalog';
import { METRIC_WINDOWS, metricScopeSchema, type MetricScope } from '../metrics/metricQuery';
import { ALERT_SIGNAL_IDS, type AlertSignalId } from './alertSignals';
import { ALERT_SEVERITIES, ESCALATION_LEVELS } from './alertVocabulary';

/** A rule as it is saved and edited: what to read, where, when it counts as a problem and whom to tell. */

export type AlertMetricId = MetricId | AlertSignalId;
const ALERT_METRIC_IDS: readonly string[] = [...METRIC_IDS, ...ALERT_SIGNAL_IDS];

const MINUTE = 60_000;
/** The smallest sample a rule judges a rate on unless it says otherwise; rules saved before it existed use it too. One minimum for rules and screens, defined with the metrics. */
export { DEFAULT_MIN_SAMPLE };
const DAY = 24 * 60 * MINUTE;
const duration = (min: number, max: number, what: string) =>
  z.number({ message: `must be a number of milliseconds` }).int().min(min, `${what} must be at least ${min / 1000} s`).max(max, `${what} must be at most ${max / DAY} days`);

export const COMPARISONS = ['>', '>=', '<', '<='] as const;
export type Comparison = (typeof COMPARISONS)[number];

export const conditionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('threshold'), op: z.enum(COMPARISONS), threshold: z.number().finite() }),
  /** The relative change in percent from the value `overMs` ago to now, compared with `percent` (e.g. > 30 for "up 30 %"). */
  z.strictObject({ kind: z.literal('change'), op: z.enum(COMPARISONS), percent: z.number().finite().min(-100).max(10_000), overMs: duration(MINUTE, 7 * DAY, 'the change window') }),
]);
export type AlertCondition = z.output<typeof conditionSchema>;

/** The network, every region (top-level regions and cities alike), every center, every engineer, or a list. */
export const scopeSelectorSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('network') }),
  z.strictObject({ kind: z.literal('each'), level: z.enum(['region', 'center', 'engineer']) }),
  z.strictObject({ kind: z.literal('list'), scopes: z.array(metricScopeSchema).min(1, 'must list at least one scope').max(200) }),
]);
export type ScopeSelector = z.output<typeof scopeSelectorSchema>;

const labelName = z.string().regex(/^[a-z_][a-z0-9_]{0,39}$/, 'must be lower-case letters, digits and _, starting with a letter or _');
/** Labels the engine sets itself; a rule may not override them, or fingerprints would collide. */
/** The engine's labels, and `within`, which silences read as a place in the organisation's tree. */
export const RESERVED_LABELS = ['rule', 'scope', 'metric', 'severity', 'within'] as const;

/** Silences match on labels, exactly or by exclusion. No regular expressions: a hostile one could stall the evaluator. */
export const silenceMatcherSchema = z.strictObject({
  name: labelName,
  op: z.enum(['=', '!=']),
  value: z.string().max(200),
});
export type SilenceMatcher = z.output<typeof silenceMatcherSchema>;

/**
 * Inhibition as Alertmanager has it: while an alert of this rule fires, the open alerts its matchers
 * pick out are marked inhibited and notify no one, if they carry the same values of the `equal`
 * labels (by default the scope: a center's compliance alert mutes that center's breach groups).
 */
export const inhibitionSchema = z.strictObject({
  targets: z.array(silenceMatcherSchema).min(1, 'must pick out the alerts it mutes').max(10),
  equal: z.array(labelName).max(10).default(['scope']),
});
export type Inhibition = z.output<typeof inhibitionSchema>;

export const escalationStepSchema = z.strictObject({
  level: z.union(ESCALATION_LEVELS.map((level) => z.literal(level)) as [z.ZodLiteral<1>, z.ZodLiteral<2>, z.ZodLiteral<3>]),
  /** Minutes after firing, while unacknowledged. */
  afterMs: duration(0, 30 * DAY, 'an escalation delay'),
});
export type EscalationStep = z.output<typeof escalationStepSchema>;

const bilingualText = (max: number) =>
  z.strictObject({ 'zh-CN': z.string().trim().min(1, 'must not be empty').max(max), en: z.string().trim().min(1, 'must not be empty').max(max) });

export const alertRuleDefinitionSchema = z
  .strictObject({
    name: z.string().trim().min(1, 'must not be empty').max(120),
    metric: z.string().refine((id) => ALERT_METRIC_IDS.includes(id), 'must be a metric of the catalog or an alert signal') as z.ZodType<AlertMetricId>,
    window: z.enum(METRIC_WINDOWS).default('1h'),
    scopes: scopeSelectorSchema,
    condition: conditionSchema,
    intervalMs: duration(10_000, DAY, 'the evaluation interval'),
    forMs: duration(0, 7 * DAY, 'the pending period').default(0),
    keepFiringForMs: duration(0, 7 * DAY, 'keep-firing-for').default(0),
    /**
     * How many units (clocks judged, tickets resolved, surveys) a rate or average must be taken over
     * before the rule judges it: a rate over a tiny sample is never alerted on. Below it the figure
     * counts as missing. Counts are not samples and ignore it.
     */
    minSample: z.number({ message: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').max(100_000, 'must be at most 100000').default(DEFAULT_MIN_SAMPLE),
    /** Whether a missing figure (an empty denominator, or too small a sample) is a `nodata` alert or simply normal. */
    noData: z.enum(['nodata', 'normal']).default('normal'),
    severity: z.enum(ALERT_SEVERITIES),
    labels: z.record(z.string(), z.string().max(200)).default({}),
    summary: bilingualText(300),
    runbook: z.string().max(4000).default(''),
    escalation: z.array(escalationStepSchema).max(3).default([{ level: 1, afterMs: 0 }]),
    inhibits: z.array(inhibitionSchema).max(5).default([]),
  })
  .superRefine((rule, ctx) => {
    for (const name of Object.keys(rule.labels)) {
      const bad = labelName.safeParse(name).error?.issues[0];
      if (bad) ctx.addIssue({ code: 'custom', path: ['labels', name], message: bad.message });
    }
    for (const name of RESERVED_LABELS) {
      if (name in rule.labels) ctx.addIssue({ code: 'custom', path: ['labels', name], message: `'${name}' is set by the engine and may not be a rule label` });
    }
    rule.inhibits.forEach((inhibition, index) => {
      if (inhibition.targets.every((matcher) => matcher.op === '!=')) ctx.addIssue({ code: 'custom', path: ['inhibits', index, 'targets'], message: 'at least one matcher must be =, or it would mute almost everything' });
    });
    if (Object.keys(rule.labels).length > 20) ctx.addIssue({ code: 'custom', path: ['labels'], message: 'at most 20 labels' });
    rule.escalation.forEach((step, index) => {
      const previous = rule.escalation[index - 1];
      if (previous && (step.level <= previous.level || step.afterMs < previous.afterMs)) {
        ctx.addIssue({ code: 'custom', path: ['escalation', index], message: 'levels must rise and delays must not fall from one step to the next' });
      }
    });
  });
export type AlertRuleDefinition = z.output<typeof alertRuleDefinitionSchema>;
export type AlertRuleInput = z.input<typeof alertRuleDefinitionSchema>;

export const alertRuleChangeSchema = z.strictObject({
  definition: alertRuleDefinitionSchema,
  enabled: z.boolean().default(true),
  /** The version the editor started from; saving over a newer one is refused. */
  basedOnVersion: z.number().int().positive().optional(),
});


export type { MetricScope };
