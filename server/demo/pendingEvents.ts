import type { PlannedEvent } from './ticketLifecycle';

/** A min-heap on `at`: planned events wait here until the simulated clock reaches them. */
export class PendingEvents {
  private readonly heap: PlannedEvent[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(event: PlannedEvent): void {
    const heap = this.heap;
    heap.push(event);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]!.at <= heap[i]!.at) break;
      [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
      i = parent;
    }
  }

  /** Removes and returns every event due at or before `now`, earliest first. */
  takeDue(now: number): PlannedEvent[] {
    const due: PlannedEvent[] = [];
    while (this.heap.length > 0 && this.heap[0]!.at <= now) due.push(this.popMin());
    return due;
  }

  private popMin(): PlannedEvent {
    const heap = this.heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length === 0) return top;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && heap[left]!.at < heap[smallest]!.at) smallest = left;
      if (right < heap.length && heap[right]!.at < heap[smallest]!.at) smallest = right;
      if (smallest === i) return top;
      [heap[smallest], heap[i]] = [heap[i]!, heap[smallest]!];
      i = smallest;
    }
  }
}
