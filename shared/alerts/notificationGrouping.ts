/**
 * Alertmanager's grouping, per notification target and group: a new group waits group-wait before
 * its first message so that alerts arriving together go out together; a change to a group already
 * announced waits until group-interval after the last message; an unchanged group with firing
 * alerts is repeated every repeat-interval. A receiver therefore gets at most one message per group
 * per group-interval, however many alerts change.
 */

export interface GroupTiming {
  groupWaitMs: number;
  groupIntervalMs: number;
  repeatIntervalMs: number;
}

export interface GroupRecord {
  flushAt: number | null;
  lastSentAt: number | null;
  /** The firing fingerprints of the last message, sorted and comma-joined; '' when it announced none. */
  lastSentDigest: string | null;
}

export function digestOf(firing: readonly string[]): string {
  return [...firing].sort().join(',');
}

export function fingerprintsOf(digest: string | null): string[] {
  return digest ? digest.split(',') : [];
}

/** When the group should next send, given the fingerprints that notify now; null when it has nothing to say. */
export function nextFlushAt(record: GroupRecord, firing: readonly string[], now: number, timing: GroupTiming): number | null {
  const digest = digestOf(firing);
  if (record.lastSentAt === null) {
    if (digest === '') return null;
    return record.flushAt ?? now + timing.groupWaitMs;
  }
  if (digest !== (record.lastSentDigest ?? '')) return record.lastSentAt + timing.groupIntervalMs;
  return digest === '' ? null : record.lastSentAt + timing.repeatIntervalMs;
}

/** What a flush announces: the fingerprints firing now, and those announced before that have stopped. */
export function flushContents(record: GroupRecord, firing: readonly string[]): { firing: string[]; stopped: string[] } {
  const now = new Set(firing);
  return { firing: [...now].sort(), stopped: fingerprintsOf(record.lastSentDigest).filter((fingerprint) => !now.has(fingerprint)) };
}
