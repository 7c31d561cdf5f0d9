/**
 * Instants kept in order, so a window's count is two binary searches however many there are. Changes
 * mostly land at the end (events arrive roughly in time order), where inserting costs little.
 */
export class SortedInstants {
  private readonly items: number[] = [];

  get size(): number {
    return this.items.length;
  }

  /** The index of the first item not below `value`. */
  private lowerBound(value: number): number {
    let low = 0;
    let high = this.items.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.items[mid]! < value) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** The index of the first item above `value`. */
  private upperBound(value: number): number {
    let low = 0;
    let high = this.items.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.items[mid]! <= value) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  add(value: number): void {
    const at = this.upperBound(value);
    if (at === this.items.length) this.items.push(value);
    else this.items.splice(at, 0, value);
  }

  remove(value: number): void {
    const at = this.lowerBound(value);
    if (this.items[at] === value) this.items.splice(at, 1);
  }

  /** How many lie in [from, to], both ends inclusive. */
  countBetween(from: number, to: number): number {
    return from > to ? 0 : this.upperBound(to) - this.lowerBound(from);
  }

  /** How many are at or before `to`. */
  countUpTo(to: number): number {
    return this.upperBound(to);
  }

  first(): number | undefined {
    return this.items[0];
  }

  /** Appends the items in [from, to] to `into`, mapped. */
  collectBetween(from: number, to: number, into: number[], map: (value: number) => number = (value) => value): void {
    for (let i = this.lowerBound(from), end = this.upperBound(to); i < end; i++) into.push(map(this.items[i]!));
  }

  /** Drops every item before `horizon`; nothing asks about them any more. */
  pruneBefore(horizon: number): void {
    const cut = this.lowerBound(horizon);
    if (cut > 0) this.items.splice(0, cut);
  }
}

/** Values each filed under an instant (a duration under the instant it ended), kept in instant order. */
export class KeyedValues {
  private readonly keys = new SortedInstants();
  private readonly values = new Map<number, number[]>();

  add(key: number, value: number): void {
    this.keys.add(key);
    const at = this.values.get(key);
    if (at) at.push(value);
    else this.values.set(key, [value]);
  }

  remove(key: number, value: number): void {
    const at = this.values.get(key);
    const index = at?.indexOf(value) ?? -1;
    if (!at || index < 0) return;
    at.splice(index, 1);
    if (at.length === 0) this.values.delete(key);
    this.keys.remove(key);
  }

  /** Appends the values filed in [from, to] to `into`. */
  collectBetween(from: number, to: number, into: number[]): void {
    const keys: number[] = [];
    this.keys.collectBetween(from, to, keys);
    // Equal keys appear once per value; take each key's values once.
    let previous = Number.NaN;
    for (const key of keys) {
      if (key === previous) continue;
      previous = key;
      for (const value of this.values.get(key)!) into.push(value);
    }
  }

  pruneBefore(horizon: number): void {
    for (const key of this.values.keys()) if (key < horizon) this.values.delete(key);
    this.keys.pruneBefore(horizon);
  }
}
