import type { BoardItem } from '../../shared/api/slaBoardApi';
import type { BusinessCalendar } from '../../shared/calendar/calendarSchema';
import { type LiveClockReading, readClockAt } from './liveClock';
import { type SlaTone, slaToneOf } from './slaTone';

/** One running clock on the breach desk, read at the current instant; the server chose and ordered the rows. */
export interface BoardRow {
  key: string;
  item: BoardItem;
  reading: LiveClockReading;
  tone: SlaTone;
}

export const rowKey = (item: Pick<BoardItem, 'ticketId' | 'metric' | 'cycle' | 'subjectId'>) => `${item.ticketId}|${item.metric}|${item.cycle}|${item.subjectId ?? ''}`;

export function buildRows(items: readonly BoardItem[], calendarFor: (calendarId: string, timeZone: string) => BusinessCalendar, serverNow: number): BoardRow[] {
  return items.map((item) => {
    const reading = readClockAt(item, calendarFor(item.calendar, item.timeZone), serverNow);
    return { key: rowKey(item), item, reading, tone: slaToneOf(reading.percent, reading.breached, item.atRiskFrom) };
  });
}
