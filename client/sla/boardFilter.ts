import { z } from 'zod';
import { BOARD_ORDERS, BOARD_SECTIONS, type BoardOrder, type BoardSection } from '../../shared/api/slaBoardApi';
import { CUSTOMER_TIERS, type CustomerTier, PRIORITIES, type Priority } from '../../shared/domain/vocabulary';
import { scopeText } from '../../shared/metrics/metricQuery';
import { SLA_METRICS, type SlaMetric } from '../../shared/sla/slaPolicy';
import type { BoardScope } from './slaBoardApi';

/** How far ahead "coming due" looks. */
export const BOARD_HORIZONS = ['1h', '2h', '4h', '8h', '24h'] as const;
export type BoardHorizon = (typeof BOARD_HORIZONS)[number];

/**
 * The breach desk's choice, as the address keeps it so a filtered board can be shared: a region, a city
 * under it and a center under that (the deepest chosen is the scope), the row filters, the order, the
 * look-ahead and the open tab.
 */
export interface BoardFilter {
  region: string | null;
  city: string | null;
  center: string | null;
  priority: Priority | null;
  tier: CustomerTier | null;
  metric: SlaMetric | null;
  breachedOnly: boolean;
  order: BoardOrder;
  within: BoardHorizon;
  tab: BoardSection;
}

export const DEFAULT_FILTER: BoardFilter = {
  region: null, city: null, center: null, priority: null, tier: null, metric: null, breachedOnly: false, order: 'time', within: '4h', tab: 'due',
};

const id = z.string().regex(/^[^\s:]{1,64}$/);
/** Each field on its own: a stale or mistyped one falls back to its default without losing the rest. */
const FIELDS = {
  region: id, city: id, center: id,
  priority: z.enum(PRIORITIES), tier: z.enum(CUSTOMER_TIERS), metric: z.enum(SLA_METRICS),
  breachedOnly: z.literal('1').transform(() => true), order: z.enum(BOARD_ORDERS), within: z.enum(BOARD_HORIZONS), tab: z.enum(BOARD_SECTIONS),
} satisfies Record<keyof BoardFilter, z.ZodType>;

export function filterFromQuery(query: Record<string, unknown>): BoardFilter {
  const filter: Record<string, unknown> = { ...DEFAULT_FILTER };
  for (const [key, schema] of Object.entries(FIELDS)) {
    const parsed = (schema as z.ZodType).safeParse(query[key]);
    if (parsed.success) filter[key] = parsed.data;
  }
  const result = filter as unknown as BoardFilter;
  // A city only under a region, a center only under one of them: the address names a path down the tree.
  if (result.region === null) result.city = null;
  return result;
}

/** The address query: only what differs from the defaults. */
export function queryOfFilter(filter: BoardFilter): Record<string, string> {
  const query: Record<string, string> = {};
  for (const key of Object.keys(DEFAULT_FILTER) as (keyof BoardFilter)[]) {
    const value = filter[key];
    if (value === DEFAULT_FILTER[key] || value === null) continue;
    query[key] = value === true ? '1' : String(value);
  }
  return query;
}

/** The deepest scope chosen, else the board's own. */
export function filterScope(filter: BoardFilter, base: BoardScope): BoardScope {
  if (filter.center !== null) return { kind: 'center', id: filter.center };
  if (filter.city !== null) return { kind: 'region', id: filter.city };
  if (filter.region !== null) return { kind: 'region', id: filter.region };
  return base;
}

/** What GET /sla/board is asked, less the section, cursor and page size. */
export function boardParams(filter: BoardFilter, base: BoardScope): Record<string, string> {
  const params: Record<string, string> = { scope: scopeText(filterScope(filter, base)), within: filter.within, order: filter.order };
  if (filter.priority !== null) params.priority = filter.priority;
  if (filter.tier !== null) params.tier = filter.tier;
  if (filter.metric !== null) params.metric = filter.metric;
  if (filter.breachedOnly) params.breachedOnly = 'true';
  return params;
}
