import { z } from 'zod';
import { COMPLAINT_ORDERS } from '../../shared/complaints/complaintApi';
import { COMPLAINT_CATEGORIES, COMPLAINT_LEVEL_NAMES, COMPLAINT_SEVERITIES, COMPLAINT_SOURCES, COMPLAINT_STATUSES } from '../../shared/domain/vocabulary';
import { scopeText } from '../../shared/metrics/metricQuery';
import type { BoardScope } from '../sla/slaBoardApi';

/** Beside each status: every complaint not closed (the desk's default, as complaints_open counts), or all of them. */
export const STATUS_CHOICES = ['unresolved', ...COMPLAINT_STATUSES, 'all'] as const;
export type StatusChoice = (typeof STATUS_CHOICES)[number];

/**
 * The desk's choice as the address keeps it, so a filtered desk can be shared or reloaded: a region, a city
 * under it and a center under that (the deepest chosen is the scope), the row filters, a search and the order.
 */
export interface ComplaintFilter {
  status: StatusChoice;
  level: (typeof COMPLAINT_LEVEL_NAMES)[number] | null;
  category: (typeof COMPLAINT_CATEGORIES)[number] | null;
  severity: (typeof COMPLAINT_SEVERITIES)[number] | null;
  source: (typeof COMPLAINT_SOURCES)[number] | null;
  region: string | null;
  city: string | null;
  center: string | null;
  q: string | null;
  order: (typeof COMPLAINT_ORDERS)[number];
}

export const DEFAULT_COMPLAINT_FILTER: ComplaintFilter = {
  status: 'unresolved', level: null, category: null, severity: null, source: null, region: null, city: null, center: null, q: null, order: 'oldest',
};

const id = z.string().regex(/^[^\s:]{1,64}$/);
/** Each field on its own: a stale or mistyped one falls back to its default without losing the rest. */
const FIELDS = {
  status: z.enum(STATUS_CHOICES), level: z.enum(COMPLAINT_LEVEL_NAMES), category: z.enum(COMPLAINT_CATEGORIES),
  severity: z.enum(COMPLAINT_SEVERITIES), source: z.enum(COMPLAINT_SOURCES),
  region: id, city: id, center: id, q: z.string().trim().min(1).max(64), order: z.enum(COMPLAINT_ORDERS),
} satisfies Record<keyof ComplaintFilter, z.ZodType>;

export function complaintFilterFromQuery(query: Record<string, unknown>): ComplaintFilter {
  const filter: Record<string, unknown> = { ...DEFAULT_COMPLAINT_FILTER };
  for (const [key, schema] of Object.entries(FIELDS)) {
    const raw = Array.isArray(query[key]) ? (query[key] as unknown[])[0] : query[key];
    const parsed = (schema as z.ZodType).safeParse(raw);
    if (parsed.success) filter[key] = parsed.data;
  }
  const result = filter as unknown as ComplaintFilter;
  // The address names a path down the tree: a city only under its region.
  if (result.region === null) result.city = null;
  return result;
}

/** For the address: only what differs from the defaults. */
export function queryOfComplaintFilter(filter: ComplaintFilter): Record<string, string> {
  const query: Record<string, string> = {};
  for (const key of Object.keys(DEFAULT_COMPLAINT_FILTER) as (keyof ComplaintFilter)[]) {
    const value = filter[key];
    if (value !== null && value !== DEFAULT_COMPLAINT_FILTER[key]) query[key] = value;
  }
  return query;
}

/** The deepest scope chosen, else the desk's own. */
export function complaintFilterScope(filter: ComplaintFilter, base: BoardScope): BoardScope {
  if (filter.center !== null) return { kind: 'center', id: filter.center };
  if (filter.city !== null) return { kind: 'region', id: filter.city };
  if (filter.region !== null) return { kind: 'region', id: filter.region };
  return base;
}

/** What GET /complaints is asked, less the page size and cursor. */
export function complaintListParams(filter: ComplaintFilter, base: BoardScope): URLSearchParams {
  const params = new URLSearchParams({ scope: scopeText(complaintFilterScope(filter, base)), order: filter.order });
  if (filter.status === 'unresolved') params.set('open', 'true');
  else if (filter.status !== 'all') params.set('status', filter.status);
  for (const key of ['level', 'category', 'severity', 'source', 'q'] as const) {
    const value = filter[key];
    if (value !== null) params.set(key, value);
  }
  return params;
}
