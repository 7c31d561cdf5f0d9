import { z } from 'zod';
import { CENTER_ZONES, CHANNELS, CONTRACTS, CUSTOMER_TIERS, PRIORITIES, TICKET_TYPES } from '../domain/vocabulary';

/**
 * SLA policies: an ordered list in which, for each metric, the first policy that matches the ticket
 * and sets a rule for that metric wins. A policy that leaves a metric out lets later policies set it,
 * so one catch-all policy at the end can hold the complaint and return-visit rules for everyone.
 */

export const SLA_METRICS = ['first_response', 'on_site', 'resolution', 'complaint_response', 'complaint_resolution', 'complaint_escalation', 'return_visit'] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];

/**
 * Where a clock warns, in percent of its target. The first level is also where its ticket counts at risk
 * (at_risk_open): at half the target most tickets the network will meet on time had warned, so a warning
 * and "at risk" meant nothing; three quarters is where a manager still has time to act.
 */
export const DEFAULT_WARN_AT = [75, 90];
const MAX_TARGET_MINUTES = 366 * 24 * 60;

const minutes = z.number().int().positive().max(MAX_TARGET_MINUTES, `must be at most ${MAX_TARGET_MINUTES} minutes (a year)`);

/**
 * business: working time on the rule's calendar; calendar: wall-clock time, every minute counts;
 * end_of_business_day: the end of the offsetDays-th working day after the clock starts (1 = next).
 */
export const slaTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('business'), minutes }),
  z.strictObject({ kind: z.literal('calendar'), minutes }),
  z.strictObject({ kind: z.literal('end_of_business_day'), offsetDays: z.number().int().min(0).max(60) }),
]);
export type SlaTarget = z.output<typeof slaTargetSchema>;

const warnAtSchema = z
  .array(z.number().int().min(1).max(99))
  .max(5)
  .refine((levels) => levels.every((level, index) => index === 0 || level > levels[index - 1]!), {
    message: 'must list warning percentages in rising order without repeats',
  });

export const slaMetricRuleSchema = z.strictObject({
  target: slaTargetSchema,
  calendarId: z.string().trim().min(1).max(64).default('24x7'),
  /** center: the calendar's hours on the wall clock of the ticket's service center; calendar: in the calendar's own zone. */
  zone: z.enum(['center', 'calendar']).default('center'),
  warnAt: warnAtSchema.default(DEFAULT_WARN_AT),
});
export type SlaMetricRule = z.output<typeof slaMetricRuleSchema>;

function anyOf<T extends z.ZodType>(item: T) {
  return z.array(item).min(1, 'must list at least one value; leave the field out to match any').optional();
}

const refId = z.string().trim().min(1).max(64);

/** Every listed field must match; a field left out matches anything. */
export const slaMatchSchema = z.strictObject({
  priorities: anyOf(z.enum(PRIORITIES)),
  tiers: anyOf(z.enum(CUSTOMER_TIERS)),
  contracts: anyOf(z.enum(CONTRACTS)),
  ticketTypes: anyOf(z.enum(TICKET_TYPES)),
  /** A region matches every center below it, however deep. */
  regionIds: anyOf(refId),
  centerIds: anyOf(refId),
  zones: anyOf(z.enum(CENTER_ZONES)),
  channels: anyOf(z.enum(CHANNELS)),
});
export type SlaMatch = z.output<typeof slaMatchSchema>;

export const slaPolicySchema = z.strictObject({
  id: refId,
  name: z.string().trim().min(1).max(200),
  /** The name on English pages; without it every page shows name. */
  nameEn: z.string().trim().min(1).max(200).optional(),
  match: slaMatchSchema.default({}),
  metrics: z.partialRecord(z.enum(SLA_METRICS), slaMetricRuleSchema),
  /** Resolution always pauses while waiting for the customer; this adds waiting for spare parts. */
  pauseOnWaitingParts: z.boolean().default(false),
});
export type SlaPolicy = z.output<typeof slaPolicySchema>;
export type SlaPolicyInput = z.input<typeof slaPolicySchema>;

export const slaPolicySetSchema = z
  .array(slaPolicySchema)
  .min(1, 'must hold at least one policy')
  .max(500)
  .superRefine((policies, ctx) => {
    const seen = new Map<string, number>();
    policies.forEach((policy, index) => {
      const earlier = seen.get(policy.id);
      if (earlier !== undefined) ctx.addIssue({ code: 'custom', message: `policy id '${policy.id}' is used twice (also [${earlier}])`, path: [index, 'id'] });
      else seen.set(policy.id, index);
    });
  });

/** What a policy is matched against: the ticket as folded now, with its customer and center. */
export interface SlaTicketContext {
  priority: (typeof PRIORITIES)[number];
  tier: (typeof CUSTOMER_TIERS)[number];
  contract: (typeof CONTRACTS)[number];
  ticketType: (typeof TICKET_TYPES)[number];
  channel: (typeof CHANNELS)[number];
  centerId: string;
  /** The center's region and every region above it. */
  regionIds: readonly string[];
  zone: (typeof CENTER_ZONES)[number];
  centerTimeZone: string;
}

/** A match field left out allows every value. Declared once: a closure made per call cost more than the match. */
function allows<T>(allowed: readonly T[] | undefined, value: T): boolean {
  return allowed === undefined || allowed.includes(value);
}

export function policyMatches(match: SlaMatch, ticket: SlaTicketContext): boolean {
  return (
    allows(match.priorities, ticket.priority) &&
    allows(match.tiers, ticket.tier) &&
    allows(match.contracts, ticket.contract) &&
    allows(match.ticketTypes, ticket.ticketType) &&
    allows(match.centerIds, ticket.centerId) &&
    allows(match.zones, ticket.zone) &&
    allows(match.channels, ticket.channel) &&
    (match.regionIds === undefined || match.regionIds.some((regionId) => ticket.regionIds.includes(regionId)))
  );
}

/**
 * Everything policyMatches reads of a context, as text: tickets alike in it are matched alike, so what
 * chooseRules gives one of them can be kept for the rest. A field policyMatches comes to read goes here too.
 */
export function matchKey(ticket: SlaTicketContext): string {
  return `${ticket.priority}|${ticket.tier}|${ticket.contract}|${ticket.ticketType}|${ticket.centerId}|${ticket.zone}|${ticket.channel}|${ticket.regionIds.join(',')}`;
}

export interface ChosenRule {
  policy: SlaPolicy;
  rule: SlaMetricRule;
}

/** For each metric, the rule that times it. */
export type ChosenRules = Partial<Record<SlaMetric, ChosenRule>>;

/** For each metric, the first matching policy that sets it; metrics no policy sets are not tracked. */
export function chooseRules(policies: readonly SlaPolicy[], ticket: SlaTicketContext): ChosenRules {
  const chosen: ChosenRules = {};
  for (const policy of policies) {
    if (!policyMatches(policy.match, ticket)) continue;
    for (const metric of SLA_METRICS) {
      const rule = policy.metrics[metric];
      if (rule && !chosen[metric]) chosen[metric] = { policy, rule };
    }
  }
  return chosen;
}
