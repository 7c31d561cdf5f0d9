import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Clock, acceleratedClock, systemClock } from '../clock';
import { type BreachTimer, type DueEntry, DueTimeHeap, createBreachTimer } from './breachTimer';

const HOUR = 3_600_000;

// ---- heap against a sorted-array model ---------------------------------------------------------

type HeapCommand = { kind: 'schedule'; key: string; at: number } | { kind: 'cancel'; key: string } | { kind: 'popDue'; now: number };

/** Few keys and few instants, so that reschedules, cancels of scheduled keys and ties are common. */
const heapCommand: fc.Arbitrary<HeapCommand> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('schedule' as const), key: fc.integer({ min: 0, max: 30 }).map(String), at: fc.integer({ min: 0, max: 40 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancel' as const), key: fc.integer({ min: 0, max: 30 }).map(String) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('popDue' as const), now: fc.integer({ min: -1, max: 40 }) }) },
);

/** What the heap promises, kept the slow way: a list sorted by due time, ties in scheduling order. */
class SortedModel {
  private entries: { key: string; at: number; order: number }[] = [];
  private nextOrder = 0;

  schedule(key: string, at: number): void {
    const existing = this.entries.find((entry) => entry.key === key);
    if (existing?.at === at) return;
    this.entries = this.entries.filter((entry) => entry.key !== key);
    this.entries.push({ key, at, order: this.nextOrder++ });
    this.entries.sort((a, b) => a.at - b.at || a.order - b.order);
  }

  cancel(key: string): boolean {
    const before = this.entries.length;
    this.entries = this.entries.filter((entry) => entry.key !== key);
    return this.entries.length < before;
  }

  popDue(now: number): DueEntry[] {
    const due = this.entries.filter((entry) => entry.at <= now);
    this.entries = this.entries.slice(due.length);
    return due.map(({ key, at }) => ({ key, at }));
  }

  dueOrder(): DueEntry[] {
    return this.entries.map(({ key, at }) => ({ key, at }));
  }
}

describe('DueTimeHeap', () => {
  it('keeps the head, size and due order of a sorted list through schedules, reschedules, cancels and pops', () => {
    fc.assert(
      fc.property(fc.array(heapCommand, { maxLength: 200 }), (commands) => {
        const heap = new DueTimeHeap();
        const model = new SortedModel();
        for (const command of commands) {
          if (command.kind === 'schedule') {
            heap.schedule(command.key, command.at);
            model.schedule(command.key, command.at);
          } else if (command.kind === 'cancel') {
            expect(heap.cancel(command.key)).toBe(model.cancel(command.key));
          } else {
            expect(heap.popDue(command.now)).toEqual(model.popDue(command.now));
          }
          const expected = model.dueOrder();
          expect(heap.size()).toBe(expected.length);
          expect(heap.peek()).toEqual(expected[0]);
        }
        const expected = model.dueOrder();
        for (const { key } of expected) expect(heap.has(key)).toBe(true);
        expect(heap.popDue(Number.MAX_SAFE_INTEGER)).toEqual(expected);
        expect(heap.size()).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a due time that is not a finite instant', () => {
    const heap = new DueTimeHeap();
    expect(() => heap.schedule('T-1', Number.NaN)).toThrow(/finite/);
    expect(() => heap.schedule('T-1', Number.POSITIVE_INFINITY)).toThrow(/finite/);
    expect(heap.size()).toBe(0);
  });
});

// ---- the timer ---------------------------------------------------------------------------------

interface Firing {
  due: DueEntry[];
  now: number;
}

const running: BreachTimer[] = [];

afterEach(() => {
  for (const timer of running.splice(0)) timer.stop();
  vi.useRealTimers();
});

function startTimer(clock: Clock, onDue: (firing: Firing) => void, log: (line: string) => void = () => {}): BreachTimer {
  const timer = createBreachTimer({ clock, onDue: (due, now) => onDue({ due, now }), log });
  running.push(timer);
  return timer;
}

/** Collects firings until the wanted number of entries has fired. */
function collectFirings(clock: Clock, wanted: number): { timer: BreachTimer; done: Promise<Firing[]> } {
  const firings: Firing[] = [];
  let fired = 0;
  let finish: (firings: Firing[]) => void = () => {};
  const done = new Promise<Firing[]>((resolve) => (finish = resolve));
  const timer = startTimer(clock, (firing) => {
    firings.push(firing);
    fired += firing.due.length;
    if (fired >= wanted) finish(firings);
  });
  return { timer, done };
}

const keysOf = (firings: Firing[]) => firings.flatMap((firing) => firing.due.map((entry) => entry.key));

describe('createBreachTimer on the system clock', () => {
  it('fires entries at their due time in due order, never a cancelled one, a rescheduled one at its new time', async () => {
    const { timer, done } = collectFirings(systemClock, 5);
    const now = Date.now();
    timer.schedule('T-30', now + 30);
    timer.schedule('T-10', now + 10);
    timer.schedule('T-20', now + 20);
    timer.schedule('T-cancelled', now + 15);
    timer.schedule('T-later', now + 5);
    timer.schedule('T-sooner', now + 60);
    timer.schedule('T-last', now + 60_000);
    expect(timer.cancel('T-cancelled')).toBe(true);
    timer.schedule('T-later', now + 40);
    timer.schedule('T-sooner', now + 1);

    const firings = await done;
    expect(keysOf(firings)).toEqual(['T-sooner', 'T-10', 'T-20', 'T-30', 'T-later']);
    for (const { due, now: firedAt } of firings) for (const entry of due) expect(entry.at).toBeLessThanOrEqual(firedAt);
    expect(timer.has('T-last')).toBe(true);
    expect(timer.has('T-cancelled')).toBe(false);
    expect(timer.size()).toBe(1);
  });

  it('fires what is already overdue when scheduled, on the next turn of the event loop', async () => {
    const { timer, done } = collectFirings(systemClock, 2);
    timer.schedule('T-2', Date.now() - 1000);
    timer.schedule('T-1', Date.now() - 2000);
    expect(timer.size()).toBe(2);
    const firings = await done;
    expect(firings).toHaveLength(1);
    expect(keysOf(firings)).toEqual(['T-1', 'T-2']);
  });

  it('fires a crowd that came due at one instant in chunks of 50, in due order, a loop turn apart', async () => {
    const key = (i: number) => `T-${String(i).padStart(3, '0')}`;
    let turns = 0;
    const turning = setInterval(() => turns++, 0);
    const firings: { keys: string[]; turn: number }[] = [];
    let finish = () => {};
    const allFired = new Promise<void>((resolve) => (finish = resolve));
    const timer = startTimer(systemClock, ({ due }) => {
      firings.push({ keys: due.map((entry) => entry.key), turn: turns });
      if (firings.flatMap((firing) => firing.keys).length === 180) finish();
    });
    for (let i = 0; i < 180; i++) timer.schedule(key(i), Date.now() - 10);
    await allFired;
    clearInterval(turning);
    expect(firings.map((firing) => firing.keys.length)).toEqual([50, 50, 50, 30]);
    expect(firings.flatMap((firing) => firing.keys)).toEqual(Array.from({ length: 180 }, (_, i) => key(i)));
    for (let i = 1; i < firings.length; i++) expect(firings[i]!.turn).toBeGreaterThan(firings[i - 1]!.turn);
  });

  it('keeps firing after onDue throws, and logs the failure', async () => {
    const lines: string[] = [];
    const fired: string[] = [];
    let finish: () => void = () => {};
    const done = new Promise<void>((resolve) => (finish = resolve));
    const timer: BreachTimer = startTimer(
      systemClock,
      ({ due }) => {
        fired.push(...due.map((entry) => entry.key));
        if (due.some((entry) => entry.key === 'T-bad')) {
          timer.schedule('T-good', Date.now() + 5);
          throw new Error('store unavailable');
        }
        finish();
      },
      (line) => lines.push(line),
    );
    timer.schedule('T-bad', Date.now() + 5);
    await done;
    expect(fired).toEqual(['T-bad', 'T-good']);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/'T-bad'.*store unavailable/);
  });
});

describe('createBreachTimer on a manual clock', () => {
  it('fireDue fires everything due now in one batch, in due order, and leaves the rest', () => {
    let now = Date.parse('2026-11-23T09:00:00+08:00');
    const firings: Firing[] = [];
    const timer = startTimer({ now: () => now }, (firing) => firings.push(firing));
    timer.schedule('T-3', now + 3 * HOUR);
    timer.schedule('T-1', now + HOUR);
    timer.schedule('T-2a', now + 2 * HOUR);
    timer.schedule('T-2b', now + 2 * HOUR);
    timer.schedule('T-4', now + 4 * HOUR);

    expect(timer.fireDue()).toBe(0);
    expect(firings).toEqual([]);

    now += 2 * HOUR;
    expect(timer.fireDue()).toBe(3);
    expect(firings).toEqual([{ due: [{ key: 'T-1', at: now - HOUR }, { key: 'T-2a', at: now }, { key: 'T-2b', at: now }], now }]);
    expect(timer.size()).toBe(2);

    expect(timer.cancel('T-3')).toBe(true);
    expect(timer.cancel('T-3')).toBe(false);
    now += 10 * HOUR;
    expect(timer.fireDue()).toBe(1);
    expect(keysOf(firings)).toEqual(['T-1', 'T-2a', 'T-2b', 'T-4']);
    expect(timer.size()).toBe(0);
  });

  it('catches a throwing onDue in fireDue and fires later entries', () => {
    let now = 1_000_000;
    const lines: string[] = [];
    const fired: string[] = [];
    const timer = startTimer(
      { now: () => now },
      ({ due }) => {
        fired.push(...due.map((entry) => entry.key));
        if (fired.length === 1) throw new Error('first batch fails');
      },
      (line) => lines.push(line),
    );
    timer.schedule('T-1', now + HOUR);
    timer.schedule('T-2', now + 2 * HOUR);
    now += HOUR;
    expect(timer.fireDue()).toBe(1);
    now += HOUR;
    expect(timer.fireDue()).toBe(1);
    expect(fired).toEqual(['T-1', 'T-2']);
    expect(lines).toEqual([expect.stringContaining('first batch fails')]);
  });

  it('lets onDue schedule the next threshold of the same key', () => {
    let now = 1_000_000;
    const timer: BreachTimer = startTimer({ now: () => now }, ({ due }) => {
      for (const entry of due) if (entry.key === 'T-1:warning') timer.schedule('T-1:breach', entry.at + HOUR);
    });
    timer.schedule('T-1:warning', now + HOUR);
    now += 3 * HOUR;
    expect(timer.fireDue()).toBe(1);
    expect(timer.has('T-1:breach')).toBe(true);
    expect(timer.fireDue()).toBe(1);
    expect(timer.size()).toBe(0);
  });
});

describe('createBreachTimer with fake timers', () => {
  it('arms one timer for any number of entries and none once the queue is empty or stopped', () => {
    vi.useFakeTimers({ now: Date.parse('2026-11-23T01:00:00Z') });
    const fired: string[] = [];
    const timer = startTimer(systemClock, ({ due }) => fired.push(...due.map((entry) => entry.key)));
    for (let index = 0; index < 1000; index++) timer.schedule(`T-${index}`, Date.now() + 1000 + ((index * 7919) % 5000));
    expect(vi.getTimerCount()).toBe(1);

    vi.advanceTimersByTime(6000);
    expect(fired).toHaveLength(1000);
    expect(vi.getTimerCount()).toBe(0);

    timer.schedule('T-next', Date.now() + HOUR);
    expect(vi.getTimerCount()).toBe(1);
    timer.stop();
    expect(vi.getTimerCount()).toBe(0);
    timer.schedule('T-after-stop', Date.now() + 1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('waits real time divided by the speed of an accelerated clock', () => {
    vi.useFakeTimers({ now: Date.parse('2026-11-23T01:00:00Z') });
    const clock = acceleratedClock(60);
    const fired: Firing[] = [];
    const timer = startTimer(clock, (firing) => fired.push(firing));
    timer.schedule('T-1', clock.now() + HOUR);

    vi.advanceTimersByTime(59_999);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual([{ due: [{ key: 'T-1', at: clock.now() }], now: clock.now() }]);
  });

  it('re-arms when a due time lies beyond the longest timer delay', () => {
    vi.useFakeTimers({ now: Date.parse('2026-11-23T01:00:00Z') });
    const fired: string[] = [];
    const timer = startTimer(systemClock, ({ due }) => fired.push(...due.map((entry) => entry.key)));
    const at = Date.now() + 40 * 24 * HOUR;
    timer.schedule('T-far', at);

    vi.advanceTimersByTime(2 ** 31 - 1);
    expect(fired).toEqual([]);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(at - Date.now());
    expect(fired).toEqual(['T-far']);
  });
});
