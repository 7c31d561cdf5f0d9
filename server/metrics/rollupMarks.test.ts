import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClockFacts, TicketFacts } from './live/ticketFacts';
import { type Mark, marksMoved, marksOf } from './rollupMarks';

const instant = fc.integer({ min: 0, max: 3 });
const clockArbitrary: fc.Arbitrary<ClockFacts> = fc.record({
  metric: fc.constantFrom('first_response', 'on_site', 'resolution', 'return_visit'),
  cycle: fc.constant(1),
  dueAt: instant,
  state: fc.constantFrom('active', 'paused', 'stopped', 'cancelled'),
  stoppedAt: fc.option(instant),
  breachAt: fc.option(instant),
  warnAt: fc.constant(null),
}) as fc.Arbitrary<ClockFacts>;
const factsArbitrary = fc.record({
  createdAt: instant,
  resolvedAt: fc.option(instant),
  complaints: fc.array(instant.map((openedAt) => ({ openedAt })), { maxLength: 2 }),
  surveys: fc.array(fc.record({ at: instant, score: fc.option(fc.integer({ min: 1, max: 5 })), failedReason: fc.constant(null) }), { maxLength: 2 }),
  clocks: fc.array(clockArbitrary, { maxLength: 4 }),
});
/** Two versions of one ticket: each part of the later one either the earlier one's (clocks as the very same facts, as ticketFacts carries them) or new. */
const versionsArbitrary = fc
  .tuple(factsArbitrary, factsArbitrary, fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }))
  .map(([was, other, keep]) => {
    const is = {
      createdAt: keep[0] ? was.createdAt : other.createdAt,
      resolvedAt: keep[1] ? was.resolvedAt : other.resolvedAt,
      complaints: keep[2] ? was.complaints : other.complaints,
      surveys: keep[3] ? was.surveys : other.surveys,
      clocks: other.clocks.map((clock, i) => (keep[4 + i] && was.clocks[i] ? was.clocks[i]! : clock)),
    };
    return [was, is].map((facts) => ({ id: 'T', centerId: 'C', engineerId: null, ...facts }) as unknown as TicketFacts);
  });

/** A multiset of marks as counts, so (before − removed + added) compares with after whatever the order. */
function counts(marks: readonly Mark[], sign = 1, into = new Map<string, number>()): Map<string, number> {
  for (const mark of marks) {
    const key = `${mark.column}@${mark.at}:${mark.score}`;
    into.set(key, (into.get(key) ?? 0) + sign);
    if (into.get(key) === 0) into.delete(key);
  }
  return into;
}

describe('marks moved', () => {
  it('are, counted as a multiset, the marks of the ticket after less its marks before', () => {
    fc.assert(
      fc.property(versionsArbitrary, ([before, after]) => {
        const { removed, added } = marksMoved(before!, after!);
        expect(counts(added, 1, counts(removed, -1, counts(marksOf(before!))))).toEqual(counts(marksOf(after!)));
      }),
      { numRuns: 500 },
    );
  });

  it('take a stopped clock\'s met mark away once a recompute puts its breach before its stop', () => {
    // The generated versions rarely keep a stopped clock's metric and stop while moving only its breach.
    const met: ClockFacts = { metric: 'resolution', cycle: 1, dueAt: 9, state: 'stopped', stoppedAt: 5, breachAt: 9, warnAt: null };
    const base = { id: 'T', centerId: 'C', engineerId: null, createdAt: 1, resolvedAt: 5, complaints: [], surveys: [] };
    const before = { ...base, clocks: [met] } as unknown as TicketFacts;
    const after = { ...base, clocks: [{ ...met, dueAt: 3, breachAt: 3 }] } as unknown as TicketFacts;
    const { removed, added } = marksMoved(before, after);
    expect(counts(added, 1, counts(removed, -1, counts(marksOf(before))))).toEqual(counts(marksOf(after)));
  });

  it('are none when nothing a chart counts moved', () => {
    const clock: ClockFacts = { metric: 'resolution', cycle: 1, dueAt: 9, state: 'stopped', stoppedAt: 5, breachAt: null, warnAt: 4 };
    const before = { id: 'T', centerId: 'C', engineerId: null, createdAt: 1, resolvedAt: 5, complaints: [], surveys: [{ at: 6, score: 4, failedReason: null }], clocks: [clock] } as unknown as TicketFacts;
    const after = { ...before, status: 'closed', surveys: [{ at: 6, score: 4, failedReason: null }], clocks: [{ ...clock, dueAt: 10, warnAt: 3 }] } as TicketFacts;
    expect(marksMoved(before, after)).toEqual({ removed: [], added: [] });
  });
});
