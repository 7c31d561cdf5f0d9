import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { complaints, surveys } from '../../db/schema';
import type { ScorecardMetricId } from '../../shared/scorecard/scorecardCatalog';
import type { OrgTree } from '../org/orgTree';
import { type MetricsRequest, scopedTickets } from '../metrics/scopedTickets';
import { type TicketSet, ticketConditions, windowConditions } from '../metrics/ticketConditions';
import { notExcluded } from './exclusionRepository';

export interface FigureWithSample {
  value: number | null;
  n: number;
}

/**
 * One engineer's scorecard figures over a period, each as the catalog defines it (metricReference.ts
 * computes the same numbers for every metric), with the units it is over, and with the tickets excluded
 * from the engineer's scorecard left out of every figure.
 */
export function scorecardFigures(db: Db, org: OrgTree, request: MetricsRequest & { scope: { kind: 'engineer'; id: string } }): Record<ScorecardMetricId, FigureWithSample> {
  const { now } = request;
  const { prelude } = scopedTickets(db, org, { ...request, keepTicket: notExcluded });
  const conditions = ticketConditions(now);
  const { createdInWindow } = windowConditions(now);

  const pair = (body: SQL) => db.get<{ num: number | null; den: number | null }>(sql`with ${prelude} ${body}`) ?? { num: null, den: null };
  const share = ({ num, den }: { num: number | null; den: number | null }): FigureWithSample => ({ value: den ? (num ?? 0) / den : null, n: den ?? 0 });
  const tickets = (set: TicketSet) => share(pair(sql`select sum(case when ${set.numerator ?? sql`1`} then 1 else 0 end) as num, count(*) as den from scoped t where ${set.where}`));
  const compliance = (metric: string) =>
    share(pair(sql`select sum(case when breached then 0 else 1 end) as num, count(*) as den from judged where metric = ${metric} and state = 'stopped' and stopped_at between window_from and ${now}`));
  const resolved = pair(sql`select count(*) as num, count(*) as den from scoped t where ${conditions.resolved_in_window.where}`);
  const complaintsPer100 = pair(sql`select (select count(*) from ${complaints} c join scoped t on t.id = c.ticket_id where c.opened_at between t.window_from and ${now}) as num,
    (select count(*) from scoped t where ${createdInWindow}) as den`);
  const scores = pair(sql`select sum(s.score) as num, count(*) as den from ${surveys} s join scoped t on t.id = s.ticket_id where s.score is not null and s.at between t.window_from and ${now}`);

  return {
    resolved_in_window: { value: resolved.num ?? 0, n: resolved.num ?? 0 },
    sla_compliance_on_site: compliance('on_site'),
    sla_compliance_resolution: compliance('resolution'),
    return_visit_rate: tickets(conditions.return_visit_rate),
    first_time_fix_rate: tickets(conditions.first_time_fix_rate),
    repeat_visit_rate: tickets(conditions.repeat_visit_rate),
    complaint_rate: { value: complaintsPer100.den ? (100 * (complaintsPer100.num ?? 0)) / complaintsPer100.den : null, n: complaintsPer100.den ?? 0 },
    csat_mean: share(scores),
  };
}
