import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALERT_STATES } from './alertVocabulary';
import { INITIAL_PROGRESS, type InstanceProgress, type InstanceTiming, type Observation, advance } from './alertStateMachine';

const MINUTE = 60_000;
const timing: InstanceTiming = { forMs: 5 * MINUTE, keepFiringForMs: 10 * MINUTE, noData: 'nodata' };

/** Evaluates once a minute from t = 0 and returns the state after each. */
function run(observations: Observation['kind'][], rules: InstanceTiming = timing): InstanceProgress[] {
  const states: InstanceProgress[] = [];
  let progress = INITIAL_PROGRESS;
  observations.forEach((kind, minute) => {
    progress = advance(progress, { kind }, minute * MINUTE, rules);
    states.push(progress);
  });
  return states;
}

const states = (observations: Observation['kind'][], rules?: InstanceTiming) => run(observations, rules).map((progress) => progress.state);
const times = (kind: Observation['kind'], n: number): Observation['kind'][] => Array.from({ length: n }, () => kind);

describe('alert state machine under a controllable clock', () => {
  it('waits out the pending period before firing, and fires at once without one', () => {
    expect(states(times('holds', 7))).toEqual(['pending', 'pending', 'pending', 'pending', 'pending', 'firing', 'firing']);
    expect(states(['holds'], { ...timing, forMs: 0 })).toEqual(['firing']);
    const fired = run(times('holds', 6))[5]!;
    expect(fired).toMatchObject({ pendingSince: 0, firingSince: 5 * MINUTE, stateSince: 5 * MINUTE });
  });

  it('drops back to normal when the condition clears while pending, and the period starts again', () => {
    const seen = states([...times('holds', 4), 'clear', ...times('holds', 6)]);
    expect(seen.slice(0, 5)).toEqual(['pending', 'pending', 'pending', 'pending', 'normal']);
    expect(seen.slice(5)).toEqual(['pending', 'pending', 'pending', 'pending', 'pending', 'firing']);
  });

  it('keeps firing for keep-firing-for after the condition clears, as recovering, then resolves', () => {
    const noWait = { ...timing, forMs: 0 };
    const seen = run(['holds', ...times('clear', 11)], noWait);
    expect(seen.map((progress) => progress.state)).toEqual(['firing', ...Array<string>(9).fill('recovering'), 'resolved', 'resolved']);
    expect(seen[10]).toMatchObject({ resolvedAt: 10 * MINUTE, firingSince: 0 });
  });

  it('goes back to firing from recovering without a new pending period or a new firing start', () => {
    const seen = run(['holds', 'clear', 'clear', 'holds'], { ...timing, forMs: 0 });
    expect(seen.map((progress) => progress.state)).toEqual(['firing', 'recovering', 'recovering', 'firing']);
    expect(seen[3]!.firingSince).toBe(0);
  });

  it('resolves at once without keep-firing-for, and a returning condition pends again', () => {
    const noKeep = { ...timing, forMs: 2 * MINUTE, keepFiringForMs: 0 };
    expect(states(['holds', 'holds', 'holds', 'clear', 'holds', 'holds', 'holds'], noKeep)).toEqual(['pending', 'pending', 'firing', 'resolved', 'pending', 'pending', 'firing']);
  });

  it('shows nodata and error as their own states, and leaves them on the next figure', () => {
    expect(states(['nodata', 'nodata', 'clear', 'error', 'holds'])).toEqual(['nodata', 'nodata', 'normal', 'error', 'pending']);
    expect(states(['nodata', 'clear'], { ...timing, noData: 'normal' })).toEqual(['normal', 'normal']);
  });

  it('flapping faster than the pending period never fires', () => {
    const flapping = Array.from({ length: 40 }, (_, i): Observation['kind'] => (i % 4 === 3 ? 'clear' : 'holds'));
    expect(states(flapping)).not.toContain('firing');
  });

  it('flapping inside keep-firing-for stays one firing episode', () => {
    const noWait = { ...timing, forMs: 0 };
    const flapping = Array.from({ length: 40 }, (_, i): Observation['kind'] => (i % 3 === 0 ? 'holds' : 'clear'));
    const seen = run(flapping, noWait);
    expect(seen.map((progress) => progress.state)).not.toContain('resolved');
    expect(new Set(seen.map((progress) => progress.firingSince))).toEqual(new Set([0]));
  });

  it('holds its invariants for any run of observations and timings', () => {
    const observation = fc.constantFrom<Observation['kind']>('holds', 'clear', 'nodata', 'error');
    fc.assert(
      fc.property(fc.array(observation, { maxLength: 60 }), fc.nat(10), fc.nat(10), fc.boolean(), (kinds, forMin, keepMin, noData) => {
        const rules: InstanceTiming = { forMs: forMin * MINUTE, keepFiringForMs: keepMin * MINUTE, noData: noData ? 'nodata' : 'normal' };
        let held = 0;
        run(kinds, rules).forEach((progress, minute) => {
          expect(ALERT_STATES).toContain(progress.state);
          expect(progress.stateSince).toBeLessThanOrEqual(minute * MINUTE);
          held = kinds[minute] === 'holds' ? held + 1 : 0;
          // Firing needs the condition to have held for the whole pending period, or to be within an episode.
          if (progress.state === 'firing') expect(kinds[minute]).toBe('holds');
          if (progress.state === 'pending') expect(held * MINUTE).toBeLessThanOrEqual(rules.forMs);
          if (progress.state === 'recovering') expect(minute * MINUTE - progress.lastTrueAt!).toBeLessThan(rules.keepFiringForMs);
          if (progress.state === 'firing' || progress.state === 'recovering') expect(progress.firingSince).not.toBeNull();
        });
      }),
    );
  });
});
