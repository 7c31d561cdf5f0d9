import type { BoardItem } from '../../shared/api/slaBoardApi';
import { rowKey } from '../sla/breachBoardRows';
import { type SlaTone, slaToneOf } from '../sla/slaTone';

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
    return { key: rowKey(item), item, remainingMs, tone: slaToneOf(item.percent, item.breached || remainingMs <= 0, item.atRiskFrom) };
  });
}
