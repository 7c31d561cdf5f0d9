import type { AlertCondition, Comparison } from './ruleSchema';

export function compare(value: number, op: Comparison, threshold: number): boolean {
  switch (op) {
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
  }
}

/**
 * The relative change in percent from `before` to `now`. From zero it is undefined (null) unless the
 * value stayed zero: a backlog going from 0 to 3 is not "up 30 %", and a rule wanting to catch it
 * should use a threshold.
 */
export function percentChange(before: number, now: number): number | null {
  if (before === 0) return now === 0 ? 0 : null;
  return ((now - before) / Math.abs(before)) * 100;
}

/** What the condition makes of a figure and, for a change, the figure `overMs` earlier; null when it cannot say. */
export function conditionHolds(condition: AlertCondition, value: number | null, earlier: number | null): boolean | null {
  if (value === null) return null;
  if (condition.kind === 'threshold') return compare(value, condition.op, condition.threshold);
  if (earlier === null) return null;
  const change = percentChange(earlier, value);
  return change === null ? null : compare(change, condition.op, condition.percent);
}
