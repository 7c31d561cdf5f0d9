import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { ALERT_SIGNAL_IDS, type AlertSignalId, type AlertSignalValues } from '../../shared/alerts/alertSignals';
import { openComplaintCondition } from '../../shared/domain/vocabulary';
import type { MetricScope } from '../../shared/metrics/metricQuery';
import type { OrgTree } from '../org/orgTree';

const HOUR = 3_600_000;

/** Rows counted per center and engineer (engineer '' when none), so any scope is a sum over them. */
interface SignalRow {
  centerId: string;
  engineerId: string;
  n: number;
}

function signalQueries(now: number): Record<AlertSignalId, SQL> {
  const complaintsOf = sql`from complaints c join tickets t on t.id = c.ticket_id`;
  // Open as complaints_open counts it: a resolved complaint stays open until the customer confirms.
  const openComplaints = sql`${complaintsOf} where ${sql.raw(openComplaintCondition('c'))}`;
  const unresolvedComplaints = sql`${complaintsOf} where c.status in ('open', 'escalated')`;
  const byDesk = sql`group by t.center_id, coalesce(t.engineer_id, '')`;
  const desk = sql`select t.center_id as centerId, coalesce(t.engineer_id, '') as engineerId`;
  return {
    vip_complaints_open: sql`${desk}, count(*) as n ${openComplaints} and exists (select 1 from customers k where k.id = c.customer_id and k.tier = 'vip') ${byDesk}`,
    complaints_open_over_2d: sql`${desk}, count(*) as n ${unresolvedComplaints} and c.opened_at < ${now - 48 * HOUR} ${byDesk}`,
    // Named, so that a change to the running-clock indexes (server/sla/runningClocks.ts) fails here rather than scanning.
    return_visits_overdue: sql`${desk}, count(*) as n from sla_clocks k indexed by sla_clocks_followup_due_idx join tickets t on t.id = k.ticket_id
      where k.metric = 'return_visit' and k.state in ('active', 'paused') and k.due_at <= ${now} ${byDesk}`,
    waiting_parts_over_3d: sql`${desk}, count(*) as n from tickets t where t.status = 'waiting_parts' and exists (
      select 1 from parts_requests p where p.ticket_id = t.id and p.delivered_at is null and p.requested_at < ${now - 72 * HOUR}) ${byDesk}`,
  };
}

export type SignalReader = (scope: MetricScope, now: number) => AlertSignalValues;

/**
 * The alert signals of shared/alerts/alertSignals.ts. One grouped query per signal for a whole
 * evaluation instant, kept until the instant changes, so a round over every scope costs four queries.
 */
export function createSignalReader(db: Db, org: OrgTree): SignalReader {
  let cached: { now: number; rows: Record<AlertSignalId, SignalRow[]> } | null = null;

  function rowsAt(now: number) {
    if (cached?.now !== now) {
      const queries = signalQueries(now);
      const rows = Object.fromEntries(ALERT_SIGNAL_IDS.map((id) => [id, db.all<SignalRow>(queries[id])])) as Record<AlertSignalId, SignalRow[]>;
      cached = { now, rows };
    }
    return cached.rows;
  }

  function inScope(scope: MetricScope): (row: SignalRow) => boolean {
    if (scope.kind === 'network') return () => true;
    if (scope.kind === 'engineer') return (row) => row.engineerId === scope.id;
    const centers = new Set(org.centersIn(scope) ?? []);
    return (row) => centers.has(row.centerId);
  }

  return (scope, now) => {
    const rows = rowsAt(now);
    const keep = inScope(scope);
    return Object.fromEntries(ALERT_SIGNAL_IDS.map((id) => [id, rows[id].filter(keep).reduce((sum, row) => sum + row.n, 0)])) as AlertSignalValues;
  };
}
