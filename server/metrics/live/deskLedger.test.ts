import { describe, expect, it, vi } from 'vitest';
import { DeskLedger } from './deskLedger';
import { DeskMarks, type Tally } from './deskMarks';
import type { ClockFacts, TicketFacts } from './ticketFacts';

const H = 3_600_000;

/** A tally that only records what was asked of it. */
function recordingTally(): Tally & { calls: string[] } {
  const calls: string[] = [];
  return { calls, add: (at, value) => calls.push(`+${at}:${value}`), remove: (at, value) => calls.push(`-${at}:${value}`) };
}

function clock(metric: ClockFacts['metric'], state: ClockFacts['state'], fields: Partial<ClockFacts>): ClockFacts {
  return { metric, cycle: 1, dueAt: 10 * H, state, stoppedAt: null, breachAt: null, warnAt: null, ...fields };
}

/** An open ticket on site with three running clocks whose at-risk stretches overlap, found out of order. */
const onSite: TicketFacts = {
  id: 'T-1', centerId: 'sh-01', engineerId: 'e-001', status: 'on_site', open: true,
  createdAt: 0, resolvedAt: null, firstResponseAt: 1 * H, arrivedAt: 3 * H, visitCount: 1, reopenCount: 0,
  clocks: [
    clock('first_response', 'stopped', { stoppedAt: 1 * H, breachAt: 4 * H, warnAt: 2 * H }),
    clock('resolution', 'active', { warnAt: 6 * H, breachAt: 8 * H }),
    clock('on_site', 'active', { warnAt: 5 * H, breachAt: 7 * H }),
    clock('complaint_response', 'active', { warnAt: 9 * H, breachAt: null }),
  ],
  complaints: [], surveys: [], partsRequestedAt: [],
};

/** The same ticket resolved: its running clocks stopped, no longer at risk. */
const resolved: TicketFacts = {
  ...onSite, status: 'resolved', open: false, resolvedAt: 6.5 * H,
  clocks: [onSite.clocks[0]!, clock('resolution', 'stopped', { stoppedAt: 6.5 * H, warnAt: 6 * H, breachAt: 8 * H }), clock('on_site', 'stopped', { stoppedAt: 3 * H, warnAt: 5 * H, breachAt: 7 * H })],
};

describe('DeskMarks', () => {
  it('cancels a mark taken out and put back the same, and applies only the rest, removals first', () => {
    const marks = new DeskMarks();
    const tally = recordingTally();
    marks.side = -1;
    marks.mark(tally, 5);
    marks.mark(tally, 7, 2);
    marks.side = 1;
    marks.mark(tally, 9);
    marks.mark(tally, 5);
    marks.mark(tally, 7, 3);
    marks.flush();
    expect(tally.calls).toEqual(['-7:2', '+9:0', '+7:3']);
    marks.flush();
    expect(tally.calls).toHaveLength(3);
  });
});

describe('DeskLedger', () => {
  it('files a ticket’s overlapping at-risk stretches merged, and its earliest breach', () => {
    const desk = new DeskLedger('sh-01', 'e-001');
    desk.add(onSite);
    expect([4, 5, 6, 7, 8, 9, 10].map((hour) => desk.atRiskStarts.countUpTo(hour * H) - desk.atRiskEnds.countUpTo(hour * H))).toEqual([0, 1, 1, 1, 0, 1, 1]);
    expect(desk.breachedFrom.countUpTo(7 * H - 1)).toBe(0);
    expect(desk.breachedFrom.countUpTo(7 * H)).toBe(1);
  });

  it('replaces a ticket to the same totals as taking it out and filing it anew, touching only the marks that moved', () => {
    const replaced = new DeskLedger('sh-01', 'e-001');
    const anew = new DeskLedger('sh-01', 'e-001');
    replaced.add(onSite);
    anew.add(resolved);
    const created = vi.spyOn(replaced.created, 'add');
    const uncreated = vi.spyOn(replaced.created, 'remove');
    replaced.replace(onSite, resolved);
    expect(created).not.toHaveBeenCalled();
    expect(uncreated).not.toHaveBeenCalled();
    expect(JSON.stringify(replaced)).toBe(JSON.stringify(anew));
    replaced.replace(resolved, onSite);
    replaced.remove(onSite);
    expect(JSON.stringify(replaced)).toBe(JSON.stringify(new DeskLedger('sh-01', 'e-001')));
  });
});
