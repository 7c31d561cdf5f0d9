import type { AtRiskItem } from '../../shared/api/slaApi';
import { type SlaTone, slaToneOf } from '../sla/slaTone';

export interface BreachRow {
  key: string;
  item: AtRiskItem;
  /** Negative once past due. */
  remainingMs: number;
  tone: SlaTone;
}

/** As many rows as read from across a room on a 16:9 screen. */
export const MAX_BREACH_ROWS = 10;

/**
 * The wall's breach list at `serverNow`: each countdown from its clock's dueAt, most overdue first, then
 * soonest due. A paused clock does not count down, so it keeps the remaining time the server read.
 */
export function breachRows(items: readonly AtRiskItem[], serverNow: number): BreachRow[] {
  return items
    .map((item) => {
      const remainingMs = item.state === 'active' ? Date.parse(item.dueAt) - serverNow : item.remainingMs;
      return { key: `${item.ticketId}|${item.metric}|${item.cycle}|${item.subjectId ?? ''}`, item, remainingMs, tone: slaToneOf(item.percent, item.breached || remainingMs <= 0) };
    })
    .sort((a, b) => a.remainingMs - b.remainingMs);
}
