import type { AtRiskItem } from '../../shared/api/slaApi';
import type { BusinessCalendar } from '../../shared/calendar/calendarSchema';
import { PRIORITIES } from '../../shared/domain/vocabulary';
import type { SlaMetric } from '../../shared/sla/slaPolicy';
import { type LiveClockReading, readClockAt } from './liveClock';
import { type SlaTone, TONE_RANK, slaToneOf } from './slaTone';

/** One running clock on the breach board, read at the current instant. */
export interface BoardRow {
  key: string;
  item: AtRiskItem;
  /** The center's region and every region above it, so a filter on a region or on its city both match. */
  regionIds: string[];
  tier: string | null;
  reading: LiveClockReading;
  tone: SlaTone;
}

export interface BoardContext {
  calendarFor(calendarId: string, timeZone: string): BusinessCalendar;
  regionsOfCenter(centerId: string): string[];
  tierOf(customerId: string): string | null;
}

export function buildRows(items: readonly AtRiskItem[], context: BoardContext, serverNow: number): BoardRow[] {
  return items.map((item) => {
    const reading = readClockAt(item, context.calendarFor(item.calendar, item.timeZone), serverNow);
    return {
      key: `${item.ticketId}:${item.metric}:${item.cycle}:${item.subjectId ?? ''}`,
      item,
      regionIds: context.regionsOfCenter(item.centerId),
      tier: context.tierOf(item.customerId),
      reading,
      tone: slaToneOf(reading.percent, reading.breached),
    };
  });
}

export interface BoardFilter {
  regionId: string | null;
  centerId: string | null;
  priority: string | null;
  tier: string | null;
  metric: SlaMetric | null;
  /** Only clocks already past due. */
  breachedOnly: boolean;
}

export const NO_FILTER: BoardFilter = { regionId: null, centerId: null, priority: null, tier: null, metric: null, breachedOnly: false };

export function filterRows(rows: readonly BoardRow[], filter: BoardFilter): BoardRow[] {
  return rows.filter(
    (row) =>
      (filter.regionId === null || row.regionIds.includes(filter.regionId)) &&
      (filter.centerId === null || row.item.centerId === filter.centerId) &&
      (filter.priority === null || row.item.priority === filter.priority) &&
      (filter.tier === null || row.tier === filter.tier) &&
      (filter.metric === null || row.item.metric === filter.metric) &&
      (!filter.breachedOnly || row.reading.breached),
  );
}

export const BOARD_SORTS = ['due', 'used', 'priority', 'center'] as const;
export type BoardSort = (typeof BOARD_SORTS)[number];

const byRemaining = (a: BoardRow, b: BoardRow) => a.reading.remainingMs - b.reading.remainingMs;
const priorityRank = (row: BoardRow) => PRIORITIES.indexOf(row.item.priority);

/**
 * due: most overdue first, then soonest due; used: the largest share of target used first; priority:
 * P1 first; center: by center, each center's clocks soonest first. Ties fall back to the due order.
 */
export function sortRows(rows: readonly BoardRow[], sort: BoardSort, centerName: (id: string) => string = (id) => id): BoardRow[] {
  const compare: Record<BoardSort, (a: BoardRow, b: BoardRow) => number> = {
    due: byRemaining,
    used: (a, b) => b.reading.percent - a.reading.percent || TONE_RANK[a.tone] - TONE_RANK[b.tone],
    priority: (a, b) => priorityRank(a) - priorityRank(b),
    center: (a, b) => centerName(a.item.centerId).localeCompare(centerName(b.item.centerId), 'zh-CN'),
  };
  return [...rows].sort((a, b) => compare[sort](a, b) || byRemaining(a, b) || a.key.localeCompare(b.key));
}
