import type { SlaFiring } from '../../shared/sla/slaFiring';
import { isBreachedAt } from '../../shared/sla/slaProgress';
import type { StoredSlaClock } from './slaStore';

/**
 * Which announcements a clock owes at an instant, and when it next owes one. Each level fires once
 * per clock; recomputing a clock keeps what was already announced, so a replay never repeats itself.
 */

/** A firing this much after its moment is reported as late. */
export const LATE_AFTER_MS = 5_000;

export interface Settled {
  row: StoredSlaClock;
  firings: Omit<SlaFiring, 'regionIds'>[];
  changed: boolean;
}

/** What has been announced of a clock, the columns settling writes. */
type Announced = Pick<StoredSlaClock, 'fired' | 'metAnnounced' | 'breached' | 'nextFireAt'>;

function firing(row: StoredSlaClock, kind: SlaFiring['kind'], level: number | null, at: number, now: number): Omit<SlaFiring, 'regionIds'> {
  return {
    kind, ticketId: row.ticketId, metric: row.metric, cycle: row.cycle, subjectId: row.subjectId, level, at, firedAt: now,
    late: now - at > LATE_AFTER_MS, dueAt: row.dueAt, centerId: row.centerId,
  };
}

/** Whether a level the clock reached still counts: a running clock owes every level, a stopped one only its breach, a cancelled one none. */
function stillOwed(row: StoredSlaClock, percent: number, at: number): boolean {
  if (row.state === 'active' || row.state === 'paused') return true;
  return row.state === 'stopped' && row.stoppedAt !== null && percent === 100 && at < row.stoppedAt;
}

/**
 * What the clock owes by now, pushed onto `firings`, and what has then been announced. Plain loops over the
 * few thresholds and the fired list as it stands (copied only when a level fires): the ingest path settles
 * every clock it recomputes, and sets, filters and a copied row per clock were most of its cost.
 */
function owed(row: StoredSlaClock, now: number, firings: Omit<SlaFiring, 'regionIds'>[]): Announced {
  let fired = row.fired;
  for (const { percent, at } of row.thresholds) {
    if (at === null || at > now || !stillOwed(row, percent, at) || fired.includes(percent)) continue;
    fired = fired === row.fired ? [...fired, percent] : (fired.push(percent), fired);
    firings.push(firing(row, percent === 100 ? 'sla.breached' : 'sla.warning', percent, at, now));
  }
  if (fired !== row.fired) fired.sort((a, b) => a - b);
  const breached = isBreachedAt(row, now);
  let metAnnounced = row.metAnnounced;
  if (row.state === 'stopped' && !breached && !metAnnounced && row.stoppedAt !== null) {
    metAnnounced = true;
    firings.push(firing(row, 'sla.met', null, row.stoppedAt, now));
  }
  let nextFireAt: number | null = null;
  if (row.state === 'active') {
    for (const { percent, at } of row.thresholds) {
      if (at !== null && at > now && (nextFireAt === null || at < nextFireAt) && !fired.includes(percent)) nextFireAt = at;
    }
  }
  return { fired, metAnnounced, breached, nextFireAt };
}

/** Settles a stored clock: the same row when it owes nothing new, else a copy with what is now announced. */
export function settleClock(row: StoredSlaClock, now: number): Settled {
  const firings: Omit<SlaFiring, 'regionIds'>[] = [];
  const next = owed(row, now, firings);
  const changed = firings.length > 0 || next.nextFireAt !== row.nextFireAt || next.breached !== row.breached;
  return { row: changed ? { ...row, ...next } : row, firings, changed };
}

/** Settles a row just built and not yet shared (a recomputed clock) in place; its firings go onto `firings`. */
export function settleNewRow(row: StoredSlaClock, now: number, firings: Omit<SlaFiring, 'regionIds'>[]): void {
  const next = owed(row, now, firings);
  row.fired = next.fired;
  row.metAnnounced = next.metAnnounced;
  row.breached = next.breached;
  row.nextFireAt = next.nextFireAt;
}
