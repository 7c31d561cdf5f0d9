/** Labels and fingerprints: an instance is its rule and its label set, whatever order they come in. */

export type Labels = Readonly<Record<string, string>>;

export function canonicalLabels(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((name) => `${name}=${JSON.stringify(labels[name])}`)
    .join(',');
}

/** cyrb53, two 32-bit lanes: stable across processes and platforms, which is all a fingerprint needs (it is not a secret). */
function hash53(text: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}

export function fingerprintOf(ruleId: string, labels: Labels): string {
  return hash53(`${ruleId}|${canonicalLabels(labels)}`);
}

/** The labels an instance carries: the engine's own (rule, scope, metric, severity) over the rule's. */
export function instanceLabels(ruleId: string, rule: { metric: string; severity: string; labels: Labels }, scope: string): Record<string, string> {
  return { ...rule.labels, rule: ruleId, scope, metric: rule.metric, severity: rule.severity };
}
