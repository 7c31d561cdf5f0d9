import { ERA_END_MS, ERA_START_MS, InstantOutOfEraError } from './supportedEra';
import { firstOffsetChange, zoneOffsetAt } from './zoneOffset';

/**
 * A zone's UTC offsets over the supported era, read from Intl once a week of time and kept, so that
 * business-time arithmetic over years costs a table lookup a week instead of a dozen Intl calls a day.
 *
 * The era is cut into weeks on a fixed UTC grid. The offset is read at each grid instant; where two
 * neighbours differ, the change between them is found to the second (as firstOffsetChange does) and
 * kept too. This assumes a zone changes its offset at most once in any week, which every zone in the
 * tz database has kept (the shortest summer-time suspensions, for Ramadan, lasted about a month).
 */

const WEEK_MS = 7 * 86_400_000;
const EDGE_MS = 2 * WEEK_MS;

function gridIndexOf(epochMs: number): number {
  return Math.floor(epochMs / WEEK_MS);
}

export class ZoneTimeline {
  private readonly offsets = new Map<number, number>();
  /** Per grid week: the instant in (start, end] the offset changes, or null when it does not. */
  private readonly changes = new Map<number, number | null>();

  constructor(readonly timeZone: string) {}

  private offsetAtGrid(index: number): number {
    let offset = this.offsets.get(index);
    if (offset === undefined) {
      offset = zoneOffsetAt(index * WEEK_MS, this.timeZone);
      this.offsets.set(index, offset);
    }
    return offset;
  }

  private changeIn(index: number): number | null {
    let change = this.changes.get(index);
    if (change === undefined) {
      change = this.offsetAtGrid(index) === this.offsetAtGrid(index + 1) ? null : firstOffsetChange(index * WEEK_MS, (index + 1) * WEEK_MS, this.timeZone);
      this.changes.set(index, change);
    }
    return change;
  }

  /** The era and two weeks either side, so the local dates around its first and last instants can be read. */
  private requireEra(epochMs: number): void {
    if (!(epochMs >= ERA_START_MS - EDGE_MS && epochMs < ERA_END_MS + EDGE_MS)) throw new InstantOutOfEraError(epochMs);
  }

  /**
   * Reads the offsets over [fromMs, toMs) (clamped to the era) ahead of need, so that no request pays
   * for reading years of them from Intl: the server does this at start for the zones of its centers.
   */
  warm(fromMs: number, toMs: number): void {
    const last = gridIndexOf(Math.min(toMs, ERA_END_MS));
    for (let index = gridIndexOf(Math.max(fromMs, ERA_START_MS)); index <= last; index++) this.changeIn(index);
  }

  /** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
  offsetAt(epochMs: number): number {
    this.requireEra(epochMs);
    const index = gridIndexOf(epochMs);
    const change = this.changeIn(index);
    return change === null || epochMs < change ? this.offsetAtGrid(index) : this.offsetAtGrid(index + 1);
  }

  /** The first instant in (fromMs, toMs] at which the offset changes, or null when it holds throughout. */
  firstChange(fromMs: number, toMs: number): number | null {
    this.requireEra(fromMs);
    this.requireEra(toMs);
    for (let index = gridIndexOf(fromMs); index * WEEK_MS <= toMs; index++) {
      const change = this.changeIn(index);
      if (change !== null && change > fromMs && change <= toMs) return change;
    }
    return null;
  }

  /**
   * The instant a wall-clock reading (given as if it were UTC) names, by Temporal's "compatible"
   * rule as wallTimeToEpoch applies it: a repeated time is its earlier instant, a skipped one is
   * read with the offset in force before the change.
   */
  wallToEpoch(wallAsUtc: number): number {
    const offsetBefore = this.offsetAt(wallAsUtc - 86_400_000);
    const offsetAfter = this.offsetAt(wallAsUtc + 86_400_000);
    let earliest = Infinity;
    for (const offset of offsetBefore === offsetAfter ? [offsetBefore] : [offsetBefore, offsetAfter]) {
      const candidate = wallAsUtc - offset;
      if (this.offsetAt(candidate) === offset) earliest = Math.min(earliest, candidate);
    }
    return earliest === Infinity ? wallAsUtc - offsetBefore : earliest;
  }
}

const timelines = new Map<string, ZoneTimeline>();

/** One timeline per zone for the process: the offsets of a zone are the same for every calendar read in it. */
export function zoneTimeline(timeZone: string): ZoneTimeline {
  let timeline = timelines.get(timeZone);
  if (!timeline) {
    timeline = new ZoneTimeline(timeZone);
    timelines.set(timeZone, timeline);
  }
  return timeline;
}
