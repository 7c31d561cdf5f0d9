import { type SQL, getTableColumns, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { centers, customers, engineers, products, tickets } from '../../db/schema';
import type { TicketListRow } from '../../shared/api/ticketQuery';
import {
  type BreakdownDimension, type BreakdownGroup, type ListableMetricId, type MetricTicketRow, type MetricTicketsAnswer,
} from '../../shared/metrics/metricDrill';
import { type MetricWindow, scopeText } from '../../shared/metrics/metricQuery';
import { toIso } from '../../shared/time/isoInstant';
import type { OrgTree } from '../org/orgTree';
import { type MetricsRequest, scopedTickets } from './scopedTickets';
import { ticketConditions, windowConditions } from './ticketConditions';

export interface BreakdownAnswer {
  scope: string;
  by: BreakdownDimension;
  window: MetricWindow;
  asOf: string;
  groups: BreakdownGroup[];
}

/** The same columns as the ticket list (server/tickets), so the CSV export serves both. */
const LIST_COLUMNS = sql.raw(
  [
    ...Object.entries(getTableColumns(tickets)).map(([key, column]) => `t.${column.name} as "${key}"`),
    'ce.region_id as "regionId"',
    'cu.tier as "tier"',
    'cu.contract as "contract"',
    'cu.name as "customerName"',
    'cu.name_en as "customerNameEn"',
    'ce.name as "centerName"',
    'ce.name_en as "centerNameEn"',
    'en.name as "engineerName"',
    'en.name_en as "engineerNameEn"',
  ].join(', '),
);

const GROUP_VALUE: Record<BreakdownDimension, string> = {
  priority: 't.priority',
  type: 't.type',
  channel: 't.channel',
  product_line: 'p.line',
  tier: 'cu.tier',
  contract: 'cu.contract',
};

/** The tickets behind a figure, newest first, read with the very condition the figure counts (ticketConditions.ts). */
export function metricTickets(db: Db, org: OrgTree, request: MetricsRequest & { metric: ListableMetricId }): MetricTicketsAnswer {
  const { metric, scope, window, now } = request;
  const { prelude } = scopedTickets(db, org, request);
  const { where, numerator } = ticketConditions(now)[metric];
  const mark = numerator === null ? sql`` : sql`, (${numerator}) as "inNumerator"`;
  const rows = db.all<TicketListRow & { inNumerator?: 0 | 1 }>(sql`with ${prelude}
    select ${LIST_COLUMNS}${mark}
    from scoped t join ${centers} ce on ce.id = t.center_id join ${customers} cu on cu.id = t.customer_id
      left join ${engineers} en on en.id = t.engineer_id
    where ${where}
    order by t.created_at desc, t.id desc`);
  const items: MetricTicketRow[] = rows.map(({ inNumerator, ...ticket }) => (numerator === null ? ticket : { ...ticket, inNumerator: inNumerator === 1 }));
  const head = { metric, scope: scopeText(scope), window, asOf: toIso(now), count: rows.length };
  return numerator === null ? { ...head, items } : { ...head, numerator: items.filter((row) => row.inNumerator).length, items };
}

/**
 * The scope's tickets grouped by one attribute, with the four counts BreakdownGroup defines, each read
 * with the condition of the figure it adds up to. A group whose four counts are all 0 is left out.
 */
export function breakdown(db: Db, org: OrgTree, request: MetricsRequest & { by: BreakdownDimension }): BreakdownAnswer {
  const { by, scope, window, now } = request;
  const { prelude } = scopedTickets(db, org, request);
  const conditions = ticketConditions(now);
  const { createdInWindow, resolvedInWindow } = windowConditions(now);
  // A condition on a null instant is null, not false: the case counts it as 0 either way.
  const tally = (condition: SQL) => sql`sum(case when ${condition} then 1 else 0 end)`;
  const groups = db.all<BreakdownGroup>(sql`with ${prelude}
    select ${sql.raw(GROUP_VALUE[by])} as value,
      ${tally(conditions.backlog_open.where)} as backlog_open,
      ${tally(createdInWindow)} as created,
      ${tally(resolvedInWindow)} as resolved,
      ${tally(conditions.breached_open.where)} as breached_open
    from scoped t join ${customers} cu on cu.id = t.customer_id left join ${products} p on p.model = t.product_model
    group by value
    having backlog_open + created + resolved + breached_open > 0
    order by value`);
  return { scope: scopeText(scope), by, window, asOf: toIso(now), groups };
}
