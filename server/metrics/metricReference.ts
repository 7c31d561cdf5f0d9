import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { complaints, engineers, partsRequests, surveys } from '../../db/schema';
import { type ComplaintCategory, SURVEY_FAILURE_REASONS, openComplaintCondition } from '../../shared/domain/vocabulary';
import { COMPLAINT_RESOLVED_WITHIN_MS } from '../../shared/complaints/complaintRules';
import type { MetricValues } from '../../shared/metrics/metricCatalog';
import { type MetricWindow, scopeText } from '../../shared/metrics/metricQuery';
import { toIso } from '../../shared/time/isoInstant';
import type { OrgTree } from '../org/orgTree';
import { type MetricsRequest, scopedTickets } from './scopedTickets';
import { type TicketSet, openTicket, ticketConditions, windowConditions } from './ticketConditions';

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

export function computeMetrics(db: Db, org: OrgTree, request: MetricsRequest): MetricsAnswer {
  const { scope, window, now } = request;
  const { prelude, engineerId } = scopedTickets(db, org, request);
  const conditions = ticketConditions(now);
  const { createdInWindow } = windowConditions(now);

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
  const ticketsCounted = ({ where }: TicketSet) => count(sql`from scoped t where ${where}`);
  const ticketShare = ({ where, numerator }: TicketSet & { numerator: SQL }) => share(numerator, sql`from scoped t where ${where}`);
  const complaintsInScope = sql`from ${complaints} c join scoped t on t.id = c.ticket_id`;
  const openComplaints = sql`${complaintsInScope} where ${sql.raw(openComplaintCondition('c'))}`;
  const scoredInWindow = sql`from ${surveys} s join scoped t on t.id = s.ticket_id where s.score is not null and ${inWindow('s.at')}`;
  const failedInWindow = sql`from ${surveys} s join scoped t on t.id = s.ticket_id where s.failed_reason is not null and ${inWindow('s.at')}`;
  const compliance = (metric: string) => share(sql`not breached`, sql`from judged where metric = ${metric} and state = 'stopped' and ${inWindow('stopped_at')}`);
  const sinceCreation = (column: string) => sql.raw(`select t.${column} - t.created_at from scoped t where ${column} between window_from and ${now}`);
  /** Complaints opened in the window meeting `condition`, per 100 tickets created in the window. */
  const complaintRate = (condition: SQL) =>
    one(sql`select 100.0 * (select count(*) ${complaintsInScope} where ${inWindow('c.opened_at')} and ${condition}) / nullif((select count(*) from scoped t where ${createdInWindow}), 0) as v`);
  const ofCategory = (category: ComplaintCategory) => sql`c.category = ${category}`;
  const failedFor = (reason: (typeof SURVEY_FAILURE_REASONS)[number]) => count(sql`${failedInWindow} and s.failed_reason = ${reason}`);

  const backlogOpen = ticketsCounted(conditions.backlog_open);
  // Tickets an engineer off shift holds wait for that engineer; they do not load the team on shift.
  const shiftBacklog = count(
    sql`from scoped t where ${conditions.backlog_open.where} and (t.engineer_id is null or t.engineer_id in (select id from ${engineers} where on_shift = 1))`,
  );
  const engineersOnShift = count(
    sql`from ${engineers} e join span s on s.center_id = e.center_id where e.on_shift = 1 and ${engineerId === null ? sql`1` : sql`e.id = ${engineerId}`}`,
  );

  const values: MetricValues = {
    backlog_open: backlogOpen,
    created_today: ticketsCounted(conditions.created_today),
    resolved_today: ticketsCounted(conditions.resolved_today),
    resolved_in_window: ticketsCounted(conditions.resolved_in_window),
    backlog_age_median: median(sql`select ${now} - t.created_at from scoped t where ${openTicket}`),
    backlog_age_oldest: one(sql`select max(${now} - t.created_at) as v from scoped t where ${openTicket}`),
    unassigned_open: ticketsCounted(conditions.unassigned_open),
    waiting_parts_open: ticketsCounted(conditions.waiting_parts_open),
    parts_wait_median: median(sql`select ${now} - p.requested_at from ${partsRequests} p join scoped t on t.id = p.ticket_id where ${openTicket} and p.delivered_at is null`),

    breached_open: ticketsCounted(conditions.breached_open),
    at_risk_open: ticketsCounted(conditions.at_risk_open),
    sla_compliance_first_response: compliance('first_response'),
    sla_compliance_on_site: compliance('on_site'),
    sla_compliance_resolution: compliance('resolution'),
    sla_compliance_return_visit: compliance('return_visit'),
    sla_compliance_complaint_response: compliance('complaint_response'),
    sla_compliance_complaint_resolution: compliance('complaint_resolution'),

    first_time_fix_rate: ticketShare(conditions.first_time_fix_rate),
    repeat_visit_rate: ticketShare(conditions.repeat_visit_rate),
    reopen_rate: ticketShare(conditions.reopen_rate),
    time_to_first_response_median: median(sinceCreation('first_response_at')),
    time_to_first_response_p90: p90(sinceCreation('first_response_at')),
    time_to_on_site_median: median(sinceCreation('arrived_at')),
    time_to_on_site_p90: p90(sinceCreation('arrived_at')),
    time_to_resolution_median: median(sinceCreation('resolved_at')),
    time_to_resolution_p90: p90(sinceCreation('resolved_at')),

    complaint_rate: complaintRate(sql`1`),
    complaint_rate_attitude: complaintRate(ofCategory('attitude')),
    complaint_rate_timeliness: complaintRate(ofCategory('timeliness')),
    complaint_rate_repair_quality: complaintRate(ofCategory('repair_quality')),
    complaint_rate_parts: complaintRate(ofCategory('parts')),
    complaint_rate_price: complaintRate(ofCategory('price')),
    complaint_rate_level_1: complaintRate(sql`c.level = 1`),
    complaint_rate_level_2: complaintRate(sql`c.level = 2`),
    complaint_rate_level_3: complaintRate(sql`c.level = 3`),
    complaints_open: count(openComplaints),
    complaints_open_level_1: count(sql`${openComplaints} and c.level = 1`),
    complaints_open_level_2: count(sql`${openComplaints} and c.level = 2`),
    complaints_open_level_3: count(sql`${openComplaints} and c.level = 3`),
    complaint_resolution_median: median(sql`select c.resolved_at - c.opened_at ${complaintsInScope} where ${inWindow('c.resolved_at')}`),
    complaints_from_return_visits: count(sql`${complaintsInScope} where c.source = 'return_visit' and ${inWindow('c.opened_at')}`),
    complaint_first_response_median: median(sql`select c.first_response_at - c.opened_at ${complaintsInScope} where ${inWindow('c.first_response_at')}`),
    complaint_resolved_48h_rate: share(sql`c.resolved_at - c.opened_at <= ${COMPLAINT_RESOLVED_WITHIN_MS}`, sql`${complaintsInScope} where ${inWindow('c.resolved_at')}`),
    complaint_satisfied_rate: share(sql`c.satisfied = 1`, sql`${complaintsInScope} where ${inWindow('c.confirmed_at')}`),
    complaint_confirmation_median: median(sql`select c.closed_at - c.opened_at ${complaintsInScope} where ${inWindow('c.closed_at')}`),
    csat_mean: one(sql`select avg(s.score) as v ${scoredInWindow}`),
    csat_satisfied_rate: share(sql`s.score >= 4`, scoredInWindow),
    return_visit_rate: ticketShare(conditions.return_visit_rate),
    return_visits_failed: count(failedInWindow),
    return_visits_failed_refused: failedFor('refused'),
    return_visits_failed_unreachable: failedFor('unreachable'),
    return_visits_failed_no_answer: failedFor('no_answer'),
    return_visits_failed_in_progress: failedFor('in_progress'),

    engineers_on_shift: engineersOnShift,
    engineer_load: engineersOnShift === 0 ? null : shiftBacklog / engineersOnShift,
  };
  return { scope: scopeText(scope), window, asOf: toIso(now), values };
}
