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

function firing(row: StoredSlaClock, kind: SlaFiring['kind'], level: number | null, at: number, now: number): Omit<SlaFiring, 'regionIds'> {
  return {
    kind, ticketId: row.ticketId, metric: row.metric, cycle: row.cycle, subjectId: row.subjectId, level, at, firedAt: now,
    late: now - at > LATE_AFTER_MS, dueAt: row.dueAt, centerId: row.centerId,
  };
}

/** Levels a clock has reached by now that still count: a stopped clock owes only its breach. */
function reachedLevels(row: StoredSlaClock, now: number): { percent: number; at: number }[] {
  const reached = row.thresholds.filter((threshold): threshold is { percent: number; at: number } => threshold.at !== null && threshold.at <= now);
  if (row.state === 'active' || row.state === 'paused') return reached;
  if (row.state === 'cancelled' || row.stoppedAt === null) return [];
  return reached.filter((threshold) => threshold.percent === 100 && threshold.at < row.stoppedAt!);
}

export function settleClock(row: StoredSlaClock, now: number): Settled {
  const fired = new Set(row.fired);
  const firings: Omit<SlaFiring, 'regionIds'>[] = [];
  for (const { percent, at } of reachedLevels(row, now)) {
    if (fired.has(percent)) continue;
    fired.add(percent);
    firings.push(firing(row, percent === 100 ? 'sla.breached' : 'sla.warning', percent, at, now));
  }
  const breached = isBreachedAt(row, now);
  let metAnnounced = row.metAnnounced;
  if (row.state === 'stopped' && !breached && !metAnnounced && row.stoppedAt !== null) {
    metAnnounced = true;
    firings.push(firing(row, 'sla.met', null, row.stoppedAt, now));
  }
  const upcoming = row.state === 'active' ? row.thresholds.filter((threshold) => threshold.at !== null && threshold.at > now && !fired.has(threshold.percent)) : [];
  const nextFireAt = upcoming.length > 0 ? Math.min(...upcoming.map((threshold) => threshold.at!)) : null;
  const next: StoredSlaClock = { ...row, fired: [...fired].sort((a, b) => a - b), metAnnounced, breached, nextFireAt };
  const changed = firings.length > 0 || nextFireAt !== row.nextFireAt || next.breached !== row.breached;
  return { row: next, firings, changed };
}

