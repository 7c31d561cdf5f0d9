import { type SQL, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { centers, engineers, slaClocks, tickets } from '../../db/schema';
import type { MetricScope, MetricWindow } from '../../shared/metrics/metricQuery';
import { localMidnightOf, windowStart } from '../../shared/metrics/metricQuery';
import { HttpError } from '../http/httpError';
import type { OrgTree } from '../org/orgTree';

export interface MetricsRequest {
  scope: MetricScope;
  window: MetricWindow;
  now: number;
  /** A period other than the catalog's windows, such as a scorecard's calendar week: where it starts in a center's zone. */
  windowFrom?: (timeZone: string) => number;
  /** A condition on a ticket `t` that leaves it out of every figure, such as a scorecard exclusion. */
  keepTicket?: SQL;
  /** Of the scope's centers, only these: those known to hold every ticket `keepTicket` keeps, so a narrow question reads few rows. */
  onlyCenters?: readonly string[];
}

export interface ScopedTickets {
  /**
   * The common table expressions every metric query starts from (to follow `with`):
   * - span(center_id, today_from, window_from): each center in scope with its own day and window start;
   * - scoped: the tickets in scope, each with its center's today_from and window_from;
   * - clocks and judged: their SLA clocks, with the 100 % instant, whether a warning has passed, and whether breached at now.
   */
  prelude: SQL;
  /** Set for an engineer scope: its tickets are those now assigned to this engineer. */
  engineerId: string | null;
}

/** The centers whose tickets the scope covers, and for an engineer scope whose tickets within them. */
function resolveScope(db: Db, org: OrgTree, scope: MetricScope): { centerIds: string[]; engineerId: string | null } {
  const everyCenter = () => db.select({ id: centers.id }).from(centers).all().map((row) => row.id);
  if (scope.kind === 'network') return { centerIds: everyCenter(), engineerId: null };
  if (scope.kind === 'engineer') {
    const known = db.select({ id: engineers.id }).from(engineers).where(eq(engineers.id, scope.id)).get();
    if (!known) throw new HttpError(404, 'not_found', `No engineer '${scope.id}'.`);
    // A ticket can move to another center and keep its engineer, so an engineer's tickets may sit in any center.
    return { centerIds: everyCenter(), engineerId: scope.id };
  }
  const centerIds = org.centersIn(scope);
  if (centerIds === null) throw new HttpError(404, 'not_found', `No ${scope.kind} '${scope.id}'.`);
  return { centerIds, engineerId: null };
}

export function scopedTickets(db: Db, org: OrgTree, request: MetricsRequest): ScopedTickets {
  const { scope, window, now } = request;
  const { centerIds, engineerId } = resolveScope(db, org, scope);
  const inScope = new Set(request.onlyCenters ? centerIds.filter((id) => request.onlyCenters!.includes(id)) : centerIds);
  const zones = db.select({ id: centers.id, timeZone: centers.timeZone }).from(centers).all().filter((row) => inScope.has(row.id));

  // Each center's own day and window start, so every ticket is judged against its center's clock.
  const windowFrom = request.windowFrom ?? ((timeZone: string) => windowStart(window, now, timeZone));
  const spanRows = zones.map((row) => sql`select ${row.id}, ${localMidnightOf(now, row.timeZone)}, ${windowFrom(row.timeZone)}`);
  // A region with no centers yet covers no tickets: an empty span, not a syntax error.
  const span = spanRows.length > 0 ? sql.join(spanRows, sql` union all `) : sql`select null, null, null where 0`;
  const byEngineer = engineerId === null ? sql`1` : sql`t.engineer_id = ${engineerId}`;
  const prelude = sql`
    span(center_id, today_from, window_from) as (${span}),
    scoped as (select t.*, s.today_from, s.window_from from ${tickets} t join span s on s.center_id = t.center_id where ${byEngineer} and ${request.keepTicket ?? sql`1`}),
    clocks as (
      select c.metric, c.cycle, c.state, c.stopped_at, c.due_at, t.id as ticket_id, t.window_from,
        (select th.value ->> 'at' from json_each(c.thresholds) th where th.value ->> 'percent' = 100) as breach_at,
        exists (select 1 from json_each(c.thresholds) w where w.value ->> 'percent' < 100 and w.value ->> 'at' <= ${now}) as warned
      from ${slaClocks} c join scoped t on t.id = c.ticket_id),
    -- shared/sla/slaProgress.ts isBreachedAt, read at now; ifnull because a comparison with a null stop is null, not false.
    judged as (
      select *, ifnull(breach_at is not null and (
        (state = 'active' and breach_at <= ${now}) or state = 'paused' or (state in ('stopped', 'cancelled') and breach_at < stopped_at)
      ), 0) as breached from clocks)`;
  return { prelude, engineerId };
}
