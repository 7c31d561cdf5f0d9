/** A desk's sorted tally: instants (SortedInstants, which ignore the value) or values filed under instants (KeyedValues). */
export interface Tally {
  add(at: number, value: number): void;
  remove(at: number, value: number): void;
}

/**
 * The marks one change of a ticket leaves in a desk's tallies, gathered before any is applied: the
 * ticket's marks as it was, to take out, and as it is, to put in. Most changes move one or two of a
 * ticket's dozen or more marks (a status, an instant), so the marks that are the same on both sides
 * cancel and only the rest touch the tallies, instead of every mark coming out and going back in.
 * Parallel arrays reused from change to change: applying a change allocates nothing.
 */
export class DeskMarks {
  private readonly tallies: Tally[] = [];
  private readonly ats: number[] = [];
  private readonly values: number[] = [];
  private readonly signs: number[] = [];
  private size = 0;
  /** Whether the marks gathered now are taken out (-1) or put in (+1). */
  side: 1 | -1 = 1;

  mark(tally: Tally, at: number, value = 0): void {
    const i = this.size++;
    this.tallies[i] = tally;
    this.ats[i] = at;
    this.values[i] = value;
    this.signs[i] = this.side;
  }

  /** Applies what is left once equal marks taken out and put in have cancelled, removals first; empties the buffer. */
  flush(): void {
    const { tallies, ats, values, signs, size } = this;
    // Both sides are gathered in the same order, so a mark's match is most often just past the last match.
    let next = 0;
    for (let out = 0; out < size; out++) {
      if (signs[out] !== -1) continue;
      for (let step = 0; step < size; step++) {
        const put = (next + step) % size;
        if (signs[put] === 1 && tallies[put] === tallies[out] && ats[put] === ats[out] && values[put] === values[out]) {
          signs[out] = 0;
          signs[put] = 0;
          next = put + 1;
          break;
        }
      }
    }
    for (let i = 0; i < size; i++) if (signs[i] === -1) tallies[i]!.remove(ats[i]!, values[i]!);
    for (let i = 0; i < size; i++) if (signs[i] === 1) tallies[i]!.add(ats[i]!, values[i]!);
    this.size = 0;
  }
}
