import type { Center, Engineer } from '../../shared/reference/referenceSchema';
import { localClock } from '../../shared/time/zonedCalendar';

/**
 * Two staggered shifts, 08–17 and 12–21 local time; on weekends half the team is off.
 * Derived from the engineer's position in the team so a restart gives the same roster.
 */
export function isOnShift(position: number, center: Center, at: number): boolean {
  const { hour, weekday } = localClock(at, center.timeZone);
  const weekend = weekday === 0 || weekday === 6;
  if (weekend && position % 2 === 1) return false;
  const [start, end] = position % 3 === 2 ? [12, 21] : [8, 17];
  return hour >= start && hour < end;
}

/** Every engineer with the shift state the roster gives at `at`. */
export function rosterAt(centers: readonly Center[], engineersByCenter: ReadonlyMap<string, readonly Engineer[]>, at: number): Engineer[] {
  return centers.flatMap((center) =>
    (engineersByCenter.get(center.id) ?? []).map((engineer, position) => ({ ...engineer, onShift: isOnShift(position, center, at) })),
  );
}
