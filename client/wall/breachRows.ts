import type { BoardItem } from '../../shared/api/slaBoardApi';
import { rowKey } from '../sla/breachBoardRows';
import { BREACH_PERCENT, type SlaTone, slaToneOf } from '../sla/slaTone';

export interface BreachRow {
  key: string;
  item: BoardItem;
  /** Negative once past due. */
  remainingMs: number;
  tone: SlaTone;
}

/**
 * A wall section's rows at `serverNow`, in the server's order: each countdown from its clock's dueAt. A
 * paused clock does not count down, so it keeps the remaining time the server read.
 */
export function breachRows(items: readonly BoardItem[], serverNow: number): BreachRow[] {
  return items.map((item) => {
    const remainingMs = item.state === 'active' ? Date.parse(item.dueAt) - serverNow : item.remainingMs;
    const breached = item.breached || remainingMs <= 0;
    // The server gives percent to a tenth, so a week-long clock two minutes from due reads 100 %: the countdown says whether it has passed.
    const tone = breached ? 'breached' : slaToneOf(Math.min(item.percent, BREACH_PERCENT - 0.1));
    return { key: rowKey(item), item, remainingMs, tone };
  });
}
