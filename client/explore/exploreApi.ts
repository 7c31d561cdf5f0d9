import type { MetricValues } from '../../shared/metrics/metricCatalog';
import type { ListableMetricId, MetricTicketsAnswer } from '../../shared/metrics/metricDrill';
import { type MetricScope, type MetricWindow, scopeText } from '../../shared/metrics/metricQuery';
import type { Center, Engineer, Region } from '../../shared/reference/referenceSchema';
import { apiRequest } from '../api/http';

/** The read API behind the drill-down, typed as the client reads it. */

export interface MetricsAnswer {
  scope: string;
  window: MetricWindow;
  asOf: string;
  values: MetricValues;
}

export interface OrgLists {
  regions: Region[];
  centers: Center[];
  engineers: Engineer[];
}

function query(params: Record<string, string>): string {
  return new URLSearchParams(params).toString();
}

export function fetchMetrics(scope: MetricScope, window: MetricWindow): Promise<MetricsAnswer> {
  return apiRequest(`/metrics?${query({ scope: scopeText(scope), window })}`);
}

export function fetchMetricTickets(metric: ListableMetricId, scope: MetricScope, window: MetricWindow): Promise<MetricTicketsAnswer> {
  return apiRequest(`/metrics/${metric}/tickets?${query({ scope: scopeText(scope), window })}`);
}

/** A plain link: the browser downloads the CSV with the session cookie, as the server's Content-Disposition says. */
export function metricTicketsCsvHref(metric: ListableMetricId, scope: MetricScope, window: MetricWindow): string {
  return `/api/v1/metrics/${metric}/tickets?${query({ scope: scopeText(scope), window, format: 'csv' })}`;
}

/** The organisation the principal may see: the server filters each list by scope. */
export async function fetchOrg(): Promise<OrgLists> {
  const [regions, centers, engineers] = await Promise.all([
    apiRequest<{ regions: Region[] }>('/org/regions'),
    apiRequest<{ centers: Center[] }>('/org/centers'),
    apiRequest<{ engineers: Engineer[] }>('/org/engineers'),
  ]);
  return { regions: regions.regions, centers: centers.centers, engineers: engineers.engineers };
}
