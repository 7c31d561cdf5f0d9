import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { complaints, surveys, tickets } from '../../db/schema';
import { SCORECARD_FIGURES, type ScorecardMetricId } from '../../shared/scorecard/scorecardCatalog';
import type { OrgTree } from '../org/orgTree';
import { scopedTickets } from '../metrics/scopedTickets';
import { type TicketSet, ticketConditions, windowConditions } from '../metrics/ticketConditions';
import { notExcluded } from './exclusionRepository';

export interface FigureWithSample {
  value: number | null;
  n: number;
}

export type ScorecardFigures = Record<ScorecardMetricId, FigureWithSample>;

type Pairs = Map<string, { num: number | null; den: number | null }>;

/**
 * The scorecard figures of a team of engineers over a period, each as the catalog defines it for the
 * engineer scope (metricReference.ts computes the same numbers for every metric), with the units it is
 * over, and with the tickets excluded from each engineer's scorecard left out of every figure. One
 * grouped query per figure for the whole team, so a team median costs no more than one engineer.
 */
export function teamScorecardFigures(db: Db, org: OrgTree, request: { engineerIds: readonly string[]; now: number; windowFrom: (timeZone: string) => number }): Map<string, ScorecardFigures> {
  const { now, engineerIds } = request;
  if (engineerIds.length === 0) return new Map();
  // The network's spans, so a ticket is read against its own center's period wherever it sits; the team and the exclusions narrow it.
  const team = sql.join(engineerIds.map((id) => sql`${id}`), sql`, `);
  const keepTicket = sql`t.engineer_id in (${team}) and ${notExcluded}`;
  // Only the centers holding the team's tickets: otherwise SQLite walks every center's tickets to find them.
  const onlyCenters = db.all<{ centerId: string }>(sql`select distinct center_id as centerId from ${tickets} where engineer_id in (${team})`).map((row) => row.centerId);
  const { prelude } = scopedTickets(db, org, { scope: { kind: 'network' }, window: '30d', now, windowFrom: request.windowFrom, keepTicket, onlyCenters });
  const conditions = ticketConditions(now);
  const { createdInWindow } = windowConditions(now);

  const grouped = (body: SQL): Pairs =>
    new Map(db.all<{ engineer: string; num: number | null; den: number | null }>(sql`with ${prelude} ${body}`).map(({ engineer, ...pair }) => [engineer, pair]));
  const ticketPairs = (set: TicketSet) =>
    grouped(sql`select t.engineer_id as engineer, sum(case when ${set.numerator ?? sql`1`} then 1 else 0 end) as num, count(*) as den from scoped t where ${set.where} group by t.engineer_id`);
  // The unary + keeps SQLite off the clocks' state index: from every stopped clock in the store it took seconds, from the team's tickets milliseconds.
  const compliance = (metric: string) =>
    grouped(sql`select t.engineer_id as engineer, sum(case when j.breached then 0 else 1 end) as num, count(*) as den from judged j join scoped t on t.id = j.ticket_id
      where +j.metric = ${metric} and +j.state = 'stopped' and j.stopped_at between j.window_from and ${now} group by t.engineer_id`);
  const complaintsOpened = grouped(sql`select t.engineer_id as engineer, count(*) as num, null as den from ${complaints} c join scoped t on t.id = c.ticket_id where c.opened_at between t.window_from and ${now} group by t.engineer_id`);
  const created = grouped(sql`select t.engineer_id as engineer, count(*) as num, count(*) as den from scoped t where ${createdInWindow} group by t.engineer_id`);

  const pairs: Record<ScorecardMetricId, Pairs> = {
    resolved_in_window: ticketPairs(conditions.resolved_in_window),
    sla_compliance_on_site: compliance('on_site'),
    sla_compliance_resolution: compliance('resolution'),
    return_visit_rate: ticketPairs(conditions.return_visit_rate),
    first_time_fix_rate: ticketPairs(conditions.first_time_fix_rate),
    repeat_visit_rate: ticketPairs(conditions.repeat_visit_rate),
    complaint_rate: new Map([...created].map(([engineer, { den }]) => [engineer, { num: complaintsOpened.get(engineer)?.num ?? 0, den }])),
    csat_mean: grouped(sql`select t.engineer_id as engineer, sum(s.score) as num, count(*) as den from ${surveys} s join scoped t on t.id = s.ticket_id
      where s.score is not null and s.at between t.window_from and ${now} group by t.engineer_id`),
  };

  return new Map(engineerIds.map((engineer) => [engineer, figuresOf(engineer, pairs)]));
}

function figuresOf(engineer: string, pairs: Record<ScorecardMetricId, Pairs>): ScorecardFigures {
  const figures = {} as ScorecardFigures;
  for (const { metric } of SCORECARD_FIGURES) {
    const { num, den } = pairs[metric].get(engineer) ?? { num: 0, den: 0 };
    const n = den ?? 0;
    if (metric === 'resolved_in_window') figures[metric] = { value: n, n };
    else if (metric === 'complaint_rate') figures[metric] = { value: n === 0 ? null : (100 * (num ?? 0)) / n, n };
    else figures[metric] = { value: n === 0 ? null : (num ?? 0) / n, n };
  }
  return figures;
}
