import { type SQL, sql } from 'drizzle-orm';
import { slaClocks } from '../../db/schema';
import { OPEN_STATUSES } from '../../shared/domain/vocabulary';
import type { ListableMetricId } from '../../shared/metrics/metricDrill';

/**
 * The one condition per ticket-made figure, on a row `t` of the `scoped` tickets (see scopedTickets.ts).
 * The figure counts the rows that meet it and the drill-down lists the same rows, so the two cannot
 * drift apart: change a definition here and both follow.
 */

/** db/schema's OPEN_TICKET qualified: scoped tickets are joined with complaints, which have a status of their own. */
export const openTicket = sql.raw(`t.status in (${OPEN_STATUSES.map((status) => `'${status}'`).join(', ')})`);

export interface TicketSet {
  /** Which scoped tickets the figure is about: those it counts, or for a share its denominator. */
  where: SQL;
  /** For a share, which of those count in its numerator; null for a count. */
  numerator: SQL | null;
}

/** Both ends inclusive; window_from is the ticket's own center's start of the window. */
export function windowConditions(now: number) {
  const inWindow = (column: string) => sql.raw(`${column} between t.window_from and ${now}`);
  return { createdInWindow: inWindow('t.created_at'), resolvedInWindow: inWindow('t.resolved_at') };
}

export function ticketConditions(now: number) {
  const { resolvedInWindow } = windowConditions(now);
  const today = (column: string) => sql.raw(`${column} between t.today_from and ${now}`);
  const visitedResolved = sql`${resolvedInWindow} and t.visit_count >= 1`;
  const running = (clock: SQL) => sql`${openTicket} and exists (select 1 from judged j where j.ticket_id = t.id and ${clock})`;
  const count = (where: SQL) => ({ where, numerator: null }) as const;
  const returnVisitDue = (clock: SQL) => sql`exists (select 1 from judged j where j.ticket_id = t.id and j.metric = 'return_visit' and j.state <> 'cancelled'
    and j.cycle = (select max(c.cycle) from ${slaClocks} c where c.ticket_id = t.id and c.metric = 'return_visit') and ${clock})`;
  return {
    backlog_open: count(openTicket),
    created_today: count(today('t.created_at')),
    resolved_today: count(today('t.resolved_at')),
    resolved_in_window: count(resolvedInWindow),
    unassigned_open: count(sql`${openTicket} and t.engineer_id is null`),
    waiting_parts_open: count(sql`t.status = 'waiting_parts'`),
    breached_open: count(running(sql`j.state in ('active', 'paused') and j.breached`)),
    at_risk_open: count(running(sql`j.state = 'active' and j.warned and not j.breached`)),

    first_time_fix_rate: { where: visitedResolved, numerator: sql`t.visit_count = 1` },
    repeat_visit_rate: { where: visitedResolved, numerator: sql`t.visit_count >= 2` },
    reopen_rate: { where: resolvedInWindow, numerator: sql`t.reopen_count >= 1` },
    // The return visit of the latest resolution: the highest return_visit cycle, unless a reopen cancelled it.
    return_visit_rate: {
      where: returnVisitDue(sql`j.due_at between t.window_from and ${now}`),
      numerator: returnVisitDue(sql`j.state = 'stopped' and j.stopped_at <= j.due_at`),
    },
  } satisfies Record<ListableMetricId, TicketSet>;
}
