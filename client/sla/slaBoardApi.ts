import type { OrgScopeAnswer } from '../../shared/api/orgScopeApi';
import type { BoardPage, BoardSection, ComplaintDesk } from '../../shared/api/slaBoardApi';
import type { MetricScope } from '../../shared/metrics/metricQuery';
import { scopeText } from '../../shared/metrics/metricQuery';
import type { SeriesAnswer, SeriesBucket, SeriesMetric } from '../../shared/metrics/seriesQuery';
import { apiRequest } from '../api/http';

/** The read API behind the breach board, typed as the client reads it. */

export type BoardScope = Exclude<MetricScope, { kind: 'engineer' }>;

/** One page of a breach-desk section; `filter` holds the query parameters as the address keeps them. */
export function fetchBoardPage(section: BoardSection, filter: Record<string, string>, cursor: string | null, limit: number): Promise<BoardPage> {
  const query = new URLSearchParams({ ...filter, section, limit: String(limit), ...(cursor === null ? {} : { cursor }) });
  return apiRequest(`/sla/board?${query}`);
}

export function fetchComplaintDesk(scope: BoardScope): Promise<ComplaintDesk> {
  return apiRequest(`/sla/complaints?${new URLSearchParams({ scope: scopeText(scope) })}`);
}

/** A scope's name and the regions and centers directly below it, within what the caller may see. */
export function fetchOrgScope(scope: string): Promise<OrgScopeAnswer> {
  return apiRequest(`/org/scope?${new URLSearchParams({ scope })}`);
}

export function fetchSeries(metric: SeriesMetric, scope: MetricScope, bucket: SeriesBucket, from: number, to: number): Promise<SeriesAnswer> {
  const query = new URLSearchParams({ metric, scope: scopeText(scope), bucket, from: new Date(from).toISOString(), to: new Date(to).toISOString() });
  return apiRequest(`/series?${query}`);
}
