import type { Db } from '../../db/connection';

const OPENS = new Set(['ticket.created', 'ticket.reopened']);
const CLOSES = new Set(['ticket.resolved', 'ticket.closed', 'ticket.cancelled']);

/**
 * The open backlog at each of `instants`, read back from the event log: a ticket is open from its
 * creation or a reopen until it is resolved, closed or cancelled, as the ticket fold moves its status.
 */
export function backlogAt(db: Db, instants: readonly number[]): number[] {
  const rows = db.$client
    .prepare(`select ticket_id, type, at from ticket_events where type in ('ticket.created', 'ticket.reopened', 'ticket.resolved', 'ticket.closed', 'ticket.cancelled') order by ticket_id, at, seq`)
    .raw()
    .all() as [string, string, number][];
  const changes: [at: number, delta: number][] = [];
  let ticket = '';
  let open = false;
  for (const [ticketId, type, at] of rows) {
    if (ticketId !== ticket) {
      ticket = ticketId;
      open = false;
    }
    if (OPENS.has(type) && !open) changes.push([at, +1]);
    else if (CLOSES.has(type) && open) changes.push([at, -1]);
    else continue;
    open = !open;
  }
  changes.sort((a, b) => a[0] - b[0]);
  const sorted = [...instants].sort((a, b) => a - b);
  const levels = new Map<number, number>();
  let level = 0;
  let next = 0;
  for (const instant of sorted) {
    for (; next < changes.length && changes[next]![0] <= instant; next += 1) level += changes[next]![1];
    levels.set(instant, level);
  }
  return instants.map((instant) => levels.get(instant)!);
}

/**
 * Daily means of hourly samples, oldest first, from `days` days back to `until`, and how far each
 * strays from the mean of the last seven: the figure a stationary backlog keeps within ±20 %.
 */
export function dailyBacklog(db: Db, until: number, days: number): { means: number[]; lastWeekMean: number; worstStray: number } {
  const HOUR = 3_600_000;
  const instants = Array.from({ length: days * 24 }, (_, i) => until - (days * 24 - 1 - i) * HOUR);
  const samples = backlogAt(db, instants);
  const means = Array.from({ length: days }, (_, day) => samples.slice(day * 24, day * 24 + 24).reduce((sum, n) => sum + n, 0) / 24);
  const lastWeek = means.slice(-7);
  const lastWeekMean = lastWeek.reduce((sum, n) => sum + n, 0) / lastWeek.length;
  return { means, lastWeekMean, worstStray: Math.max(...means.map((mean) => Math.abs(mean / lastWeekMean - 1))) };
}
