import type { Labels } from './alertLabels';
import type { SilenceMatcher } from './ruleSchema';

export interface SilenceWindow {
  matchers: readonly SilenceMatcher[];
  startsAt: number;
  endsAt: number;
}

/** A silence is in force from its start, inclusive, to its end, exclusive. */
export function silenceActive(silence: SilenceWindow, now: number): boolean {
  return silence.startsAt <= now && now < silence.endsAt;
}

/**
 * A silence's matcher on where an alert is: `within = region:east` takes the region and everything
 * under it (its cities, centers and engineers), `within = network` everything. A `scope` matcher is
 * exact, as every label is.
 */
export const WITHIN_MATCHER = 'within';

/** Whether scope text `outer` covers scope text `inner`; the organisation's tree answers it. */
export type ScopeCovers = (outer: string, inner: string) => boolean;

const exactly: ScopeCovers = (outer, inner) => outer === inner;

/** Every matcher must agree; a missing label reads as the empty string, as in Alertmanager. */
export function silenceMatches(silence: Pick<SilenceWindow, 'matchers'>, labels: Labels, covers: ScopeCovers = exactly): boolean {
  return silence.matchers.every(({ name, op, value }) => {
    const equal = name === WITHIN_MATCHER ? covers(value, labels.scope ?? '') : (labels[name] ?? '') === value;
    return equal === (op === '=');
  });
}

export function silencedBy<S extends SilenceWindow>(silences: readonly S[], labels: Labels, now: number, covers: ScopeCovers = exactly): S | null {
  return silences.find((silence) => silenceActive(silence, now) && silenceMatches(silence, labels, covers)) ?? null;
}
