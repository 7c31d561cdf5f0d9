import type { MetricId, MetricValues } from '../../shared/metrics/metricCatalog';
import type { OrgNode } from './orgIndex';
import type { SampleSizes } from './useLiveScopes';

/** One child of the scope with its figures, as the comparison chart and table show it. */
export interface ChildFigures {
  node: OrgNode;
  /** A figure missing here has not been read yet: until the feed's snapshot, a rate waits for its n. */
  values: Partial<MetricValues> | null;
  /** The n behind its rates, from the live feed; absent until its first snapshot. */
  sizes?: SampleSizes | null;
}

export type SortDirection = 'asc' | 'desc';

/** The direction a ranking on a metric starts in: the worst first, or the largest where neither side is better. */
export function worstFirst(higherIsBetter: boolean | null): SortDirection {
  return higherIsBetter === true ? 'asc' : 'desc';
}

/** Sorted on one metric; children without a figure (none yet, or none to compute) always last. */
export function sortChildren(rows: readonly ChildFigures[], metric: MetricId, direction: SortDirection): ChildFigures[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = a.values?.[metric] ?? null;
    const y = b.values?.[metric] ?? null;
    if (x === null || y === null) return x === y ? a.node.name.localeCompare(b.node.name) : x === null ? 1 : -1;
    return x === y ? a.node.name.localeCompare(b.node.name) : (x - y) * sign;
  });
}

/** The breach rate a heat cell is coloured by: breached ÷ backlog, null with no backlog. */
export function breachShare(values: Partial<MetricValues> | null): number | null {
  const backlog = values?.backlog_open ?? null;
  const breached = values?.breached_open ?? null;
  if (backlog === null || breached === null || backlog === 0) return null;
  return breached / backlog;
}
