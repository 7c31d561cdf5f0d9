import { z } from 'zod';
import { isoInstant } from '../time/isoInstant';
import { metricScopeSchema } from './metricQuery';

/** Time series for charts, read from the minute/hour/day rollups, never from raw tickets. */

export const SERIES_BUCKETS = ['minute', 'hour', 'day'] as const;
export type SeriesBucket = (typeof SERIES_BUCKETS)[number];

/**
 * What a series can plot. Flows are counted in the bucket their instant falls in; compliance is
 * met ÷ (met + breached) of the clocks that stopped in the bucket; csat_mean averages the scores given
 * in it; the backlog-like levels are sampled each minute and a bucket shows its last sample.
 */
export const SERIES_METRICS = [
  'created',
  'resolved',
  'complaints_opened',
  'csat_mean',
  'sla_compliance_first_response',
  'sla_compliance_on_site',
  'sla_compliance_resolution',
  'backlog_open',
  'breached_open',
  'at_risk_open',
] as const;
export type SeriesMetric = (typeof SERIES_METRICS)[number];

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export const BUCKET_MS: Record<Exclude<SeriesBucket, 'day'>, number> = { minute: MINUTE_MS, hour: HOUR_MS };

/** The longest span one request may cover per bucket size, so an answer stays a chart and not a dump. */
export const SERIES_MAX_SPAN_MS: Record<SeriesBucket, number> = { minute: 2 * DAY_MS, hour: 92 * DAY_MS, day: 400 * DAY_MS };

/** How long each rollup is kept; a series asking earlier gets empty buckets. */
export const SERIES_RETENTION_MS: Record<SeriesBucket, number> = { minute: 2 * DAY_MS, hour: 92 * DAY_MS, day: 800 * DAY_MS };

const DEFAULT_SPAN_MS: Record<SeriesBucket, number> = { minute: HOUR_MS, hour: DAY_MS, day: 30 * DAY_MS };

export const seriesQuerySchema = z
  .strictObject({
    metric: z.enum(SERIES_METRICS),
    scope: metricScopeSchema.prefault('network'),
    bucket: z.enum(SERIES_BUCKETS).default('hour'),
    from: isoInstant.optional(),
    to: isoInstant.optional(),
  })
  .superRefine((query, ctx) => {
    if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'must not be after to' });
    }
    if (query.from !== undefined && query.to !== undefined && query.to - query.from > SERIES_MAX_SPAN_MS[query.bucket]) {
      ctx.addIssue({ code: 'custom', path: ['from'], message: `spans more than ${SERIES_MAX_SPAN_MS[query.bucket] / DAY_MS} days, the most ${query.bucket} buckets cover` });
    }
  });
export type SeriesQuery = z.output<typeof seriesQuerySchema>;

/** The span a query covers once its defaults are filled in from now. */
export function seriesSpan(query: SeriesQuery, now: number): { from: number; to: number } {
  const to = query.to ?? now;
  return { from: query.from ?? to - DEFAULT_SPAN_MS[query.bucket], to };
}

export interface SeriesPoint {
  /** Start of the bucket, epoch ms. Day buckets are local days of each center; their start is that date at 00:00 UTC. */
  start: number;
  /** Present on day buckets: the local date the bucket counts. */
  day?: string;
  /** Null where the bucket has nothing to measure, such as compliance with no clock stopped in it. */
  value: number | null;
  /** A rate's or average's n: the clocks judged or scores given in the bucket. Counts and levels have none. */
  sample?: number;
}

export interface SeriesAnswer {
  metric: SeriesMetric;
  scope: string;
  bucket: SeriesBucket;
  from: string;
  to: string;
  /** Every bucket from `from` to `to`, oldest first, empty ones included. */
  points: SeriesPoint[];
  /** The server's minimum sample (MIN_SAMPLE): a point whose `sample` is below it is shown with its n, not judged. */
  minSample: number;
}
