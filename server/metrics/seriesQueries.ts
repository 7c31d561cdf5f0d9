import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import type { MetricScope } from '../../shared/metrics/metricQuery';
import { scopeText } from '../../shared/metrics/metricQuery';
import { BUCKET_MS, type SeriesAnswer, type SeriesBucket, type SeriesMetric, type SeriesPoint } from '../../shared/metrics/seriesQuery';
import { toIso } from '../../shared/time/isoInstant';
import { HttpError } from '../http/httpError';
import type { OrgTree } from '../org/orgTree';
import type { RollupColumn } from './rollupMarks';

const DAY_MS = 86_400_000;
const LEVELS: Partial<Record<SeriesMetric, string>> = { backlog_open: 'backlog_open', breached_open: 'breached_open', at_risk_open: 'at_risk_open' };

/** A bucket's summed rollup counters, by column. */
type BucketSums = Partial<Record<RollupColumn, number>>;

/** Which rollup counters a metric reads, how a bucket's sums become its value, and for a rate or average its n. */
function flowOf(metric: SeriesMetric): { columns: RollupColumn[]; value: (sums: BucketSums) => number | null; sample?: (sums: BucketSums) => number } {
  if (metric.startsWith('sla_compliance_')) {
    const sla = metric.slice('sla_compliance_'.length) as 'first_response' | 'on_site' | 'resolution';
    const [met, judged] = [`${sla}_met`, `${sla}_judged`] as const;
    return { columns: [met, judged], value: (sums) => (!sums[judged] ? null : (sums[met] ?? 0) / sums[judged]), sample: (sums) => sums[judged] ?? 0 };
  }
  if (metric === 'csat_mean') {
    return { columns: ['csat_scored', 'csat_score_sum'], value: (sums) => (!sums.csat_scored ? null : (sums.csat_score_sum ?? 0) / sums.csat_scored), sample: (sums) => sums.csat_scored ?? 0 };
  }
  const column = metric as 'created' | 'resolved' | 'complaints_opened';
  return { columns: [column], value: (sums) => sums[column] ?? 0 };
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
    // Column names from the fixed list of rollup counters, never from the request.
    const sums = sql.raw(flow.columns.map((column) => `sum(${column}) as ${column}`).join(', '));
    const rows = db.all<BucketSums & { bucket: number }>(sql`select bucket, ${sums} from metric_rollups where ${span} and ${byEngineer} group by bucket`);
    const found = new Map(rows.map((row) => [row.bucket, row]));
    points = starts.map((start) => {
      const bucketSums = found.get(start) ?? {};
      return { start, value: flow.value(bucketSums), ...(flow.sample ? { sample: flow.sample(bucketSums) } : {}) };
    });
  }
  if (bucket === 'day') points = points.map((point) => ({ ...point, day: toIso(point.start).slice(0, 10) }));
  return { metric, scope: scopeText(scope), bucket, from: toIso(from), to: toIso(to), points, minSample };
}
