import { describe, expect, it } from 'vitest';
import { type ComplaintState, type StoredEvent, foldTicket } from '../../shared/domain/ticketFold';
import type { IngestEventType } from '../../shared/ingest/eventSchema';
import { customerComplaint, returnVisitComplaint } from './complaintFlow';
import { seededRandom } from './seededRandom';

const START = Date.parse('2026-11-23T02:00:00Z');
const DESK = { receiver: 'sh-01-e01', vip: false };

/** Plans one complaint and folds its events as the store would, after the ticket's creation. */
function planned(seed: number, plan: (script: { emit(type: IngestEventType, at: number, data?: Record<string, unknown>): number }) => void, opened: StoredEvent[] = []): ComplaintState {
  const events: StoredEvent[] = [
    { seq: 0, id: 'T:created', type: 'ticket.created', at: START - 3_600_000, ticketId: 'T', data: { centerId: 'c', customerId: 'k', priority: 'P3', type: 'repair', channel: 'hotline' } },
    ...opened,
  ];
  plan({
    emit(type, at, data = {}) {
      events.push({ seq: events.length, id: `T:${type}:${events.length}`, type, at, ticketId: 'T', data } as StoredEvent);
      return at;
    },
  });
  return foldTicket(events).complaints[0]!;
}

describe('simulated complaints', () => {
  it('closes every complaint on a satisfied call, escalating about a third and reopening a few', () => {
    const folded = Array.from({ length: 2000 }, (_, seed) => planned(seed, (script) => customerComplaint(seededRandom(seed + 1), script, 'T', START, DESK)));
    expect(folded.every((complaint) => complaint.status === 'closed' && complaint.satisfied === true && complaint.owner === 'sh-01-e01')).toBe(true);
    const escalated = folded.filter((complaint) => complaint.level > 1).length / folded.length;
    expect(escalated).toBeGreaterThan(0.25);
    expect(escalated).toBeLessThan(0.35);
    const reopened = folded.filter((complaint) => complaint.cycle > 1).length / folded.length;
    expect(reopened).toBeGreaterThan(0.03);
    expect(reopened).toBeLessThan(0.15);
  });

  it('resolves all but a few within two days, and a VIP customer\'s within the working day', () => {
    const hoursToResolve = (vip: boolean) => Array.from({ length: 2000 }, (_, seed) => planned(seed, (script) => customerComplaint(seededRandom(seed + 1), script, 'T', START, { ...DESK, vip })))
      .map((complaint) => (complaint.resolvedAt! - complaint.openedAt) / 3_600_000)
      .sort((a, b) => a - b);
    const standard = hoursToResolve(false);
    const late = standard.filter((hours) => hours > 48).length / standard.length;
    expect(late).toBeGreaterThan(0);
    expect(late).toBeLessThan(0.06);
    const vip = hoursToResolve(true);
    expect(vip[Math.floor(vip.length * 0.9)]).toBeLessThan(12);
  });

  it('works the complaint the server opens for a low return-visit score, and leaves a good score alone', () => {
    const opened: StoredEvent[] = [
      { seq: 1, id: 'T:survey:complaint', type: 'complaint.opened', at: START, ticketId: 'T', data: { complaintId: 'rv:T:survey', category: 'repair_quality', severity: 'high', source: 'return_visit' } },
    ];
    const worked = planned(7, (script) => returnVisitComplaint(seededRandom(7), script, 'T:survey', START, 1, 2, DESK), opened);
    expect(worked).toMatchObject({ source: 'return_visit', status: 'closed', owner: 'sh-01-e01' });
    const events: string[] = [];
    const record = { emit: (type: IngestEventType, at: number) => (events.push(type), at) };
    expect(returnVisitComplaint(seededRandom(7), record, 'T:survey', START, 3, 2, DESK)).toBe(false);
    expect(events).toEqual([]);
    // COMPLAINT_SURVEY_MAX_SCORE=3 makes a 3 the server's complaint too, and the simulator works it.
    expect(returnVisitComplaint(seededRandom(7), record, 'T:survey', START, 3, 3, DESK)).toBe(true);
    expect(events).toContain('complaint.confirmed');
  });
});
