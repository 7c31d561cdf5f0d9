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
    const { items } = this;
    // Most instants come in time order: one comparison finds their place at the end.
    if (items.length === 0 || items[items.length - 1]! <= value) items.push(value);
    else items.splice(this.upperBound(value), 0, value);
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

/**
 * Values each filed under an instant (a duration under the instant it ended), kept in instant order in
 * two parallel arrays, so a window's values are one contiguous run.
 */
export class KeyedValues {
  private readonly keys: number[] = [];
  private readonly values: number[] = [];

  private bound(key: number, inclusive: boolean): number {
    let low = 0;
    let high = this.keys.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.keys[mid]! < key || (inclusive && this.keys[mid] === key)) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  add(key: number, value: number): void {
    const { keys, values } = this;
    if (keys.length === 0 || keys[keys.length - 1]! <= key) {
      keys.push(key);
      values.push(value);
      return;
    }
    const at = this.bound(key, true);
    keys.splice(at, 0, key);
    values.splice(at, 0, value);
  }

  remove(key: number, value: number): void {
    for (let i = this.bound(key, false); i < this.keys.length && this.keys[i] === key; i++) {
      if (this.values[i] !== value) continue;
      this.keys.splice(i, 1);
      this.values.splice(i, 1);
      return;
    }
  }

  /** Appends the values filed in [from, to] to `into`. */
  collectBetween(from: number, to: number, into: number[]): void {
    for (let i = this.bound(from, false), end = this.bound(to, true); i < end; i++) into.push(this.values[i]!);
  }

  pruneBefore(horizon: number): void {
    const cut = this.bound(horizon, false);
    if (cut === 0) return;
    this.keys.splice(0, cut);
    this.values.splice(0, cut);
  }
}
