import { z } from 'zod';
import { businessCalendarSchema, holidaySchema } from '../calendar/calendarSchema';
import { slaPolicySetSchema } from './slaPolicy';

/** Request bodies and parameters of the SLA admin API: calendars, policy versions and recompute jobs. */

export const calendarIdSchema = businessCalendarSchema.shape.id;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A calendar PUT at `/calendars/:id`: the body may leave its id out, but may not name another calendar. */
export function calendarReplacementSchema(pathId: string) {
  return z.preprocess(
    (body) => (isPlainObject(body) && body.id === undefined ? { ...body, id: pathId } : body),
    businessCalendarSchema.superRefine((calendar, ctx) => {
      if (calendar.id !== pathId) {
        ctx.addIssue({ code: 'custom', message: `must equal the calendar id in the path ('${pathId}') or be left out`, path: ['id'] });
      }
    }),
  );
}

/** Holidays to merge into a calendar: a date already listed takes the new name. */
export const holidayAdditionsSchema = z
  .array(holidaySchema)
  .min(1, 'must list at least one holiday')
  .max(2000)
  .superRefine((holidays, ctx) => {
    const firstIndex = new Map<string, number>();
    holidays.forEach(({ date }, index) => {
      const earlier = firstIndex.get(date);
      if (earlier === undefined) firstIndex.set(date, index);
      else ctx.addIssue({ code: 'custom', message: `${date} is listed twice (also [${earlier}])`, path: [index, 'date'] });
    });
  });

export const policyPreviewSchema = z.strictObject({ policies: slaPolicySetSchema });

export const policySetChangeSchema = z.strictObject({
  policies: slaPolicySetSchema,
  note: z.string().trim().min(1).max(500).optional(),
  /** The version the editor started from; saving over a newer one is refused rather than silently lost. */
  basedOnVersion: z.number().int().positive().optional(),
});
export type PolicySetChange = z.output<typeof policySetChangeSchema>;

export const policyVersionSchema = z.coerce.number({ message: 'must be a version number' }).int().positive();

export const RECOMPUTE_SCOPES = ['open', 'all'] as const;
export type RecomputeScope = (typeof RECOMPUTE_SCOPES)[number];

export const recomputeRequestSchema = z.strictObject({ scope: z.enum(RECOMPUTE_SCOPES).default('open') });

export const jobIdSchema = z.string().trim().min(1).max(64);

export type RecomputeJobState = 'running' | 'done' | 'failed' | 'superseded';

/** A background recompute's progress, as GET /sla/jobs/:id answers it. */
export interface RecomputeJob {
  id: string;
  scope: RecomputeScope;
  /** What started it: a policy version, a calendar change, or a request. */
  reason: string;
  state: RecomputeJobState;
  /** Tickets recomputed so far. */
  done: number;
  /** Tickets in scope when the job started; tickets opened since are recomputed by ingest anyway. */
  total: number;
  changedClocks: number;
  startedAt: number;
  finishedAt: number | null;
  error?: string;
}

/** One side of a changed clock in a policy preview; null on the side where the clock does not exist. */
export interface PreviewClockSide {
  policyId: string;
  targetMs: number;
  dueAt: number;
  state: string;
  breached: boolean;
}

export interface PreviewClockChange {
  ticketId: string;
  metric: string;
  cycle: number;
  before: PreviewClockSide | null;
  after: PreviewClockSide | null;
}

/** What saving a policy set would do to the clocks of open tickets, read at `evaluatedAt`. */
export interface PolicyPreview {
  /** The version in force the preview compares against. */
  comparedWithVersion: number;
  evaluatedAt: number;
  tickets: { open: number; changed: number };
  clocks: { changed: number; policyChanged: number; targetChanged: number; dueChanged: number; added: number; removed: number };
  breaches: { becomeBreached: number; noLongerBreached: number };
  /** The first changed clocks in ticket id order. */
  sample: PreviewClockChange[];
}
