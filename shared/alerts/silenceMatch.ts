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

/** Every matcher must agree; a missing label reads as the empty string, as in Alertmanager. */
export function silenceMatches(silence: Pick<SilenceWindow, 'matchers'>, labels: Labels): boolean {
  return silence.matchers.every(({ name, op, value }) => ((labels[name] ?? '') === value) === (op === '='));
}

export function silencedBy<S extends SilenceWindow>(silences: readonly S[], labels: Labels, now: number): S | null {
  return silences.find((silence) => silenceActive(silence, now) && silenceMatches(silence, labels)) ?? null;
}
