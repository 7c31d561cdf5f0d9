import type { Labels } from './alertLabels';
import type { Inhibition } from './ruleSchema';
import { silenceMatches } from './silenceMatch';

/** A firing alert whose rule declares inhibitions. */
export interface InhibitingAlert {
  fingerprint: string;
  labels: Labels;
  inhibits: readonly Inhibition[];
}

export interface InhibitableAlert {
  fingerprint: string;
  labels: Labels;
}

const equalKey = (labels: Labels, names: readonly string[]) => names.map((name) => `${name}=${labels[name] ?? ''}`).join('\u0000');

/**
 * Which alerts are inhibited, and by which source: a target is muted by a firing source whose
 * inhibition's matchers it meets and whose `equal` labels it shares. An alert never mutes itself.
 * Pure, so the page, the notifier and the tests agree.
 */
export function inhibitedBy(sources: readonly InhibitingAlert[], targets: Iterable<InhibitableAlert>): Map<string, string> {
  const rules = sources.flatMap((source) => source.inhibits.map((inhibition) => ({ source, inhibition, key: equalKey(source.labels, inhibition.equal) })));
  const result = new Map<string, string>();
  if (rules.length === 0) return result;
  for (const target of targets) {
    const match = rules.find(
      ({ source, inhibition, key }) => source.fingerprint !== target.fingerprint && silenceMatches({ matchers: inhibition.targets }, target.labels) && equalKey(target.labels, inhibition.equal) === key,
    );
    if (match) result.set(target.fingerprint, match.source.fingerprint);
  }
  return result;
}
