import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import type { MetricScope } from '../../shared/metrics/metricQuery';
import { scopeText } from '../../shared/metrics/metricQuery';
import { BUCKET_MS, type SeriesAnswer, type SeriesBucket, type SeriesMetric, type SeriesPoint } from '../../shared/metrics/seriesQuery';
import { toIso } from '../../shared/time/isoInstant';
import { HttpError } from '../http/httpError';
import type { OrgTree } from '../org/orgTree';

const DAY_MS = 86_400_000;
const LEVELS: Partial<Record<SeriesMetric, string>> = { backlog_open: 'backlog_open', breached_open: 'breached_open', at_risk_open: 'at_risk_open' };

type BucketSums = Map<string, { n: number; total: number }>;

/** Which rollup series a metric reads, how a bucket's sums become its value, and for a rate or average its n. */
function flowOf(metric: SeriesMetric): { series: string[]; value: (sums: BucketSums) => number | null; sample?: (sums: BucketSums) => number } {
  const n = (sums: BucketSums, series: string) => sums.get(series)?.n ?? 0;
  if (metric.startsWith('sla_compliance_')) {
    const sla = metric.slice('sla_compliance_'.length);
    const judged = (sums: BucketSums) => n(sums, `sla_judged:${sla}`);
    return { series: [`sla_met:${sla}`, `sla_judged:${sla}`], value: (sums) => (judged(sums) === 0 ? null : n(sums, `sla_met:${sla}`) / judged(sums)), sample: judged };
  }
  const scored = (sums: BucketSums) => n(sums, 'csat');
  if (metric === 'csat_mean') return { series: ['csat'], value: (sums) => (scored(sums) === 0 ? null : sums.get('csat')!.total / scored(sums)), sample: scored };
  return { series: [metric], value: (sums) => n(sums, metric) };
}

/** Every bucket start from the one holding `from` to the one holding `to`. */
function bucketStarts(bucket: SeriesBucket, from: number, to: number): number[] {
  const size = bucket === 'day' ? DAY_MS : BUCKET_MS[bucket];
  const starts: number[] = [];
  // Day buckets are local days stored at 00:00 UTC; a day either side covers every zone's date at the ends.
  const first = Math.floor(from / size) * size - (bucket === 'day' ? DAY_MS : 0);
  const last = Math.floor(to / size) * size + (bucket === 'day' ? DAY_MS : 0);
  for (let start = first; start <= last; start += size) starts.push(start);
  return starts;
}

export interface SeriesRequest {
  metric: SeriesMetric;
  scope: MetricScope;
  bucket: SeriesBucket;
  from: number;
  to: number;
  /** MIN_SAMPLE, passed on to the chart. */
  minSample: number;
}

/** Reads a series from the rollups in one query, whatever the scope. */
export function readSeries(db: Db, org: OrgTree, request: SeriesRequest): SeriesAnswer {
  const { metric, scope, bucket, from, to, minSample } = request;
  const centerIds = scope.kind === 'network' || scope.kind === 'engineer' ? null : org.centersIn(scope);
  if (centerIds === null && (scope.kind === 'region' || scope.kind === 'center')) throw new HttpError(404, 'not_found', `No ${scopeText(scope)}.`);
  const starts = bucketStarts(bucket, from, to);
  const inCenters = centerIds === null ? sql`1` : centerIds.length === 0 ? sql`0` : sql`center_id in ${centerIds}`;
  const span = sql`grain = ${bucket} and bucket between ${starts[0]!} and ${starts.at(-1)!} and ${inCenters}`;
  let points: SeriesPoint[];
  const level = LEVELS[metric];
  if (level !== undefined) {
    if (scope.kind === 'engineer') throw new HttpError(400, 'invalid_request', `${metric} is sampled per center, so it has no series for an engineer.`, [{ path: 'scope', message: 'must be network, region:<id> or center:<id> for a level' }]);
    const rows = db.all<{ bucket: number; v: number }>(sql`select bucket, sum(${sql.raw(level)}) as v from metric_levels where ${span} group by bucket`);
    const found = new Map(rows.map((row) => [row.bucket, row.v]));
    points = starts.map((start) => ({ start, value: found.get(start) ?? null }));
  } else {
    const flow = flowOf(metric);
    const byEngineer = scope.kind === 'engineer' ? sql`engineer_id = ${scope.id}` : sql`1`;
    const rows = db.all<{ bucket: number; series: string; n: number; total: number }>(
      sql`select bucket, series, sum(n) as n, sum(total) as total from metric_rollups where ${span} and ${byEngineer} and series in ${flow.series} group by bucket, series`,
    );
    const sums = new Map<number, Map<string, { n: number; total: number }>>();
    for (const row of rows) sums.set(row.bucket, (sums.get(row.bucket) ?? new Map()).set(row.series, { n: row.n, total: row.total }));
    points = starts.map((start) => {
      const bucketSums = sums.get(start) ?? new Map();
      return { start, value: flow.value(bucketSums), ...(flow.sample ? { sample: flow.sample(bucketSums) } : {}) };
    });
  }
  if (bucket === 'day') points = points.map((point) => ({ ...point, day: toIso(point.start).slice(0, 10) }));
  return { metric, scope: scopeText(scope), bucket, from: toIso(from), to: toIso(to), points, minSample };
}
