import type { AlertState } from './alertVocabulary';

/**
 * One alert instance's life as a pure function of what each evaluation saw, so the engine, the
 * rule preview and the tests all move it the same way. Times are the evaluation instants.
 */

export interface InstanceTiming {
  forMs: number;
  keepFiringForMs: number;
  /** A missing figure is a `nodata` alert, or simply normal. */
  noData: 'nodata' | 'normal';
}

export interface InstanceProgress {
  state: AlertState;
  stateSince: number;
  pendingSince: number | null;
  firingSince: number | null;
  /** The last evaluation whose condition held; keep-firing-for counts from here. */
  lastTrueAt: number | null;
  resolvedAt: number | null;
}

/** What one evaluation found: the condition held or not, there was no figure, or it could not be read. */
export type Observation = { kind: 'holds' } | { kind: 'clear' } | { kind: 'nodata' } | { kind: 'error' };

export const INITIAL_PROGRESS: InstanceProgress = { state: 'normal', stateSince: 0, pendingSince: null, firingSince: null, lastTrueAt: null, resolvedAt: null };

function enter(progress: InstanceProgress, state: AlertState, now: number, changes: Partial<InstanceProgress> = {}): InstanceProgress {
  const since = progress.state === state ? progress.stateSince : now;
  return { ...progress, ...changes, state, stateSince: since };
}

function whenHolds(progress: InstanceProgress, now: number, timing: InstanceTiming): InstanceProgress {
  const held = { lastTrueAt: now };
  if (progress.state === 'firing' || progress.state === 'recovering') return enter(progress, 'firing', now, held);
  const pendingSince = progress.state === 'pending' ? (progress.pendingSince ?? now) : now;
  if (now - pendingSince >= timing.forMs) return enter(progress, 'firing', now, { ...held, pendingSince, firingSince: now, resolvedAt: null });
  return enter(progress, 'pending', now, { ...held, pendingSince, firingSince: null, resolvedAt: null });
}

function whenClear(progress: InstanceProgress, now: number, timing: InstanceTiming): InstanceProgress {
  switch (progress.state) {
    case 'firing':
    case 'recovering': {
      // Keep-firing-for bridges a dip: the alert stays up, marked recovering, until the condition has been clear that long.
      const clearFor = now - (progress.lastTrueAt ?? now);
      if (clearFor < timing.keepFiringForMs) return enter(progress, 'recovering', now);
      return enter(progress, 'resolved', now, { resolvedAt: now, pendingSince: null });
    }
    case 'resolved':
      return progress;
    default:
      return enter(progress, 'normal', now, { pendingSince: null });
  }
}

export function advance(progress: InstanceProgress, observation: Observation, now: number, timing: InstanceTiming): InstanceProgress {
  switch (observation.kind) {
    case 'holds':
      return whenHolds(progress, now, timing);
    case 'clear':
      return whenClear(progress, now, timing);
    case 'nodata':
      if (timing.noData === 'normal') return whenClear(progress, now, timing);
      return enter(progress, 'nodata', now, { pendingSince: null });
    case 'error':
      return enter(progress, 'error', now, { pendingSince: null });
  }
}
