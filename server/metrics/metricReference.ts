import { type SQL, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { centers, complaints, engineers, partsRequests, slaClocks, surveys, tickets } from '../../db/schema';
import { OPEN_STATUSES, SURVEY_FAILURE_REASONS } from '../../shared/domain/vocabulary';
import type { MetricValues } from '../../shared/metrics/metricCatalog';
import { type MetricScope, type MetricWindow, localMidnightOf, scopeText, windowStart } from '../../shared/metrics/metricQuery';
import { toIso } from '../../shared/time/isoInstant';
import { HttpError } from '../http/httpError';
import type { OrgTree } from '../org/orgTree';

/**
 * Every catalog metric recomputed straight from the tables, one plain query per metric, reading each
 * definition in shared/metrics/metricCatalog.ts word for word. It scans raw rows on purpose: it is the
 * oracle the incremental figures are checked against and what a drill-down can be explained with,
 * never what the live dashboard reads on each tick.
 */

export interface MetricsAnswer {
  scope: string;
  window: MetricWindow;
  asOf: string;
  values: MetricValues;
}

export interface MetricsRequest {
  scope: MetricScope;
  window: MetricWindow;
  now: number;
}

const openTicket = (alias: string) => sql.raw(`${alias}.status in (${OPEN_STATUSES.map((status) => `'${status}'`).join(', ')})`);

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

export function computeMetrics(db: Db, org: OrgTree, request: MetricsRequest): MetricsAnswer {
  const { scope, window, now } = request;
  const { centerIds, engineerId } = resolveScope(db, org, scope);
  const inScope = new Set(centerIds);
  const zones = db.select({ id: centers.id, timeZone: centers.timeZone }).from(centers).all().filter((row) => inScope.has(row.id));

  // Each center's own day and window start, so every ticket is judged against its center's clock.
  const spanRows = zones.map((row) => sql`select ${row.id}, ${localMidnightOf(now, row.timeZone)}, ${windowStart(window, now, row.timeZone)}`);
  // A region with no centers yet covers no tickets: an empty span, not a syntax error.
  const span = spanRows.length > 0 ? sql.join(spanRows, sql` union all `) : sql`select null, null, null where 0`;
  const byEngineer = engineerId === null ? sql`1` : sql`t.engineer_id = ${engineerId}`;
  const prelude = sql`
    span(center_id, today_from, window_from) as (${span}),
    scoped as (select t.*, s.today_from, s.window_from from ${tickets} t join span s on s.center_id = t.center_id where ${byEngineer}),
    clocks as (
      select c.metric, c.state, c.stopped_at, t.id as ticket_id, t.window_from,
        (select th.value ->> 'at' from json_each(c.thresholds) th where th.value ->> 'percent' = 100) as breach_at,
        exists (select 1 from json_each(c.thresholds) w where w.value ->> 'percent' < 100 and w.value ->> 'at' <= ${now}) as warned
      from ${slaClocks} c join scoped t on t.id = c.ticket_id),
    -- shared/sla/slaProgress.ts isBreachedAt, read at now; ifnull because a comparison with a null stop is null, not false.
    judged as (
      select *, ifnull(breach_at is not null and (
        (state = 'active' and breach_at <= ${now}) or state = 'paused' or (state in ('stopped', 'cancelled') and breach_at < stopped_at)
      ), 0) as breached from clocks)`;

  const one = (body: SQL, extra?: SQL): number | null => db.get<{ v: number | null }>(sql`with ${prelude}${extra ? sql`, ${extra}` : sql``} ${body}`)?.v ?? null;
  const count = (body: SQL) => one(sql`select count(*) as v ${body}`) ?? 0;
  /** The share of rows meeting `condition`; avg over no rows is null, which is what an empty denominator means. */
  const share = (condition: SQL, body: SQL) => one(sql`select avg(case when ${condition} then 1.0 else 0.0 end) as v ${body}`);
  const median = (values: SQL) =>
    one(
      sql`select avg(x) as v from (select x from vals order by x limit 2 - (select count(*) from vals) % 2 offset ((select count(*) from vals) - 1) / 2)`,
      sql`vals(x) as (${values})`,
    );
  // Nearest rank: the ⌈0.9 n⌉-th smallest, ⌈9n/10⌉ written in integer arithmetic.
  const p90 = (values: SQL) => one(sql`select x as v from vals order by x limit 1 offset (select (9 * count(*) + 9) / 10 - 1 from vals)`, sql`vals(x) as (${values})`);

  const inWindow = (column: string) => sql.raw(`${column} between window_from and ${now}`);
  const resolvedInWindow = sql`from scoped t where ${inWindow('t.resolved_at')}`;
  const visitedResolved = sql`from scoped t where ${inWindow('t.resolved_at')} and t.visit_count >= 1`;
  const complaintsInScope = sql`from ${complaints} c join scoped t on t.id = c.ticket_id`;
  const openComplaints = sql`${complaintsInScope} where c.status in ('open', 'escalated')`;
  const scoredInWindow = sql`from ${surveys} s join scoped t on t.id = s.ticket_id where s.score is not null and ${inWindow('s.at')}`;
  const failedInWindow = sql`from ${surveys} s join scoped t on t.id = s.ticket_id where s.failed_reason is not null and ${inWindow('s.at')}`;
  const compliance = (metric: string) => share(sql`not breached`, sql`from judged where metric = ${metric} and state = 'stopped' and ${inWindow('stopped_at')}`);
  const sinceCreation = (column: string) => sql.raw(`select t.${column} - t.created_at from scoped t where ${column} between window_from and ${now}`);
  const failedFor = (reason: (typeof SURVEY_FAILURE_REASONS)[number]) => count(sql`${failedInWindow} and s.failed_reason = ${reason}`);

  const backlogOpen = count(sql`from scoped t where ${openTicket('t')}`);
  const engineersOnShift = count(
    sql`from ${engineers} e join span s on s.center_id = e.center_id where e.on_shift = 1 and ${engineerId === null ? sql`1` : sql`e.id = ${engineerId}`}`,
  );

  const values: MetricValues = {
    backlog_open: backlogOpen,
    created_today: count(sql.raw(`from scoped t where t.created_at between t.today_from and ${now}`)),
    resolved_today: count(sql.raw(`from scoped t where t.resolved_at between t.today_from and ${now}`)),
    backlog_age_median: median(sql`select ${now} - t.created_at from scoped t where ${openTicket('t')}`),
    backlog_age_oldest: one(sql`select max(${now} - t.created_at) as v from scoped t where ${openTicket('t')}`),
    unassigned_open: count(sql`from scoped t where ${openTicket('t')} and t.engineer_id is null`),
    waiting_parts_open: count(sql`from scoped t where t.status = 'waiting_parts'`),
    parts_wait_median: median(sql`select ${now} - p.requested_at from ${partsRequests} p join scoped t on t.id = p.ticket_id where ${openTicket('t')} and p.delivered_at is null`),

    breached_open: count(sql`from scoped t where ${openTicket('t')} and exists (select 1 from judged j where j.ticket_id = t.id and j.state in ('active', 'paused') and j.breached)`),
    at_risk_open: count(sql`from scoped t where ${openTicket('t')} and exists (select 1 from judged j where j.ticket_id = t.id and j.state = 'active' and j.warned and not j.breached)`),
    sla_compliance_first_response: compliance('first_response'),
    sla_compliance_on_site: compliance('on_site'),
    sla_compliance_resolution: compliance('resolution'),
    sla_compliance_return_visit: compliance('return_visit'),
    sla_compliance_complaint_response: compliance('complaint_response'),
    sla_compliance_complaint_resolution: compliance('complaint_resolution'),

    first_time_fix_rate: share(sql`t.visit_count = 1`, visitedResolved),
    repeat_visit_rate: share(sql`t.visit_count >= 2`, visitedResolved),
    reopen_rate: share(sql`t.reopen_count >= 1`, resolvedInWindow),
    time_to_first_response_median: median(sinceCreation('first_response_at')),
    time_to_first_response_p90: p90(sinceCreation('first_response_at')),
    time_to_on_site_median: median(sinceCreation('arrived_at')),
    time_to_on_site_p90: p90(sinceCreation('arrived_at')),
    time_to_resolution_median: median(sinceCreation('resolved_at')),
    time_to_resolution_p90: p90(sinceCreation('resolved_at')),

    complaint_rate: one(
      sql`select 100.0 * (select count(*) ${complaintsInScope} where ${inWindow('c.opened_at')}) / nullif((select count(*) from scoped t where ${inWindow('t.created_at')}), 0) as v`,
    ),
    complaints_open: count(openComplaints),
    complaints_open_level_1: count(sql`${openComplaints} and c.level = 1`),
    complaints_open_level_2: count(sql`${openComplaints} and c.level = 2`),
    complaints_open_level_3: count(sql`${openComplaints} and c.level = 3`),
    complaint_closure_median: median(sql`select c.resolved_at - c.opened_at ${complaintsInScope} where ${inWindow('c.resolved_at')}`),
    csat_mean: one(sql`select avg(s.score) as v ${scoredInWindow}`),
    csat_satisfied_rate: share(sql`s.score >= 4`, scoredInWindow),
    return_visit_rate: share(
      sql`exists (select 1 from ${surveys} s where s.ticket_id = t.id and s.score is not null and s.at >= t.resolved_at)`,
      resolvedInWindow,
    ),
    return_visits_failed: count(failedInWindow),
    return_visits_failed_refused: failedFor('refused'),
    return_visits_failed_unreachable: failedFor('unreachable'),
    return_visits_failed_no_answer: failedFor('no_answer'),
    return_visits_failed_in_progress: failedFor('in_progress'),

    engineers_on_shift: engineersOnShift,
    engineer_load: engineersOnShift === 0 ? null : backlogOpen / engineersOnShift,
  };
  return { scope: scopeText(scope), window, asOf: toIso(now), values };
}
