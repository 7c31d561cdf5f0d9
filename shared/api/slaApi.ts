import { z } from 'zod';
import { PRIORITIES, TICKET_STATUSES } from '../domain/vocabulary';
import type { SlaState } from '../sla/slaClock';
import type { SlaMetric } from '../sla/slaPolicy';

/** The SLA read API: clocks on a ticket and the board of clocks about to breach. */

export interface SlaClockView {
  metric: SlaMetric;
  cycle: number;
  subjectId: string | null;
  state: SlaState;
  breached: boolean;
  startedAt: string;
  stoppedAt: string | null;
  dueAt: string;
  originalDueAt: string;
  remainingMs: number;
  elapsedBusinessMs: number;
  elapsedCalendarMs: number;
  percent: number;
  warningsPassed: number[];
  /** The policy's first warning level, in percent: from there the ticket counts at risk. Null when it sets none. */
  atRiskFrom: number | null;
  policy: string;
  policyVersion: number;
  calendar: string;
  timeZone: string;
}

export interface AtRiskItem extends SlaClockView {
  ticketId: string;
  centerId: string;
  /** For screens that may not read the organisation lists (wall displays); the id if the center is unnamed. */
  centerName: string;
  /** The center's English name, where the organisation gave one. */
  centerNameEn?: string;
  engineerId: string | null;
  customerId: string;
  priority: (typeof PRIORITIES)[number];
  status: (typeof TICKET_STATUSES)[number];
}

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const MAX_WITHIN_MS = 30 * UNIT_MS.d;

/** A span such as 90m, 2h or 1d. */
export const spanSchema = z
  .string()
  .regex(/^\d{1,6}[mhd]$/, 'must be a whole number of minutes, hours or days, such as 90m, 2h or 1d')
  .transform((text) => Number(text.slice(0, -1)) * UNIT_MS[text.slice(-1) as keyof typeof UNIT_MS])
  .refine((ms) => ms <= MAX_WITHIN_MS, 'must be at most 30 days');

/** network, region:<id> (with every center below it) or center:<id>. */
export const scopeParamSchema = z
  .string()
  .regex(/^(network|(region|center):[^\s:]{1,64})$/, 'must be network, region:<id> or center:<id>')
  .transform((text) => {
    const [kind, id] = text.split(':') as ['network' | 'region' | 'center', string | undefined];
    return kind === 'network' ? ({ kind } as const) : ({ kind, id: id! } as const);
  });
export type ScopeParam = z.output<typeof scopeParamSchema>;

export const atRiskQuerySchema = z.strictObject({
  scope: scopeParamSchema.prefault('network'),
  within: spanSchema.prefault('2h'),
  /** Running clocks already past due are the breach board's; include them here only when asked. */
  breached: z.enum(['include', 'exclude']).default('exclude'),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type AtRiskQuery = z.output<typeof atRiskQuerySchema>;
