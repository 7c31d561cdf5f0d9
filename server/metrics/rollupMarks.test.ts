import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Mark, marksChanged } from './rollupMarks';

const markArbitrary = fc.record({ column: fc.integer({ min: 0, max: 2 }), at: fc.integer({ min: 0, max: 3 }), score: fc.constantFrom(0, 4) });
const text = (marks: readonly Mark[]) => marks.map((mark) => `${mark.column}@${mark.at}:${mark.score}`).sort();

/** A multiset as counts, so before − removed + added can be compared with after whatever the order. */
function counts(marks: readonly Mark[], sign = 1, into = new Map<string, number>()): Map<string, number> {
  for (const key of text(marks)) into.set(key, (into.get(key) ?? 0) + sign);
  for (const [key, n] of into) if (n === 0) into.delete(key);
  return into;
}

describe('marks changed', () => {
  it('are what one version has and the other has not, counted as a multiset, with or without a shared start', () => {
    fc.assert(
      fc.property(fc.array(markArbitrary, { maxLength: 6 }), fc.array(markArbitrary, { maxLength: 6 }), fc.array(markArbitrary, { maxLength: 6 }), (shared, before, after) => {
        const { removed, added } = marksChanged([...shared, ...before], [...shared, ...after]);
        expect(counts(added, 1, counts(removed, -1, counts([...shared, ...before])))).toEqual(counts([...shared, ...after]));
        // Nothing both removed and added: equal marks cancel.
        expect(text(removed).filter((key) => text(added).includes(key))).toEqual([]);
      }),
    );
  });

  it('moves nothing when both versions have the same marks', () => {
    const marks = [{ column: 0, at: 1, score: 0 }, { column: 0, at: 1, score: 0 }, { column: 3, at: 2, score: 5 }];
    expect(marksChanged(marks, [...marks].reverse())).toEqual({ removed: [], added: [] });
  });
});
