import type { Clock } from '../clock';

/**
 * The SLA timer queue: warnings and breaches fire at their instant from a min-heap of due times, with a
 * single real timer armed for the earliest one, so the cost of a tick never depends on how many tickets
 * are open.
 */

export interface DueEntry {
  readonly key: string;
  readonly at: number;
}

interface HeapSlot {
  readonly key: string;
  at: number;
  /** Breaks ties between equal due times: what was scheduled first fires first. */
  order: number;
  /** Where the slot stands in the heap array, so a key's entry is found and moved in O(log n). */
  position: number;
}

function firesBefore(a: HeapSlot, b: HeapSlot): boolean {
  return a.at < b.at || (a.at === b.at && a.order < b.order);
}

/** A binary min-heap of due times, one entry per key. */
export class DueTimeHeap {
  private readonly slots: HeapSlot[] = [];
  private readonly slotsByKey = new Map<string, HeapSlot>();
  private nextOrder = 0;

  /** Adds the key, or moves it to the new due time; moving to the same time keeps its place among ties. */
  schedule(key: string, at: number): void {
    if (!Number.isFinite(at)) throw new RangeError(`a due time must be finite epoch milliseconds, got ${at} for '${key}'`);
    const existing = this.slotsByKey.get(key);
    if (existing) {
      if (existing.at === at) return;
      existing.at = at;
      existing.order = this.nextOrder++;
      this.restore(existing.position);
      return;
    }
    const slot: HeapSlot = { key, at, order: this.nextOrder++, position: this.slots.length };
    this.slots.push(slot);
    this.slotsByKey.set(key, slot);
    this.siftUp(slot.position);
  }

  /** Whether the key was scheduled. */
  cancel(key: string): boolean {
    const slot = this.slotsByKey.get(key);
    if (!slot) return false;
    this.removeAt(slot.position);
    return true;
  }

  has(key: string): boolean {
    return this.slotsByKey.has(key);
  }

  size(): number {
    return this.slots.length;
  }

  peek(): DueEntry | undefined {
    const head = this.slots[0];
    return head && { key: head.key, at: head.at };
  }

  /** Removes and returns, in due order, the entries due at or before now, at most `limit` of them. */
  popDue(now: number, limit = Number.POSITIVE_INFINITY): DueEntry[] {
    const due: DueEntry[] = [];
    for (let head = this.slots[0]; head && head.at <= now && due.length < limit; head = this.slots[0]) {
      due.push({ key: head.key, at: head.at });
      this.removeAt(0);
    }
    return due;
  }

  private removeAt(position: number): void {
    const removed = this.slots[position]!;
    const last = this.slots.pop()!;
    this.slotsByKey.delete(removed.key);
    if (last === removed) return;
    this.place(last, position);
    this.restore(position);
  }

  /** Moves the slot at position up or down, whichever its due time calls for. */
  private restore(position: number): void {
    const parent = (position - 1) >> 1;
    if (position > 0 && firesBefore(this.slots[position]!, this.slots[parent]!)) this.siftUp(position);
    else this.siftDown(position);
  }

  private siftUp(position: number): void {
    const slot = this.slots[position]!;
    while (position > 0) {
      const parent = (position - 1) >> 1;
      const parentSlot = this.slots[parent]!;
      if (!firesBefore(slot, parentSlot)) break;
      this.place(parentSlot, position);
      position = parent;
    }
    this.place(slot, position);
  }

  private siftDown(position: number): void {
    const slot = this.slots[position]!;
    const count = this.slots.length;
    for (;;) {
      const left = 2 * position + 1;
      if (left >= count) break;
      const right = left + 1;
      const child = right < count && firesBefore(this.slots[right]!, this.slots[left]!) ? right : left;
      const childSlot = this.slots[child]!;
      if (!firesBefore(childSlot, slot)) break;
      this.place(childSlot, position);
      position = child;
    }
    this.place(slot, position);
  }

  private place(slot: HeapSlot, position: number): void {
    this.slots[position] = slot;
    slot.position = position;
  }
}

/**
 * What the timer fires in one loop turn. Business calendars line clocks up (every ticket logged
 * overnight breaches at the same instant of the morning), and firing hundreds at once would hold
 * the loop; the rest is due already, so the timer re-arms at zero and fires it next turn.
 */
const FIRE_CHUNK = 50;

/** setTimeout's longest delay; a longer one would fire at once. */
const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

export interface BreachTimerOptions {
  clock: Clock;
  /** Everything due in one firing, in due order, and the clock reading it was taken at. */
  onDue: (due: DueEntry[], now: number) => void;
  log?: (line: string) => void;
}

export interface BreachTimer {
  /** Schedules the key at the instant, or moves it there if it is already scheduled. */
  schedule(key: string, at: number): void;
  /** Whether the key was scheduled. */
  cancel(key: string): boolean;
  has(key: string): boolean;
  size(): number;
  /** Fires everything due by the clock now, without waiting for the timer: after a restart, or when a test moves its clock. Returns how many fired. */
  fireDue(): number;
  /** Disarms for good, at shutdown: nothing fires on its own afterwards, though fireDue still does. */
  stop(): void;
}

export function createBreachTimer({ clock, onDue, log = (line) => console.error(line) }: BreachTimerOptions): BreachTimer {
  const heap = new DueTimeHeap();
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** The due time the armed timer was set for, so that changes behind the head leave it alone. */
  let armedFor: number | null = null;
  let stopped = false;

  function disarm(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    armedFor = null;
  }

  function arm(): void {
    const head = heap.peek();
    if (stopped || head?.at === armedFor) return;
    disarm();
    if (!head) return;
    const realDelay = Math.ceil((head.at - clock.now()) / (clock.speed ?? 1));
    timer = setTimeout(onTimer, Math.min(Math.max(realDelay, 0), MAX_TIMER_DELAY_MS));
    timer.unref();
    armedFor = head.at;
  }

  function fireDue(limit?: number): number {
    const now = clock.now();
    const due = heap.popDue(now, limit);
    if (due.length > 0) {
      try {
        onDue(due, now);
      } catch (error) {
        const reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
        log(`breach timer: handling ${due.length} due entries (first '${due[0]!.key}') failed: ${reason}`);
      }
    }
    arm();
    return due.length;
  }

  function onTimer(): void {
    timer = null;
    armedFor = null;
    fireDue(FIRE_CHUNK);
  }

  return {
    schedule(key, at) {
      heap.schedule(key, at);
      arm();
    },
    cancel(key) {
      const cancelled = heap.cancel(key);
      if (cancelled) arm();
      return cancelled;
    },
    has: (key) => heap.has(key),
    size: () => heap.size(),
    fireDue: () => fireDue(),
    stop() {
      stopped = true;
      disarm();
    },
  };
}
