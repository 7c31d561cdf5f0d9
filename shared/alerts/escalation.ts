import type { EscalationStep } from './ruleSchema';

/**
 * The ladder level an alert has reached: the highest step whose delay has passed since it began to
 * fire. An acknowledged alert climbs no further; 0 while it is not firing.
 */
export function escalationLevelAt(ladder: readonly EscalationStep[], firingSince: number | null, acknowledged: boolean, current: number, now: number): number {
  if (firingSince === null) return 0;
  if (acknowledged) return current;
  const reached = ladder.filter((step) => now - firingSince >= step.afterMs).reduce((level, step) => Math.max(level, step.level), 0);
  return Math.max(current, reached);
}
