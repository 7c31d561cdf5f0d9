import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type GroupRecord, type GroupTiming, digestOf, flushContents, nextFlushAt } from './notificationGrouping';

const SECOND = 1000;
const timing: GroupTiming = { groupWaitMs: 30 * SECOND, groupIntervalMs: 300 * SECOND, repeatIntervalMs: 4 * 3600 * SECOND };
const fresh: GroupRecord = { flushAt: null, lastSentAt: null, lastSentDigest: null };

/** Plays a group forward second by second, sending whenever due, and returns the send instants with what each announced. */
function simulate(firingAt: (t: number) => string[], seconds: number) {
  let record = fresh;
  const sent: { at: number; firing: string[]; stopped: string[] }[] = [];
  for (let t = 0; t <= seconds * SECOND; t += SECOND) {
    const firing = firingAt(t);
    const flushAt = nextFlushAt(record, firing, t, timing);
    record = { ...record, flushAt };
    if (flushAt !== null && flushAt <= t) {
      sent.push({ at: t, ...flushContents(record, firing) });
      record = { flushAt: null, lastSentAt: t, lastSentDigest: digestOf(firing) };
    }
  }
  return sent;
}

describe('notification grouping', () => {
  it('waits group-wait, so 300 alerts arriving over 20 s go out in one message', () => {
    const sent = simulate((t) => Array.from({ length: Math.min(300, Math.floor(t / 66) + 1) }, (_, i) => `fp-${i}`), 120);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.at).toBe(30 * SECOND);
    expect(sent[0]!.firing).toHaveLength(300);
  });

  it('announces changes no sooner than group-interval after the last message, resolved ones included', () => {
    const sent = simulate((t) => (t < 100 * SECOND ? ['a'] : t < 200 * SECOND ? ['a', 'b'] : []), 1000);
    expect(sent.map((message) => message.at / SECOND)).toEqual([30, 330]);
    expect(sent[1]).toEqual({ at: 330 * SECOND, firing: [], stopped: ['a'] });
  });

  it('repeats an unchanged firing group every repeat-interval and is quiet once all resolved', () => {
    const sent = simulate(() => ['a'], 9 * 3600);
    expect(sent.map((message) => message.at / SECOND)).toEqual([30, 30 + 4 * 3600, 30 + 8 * 3600]);
    expect(nextFlushAt({ flushAt: null, lastSentAt: 0, lastSentDigest: '' }, [], 10, timing)).toBeNull();
    expect(nextFlushAt(fresh, [], 10, timing)).toBeNull();
  });

  it('never sends twice within group-interval, whatever the alerts do', () => {
    fc.assert(
      fc.property(fc.array(fc.subarray(['a', 'b', 'c', 'd']), { minLength: 1, maxLength: 40 }), (steps) => {
        const sent = simulate((t) => steps[Math.floor(t / (37 * SECOND)) % steps.length]!, 1500);
        sent.slice(1).forEach((message, i) => expect(message.at - sent[i]!.at).toBeGreaterThanOrEqual(timing.groupIntervalMs));
      }),
      { numRuns: 40 },
    );
  });
});
