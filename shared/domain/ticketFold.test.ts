import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsedHistory as stored, permutationOf, ticketHistoryArbitrary } from '../../test/support/ticketHistoryArbitrary';
import { eventHistory } from '../../test/support/eventHistory';
import { ClockSpanFold, clockSpans } from '../sla/clockSpans';
import { type StoredEvent, compareEvents, foldTicket } from './ticketFold';

const BASE = Date.parse('2026-11-23T01:00:00Z');
const min = (minutes: number) => BASE + minutes * 60_000;

const history = () => eventHistory(BASE);

describe('foldTicket: ticket lifecycle', () => {
  it('has no ticket until ticket.created arrives, then starts it as new', () => {
    const h = history();
    h.add('ticket.first_response', 5, {});
    expect(h.fold().ticket).toBeNull();
    h.created(0, { productModel: 'AC-9000', symptom: '不制冷' });
    expect(h.fold().ticket).toMatchObject({
      id: 'T-1', centerId: 'sh-01', customerId: 'c-001', status: 'new', engineerId: null, productModel: 'AC-9000', symptom: '不制冷',
      createdAt: min(0), firstResponseAt: min(5), visitCount: 0, reopenCount: 0, updatedAt: min(5),
    });
  });

  it('starts as assigned when created with an engineer', () => {
    const h = history();
    h.created(0, { engineerId: 'e-001' });
    expect(h.fold().ticket).toMatchObject({ status: 'assigned', engineerId: 'e-001', assignedAt: min(0) });
  });

  it('ticket.updated changes only the fields it names', () => {
    const h = history();
    h.created(0, { symptom: 'a' });
    h.add('ticket.updated', 1, { priority: 'P1', cause: '压缩机' });
    expect(h.fold().ticket).toMatchObject({ priority: 'P1', cause: '压缩机', symptom: 'a', centerId: 'sh-01', updatedAt: min(1) });
  });

  it('ticket.assigned moves new → assigned, keeps the first assignedAt and the latest engineer', () => {
    const h = history();
    h.created();
    h.add('ticket.assigned', 1, { engineerId: 'e-001' });
    h.add('ticket.assigned', 2, { engineerId: 'e-002' });
    expect(h.fold().ticket).toMatchObject({ status: 'assigned', engineerId: 'e-002', assignedAt: min(1) });
    h.add('ticket.scheduled', 3, { appointmentAt: min(60) });
    h.add('ticket.assigned', 4, { engineerId: 'e-003' });
    expect(h.fold().ticket).toMatchObject({ status: 'scheduled', engineerId: 'e-003' });
  });

  it('ticket.scheduled records the appointment and moves to scheduled', () => {
    const h = history();
    h.created();
    h.add('ticket.scheduled', 2, { appointmentAt: min(120) });
    expect(h.fold().ticket).toMatchObject({ status: 'scheduled', scheduledAt: min(2), appointmentAt: min(120) });
  });

  it('ticket.first_response keeps the earliest response', () => {
    const h = history();
    h.created();
    h.add('ticket.first_response', 9, {});
    h.add('ticket.first_response', 4, {});
    expect(h.fold().ticket?.firstResponseAt).toBe(min(4));
  });

  it('ticket.engineer_arrived counts every visit, keeps the first arrival and goes on_site', () => {
    const h = history();
    h.created(0, { engineerId: 'e-001' });
    h.add('ticket.engineer_arrived', 10, {});
    h.add('ticket.status_changed', 11, { status: 'waiting_parts' });
    h.add('ticket.engineer_arrived', 20, { engineerId: 'e-002' });
    expect(h.fold().ticket).toMatchObject({ status: 'on_site', visitCount: 2, arrivedAt: min(10), engineerId: 'e-002' });
  });

  it('ticket.status_changed moves between open statuses', () => {
    const h = history();
    h.created();
    h.add('ticket.status_changed', 1, { status: 'waiting_customer' });
    expect(h.fold().ticket?.status).toBe('waiting_customer');
  });

  it('ticket.resolved sets resolvedAt and cause; later open-status changes and visits do not undo it', () => {
    const h = history();
    h.created();
    h.add('ticket.resolved', 5, { cause: '电容损坏' });
    h.add('ticket.status_changed', 6, { status: 'on_site' });
    h.add('ticket.engineer_arrived', 7, {});
    expect(h.fold().ticket).toMatchObject({ status: 'resolved', resolvedAt: min(5), cause: '电容损坏', visitCount: 0 });
  });

  it('ticket.closed is terminal and defaults resolvedAt to the close when never resolved', () => {
    const h = history();
    h.created();
    h.add('ticket.closed', 8, {});
    h.add('ticket.resolved', 9, {});
    h.add('ticket.cancelled', 10, {});
    expect(h.fold().ticket).toMatchObject({ status: 'closed', closedAt: min(8), resolvedAt: min(8), cancelledAt: null });
  });

  it('ticket.closed keeps an earlier resolvedAt', () => {
    const h = history();
    h.created();
    h.add('ticket.resolved', 5, {});
    h.add('ticket.closed', 8, {});
    expect(h.fold().ticket).toMatchObject({ status: 'closed', resolvedAt: min(5), closedAt: min(8) });
  });

  it('ticket.reopened clears resolvedAt and closedAt, counts the reopen and goes back to the engineer', () => {
    const h = history();
    h.created(0, { engineerId: 'e-001' });
    h.add('ticket.resolved', 5, {});
    h.add('ticket.closed', 6, {});
    h.add('ticket.reopened', 7, { reason: '又坏了' });
    expect(h.fold().ticket).toMatchObject({ status: 'assigned', reopenCount: 1, reopenedAt: min(7), resolvedAt: null, closedAt: null });
    h.add('ticket.resolved', 9, {});
    h.add('ticket.reopened', 10, {});
    expect(h.fold().ticket).toMatchObject({ status: 'assigned', reopenCount: 2, reopenedAt: min(10), resolvedAt: null });
  });

  it('ticket.reopened without an engineer goes back to new, and is ignored on an open ticket', () => {
    const h = history();
    h.created();
    h.add('ticket.reopened', 1, {});
    expect(h.fold().ticket).toMatchObject({ status: 'new', reopenCount: 0, reopenedAt: null });
    h.add('ticket.resolved', 2, {});
    h.add('ticket.reopened', 3, {});
    expect(h.fold().ticket).toMatchObject({ status: 'new', reopenCount: 1 });
  });

  it('ticket.cancelled is terminal: no reopen, resolve, close or visit afterwards', () => {
    const h = history();
    h.created();
    h.add('ticket.cancelled', 3, { reason: '客户取消' });
    h.add('ticket.reopened', 4, {});
    h.add('ticket.resolved', 5, {});
    h.add('ticket.closed', 6, {});
    h.add('ticket.engineer_arrived', 7, {});
    expect(h.fold().ticket).toMatchObject({ status: 'cancelled', cancelledAt: min(3), reopenCount: 0, resolvedAt: null, closedAt: null, visitCount: 0 });
  });

  it('a resolved ticket cannot be cancelled', () => {
    const h = history();
    h.created();
    h.add('ticket.resolved', 3, {});
    h.add('ticket.cancelled', 4, {});
    expect(h.fold().ticket).toMatchObject({ status: 'resolved', cancelledAt: null });
  });

  it('orders by event time, not arrival: a late-arriving visit lands before the resolution', () => {
    const h = history();
    h.created();
    h.add('ticket.resolved', 30, {});
    h.add('ticket.engineer_arrived', 20, {});
    expect(h.fold().ticket).toMatchObject({ status: 'resolved', visitCount: 1, arrivedAt: min(20), updatedAt: min(30) });
  });

  it('breaks ties on equal time by arrival order', () => {
    const h = history();
    h.created();
    h.add('ticket.status_changed', 5, { status: 'waiting_parts' });
    h.add('ticket.status_changed', 5, { status: 'waiting_customer' });
    expect(h.fold().ticket?.status).toBe('waiting_customer');
  });
});

describe('foldTicket: complaints, parts and surveys', () => {
  it('walks a complaint open → escalated → resolved, keeping the highest level and its first owner', () => {
    const h = history();
    h.created();
    h.add('complaint.opened', 1, { complaintId: 'CP-1', category: 'timeliness', severity: 'high', owner: 'center' });
    expect(h.fold().complaints).toEqual([
      {
        ticketId: 'T-1', id: 'CP-1', source: 'customer', category: 'timeliness', severity: 'high', level: 1, owner: 'center', handler: 'center', status: 'open',
        openedAt: min(1), firstResponseAt: null, escalatedAt: null, levelSince: min(1), cycle: 1, resolvedAt: null, resolution: null, confirmedAt: null, satisfied: null, closedAt: null,
      },
    ]);
    h.add('complaint.escalated', 2, { complaintId: 'CP-1', level: 3, owner: 'hq' });
    h.add('complaint.escalated', 3, { complaintId: 'CP-1', level: 2 });
    expect(h.fold().complaints[0]).toMatchObject({ status: 'escalated', level: 3, owner: 'center', handler: 'hq', escalatedAt: min(3), levelSince: min(2), firstResponseAt: min(2) });
    h.add('complaint.resolved', 4, { complaintId: 'CP-1', resolution: '补偿' });
    h.add('complaint.escalated', 5, { complaintId: 'CP-1', level: 3 });
    expect(h.fold().complaints[0]).toMatchObject({ status: 'awaiting_confirmation', level: 3, resolvedAt: min(4), resolution: '补偿', escalatedAt: min(3) });
  });

  it('closes a complaint only on a satisfied confirmation call; an unsatisfied one reopens it for a new cycle', () => {
    const h = history();
    h.created();
    h.add('complaint.opened', 1, { complaintId: 'CP-1', category: 'parts', severity: 'medium', source: 'return_visit' });
    h.add('complaint.confirmed', 2, { complaintId: 'CP-1', satisfied: true });
    expect(h.fold().complaints[0]).toMatchObject({ status: 'open', source: 'return_visit', owner: null, confirmedAt: null });
    h.add('complaint.taken', 3, { complaintId: 'CP-1', by: 'li' });
    h.add('complaint.taken', 4, { complaintId: 'CP-1', by: 'wang' });
    h.add('complaint.resolved', 5, { complaintId: 'CP-1' });
    h.add('complaint.confirmed', 6, { complaintId: 'CP-1', satisfied: false, note: '仍然漏水' });
    expect(h.fold().complaints[0]).toMatchObject({ status: 'open', owner: 'li', handler: 'wang', firstResponseAt: min(3), cycle: 2, levelSince: min(6), resolvedAt: null, satisfied: false });
    h.add('complaint.resolved', 7, { complaintId: 'CP-1' });
    h.add('complaint.confirmed', 8, { complaintId: 'CP-1', satisfied: true });
    expect(h.fold().complaints[0]).toMatchObject({ status: 'closed', closedAt: min(8), confirmedAt: min(8), satisfied: true, cycle: 2 });
  });

  it('makes whoever escalates or resolves a complaint nobody had taken its first receiver, and never replaces an owner', () => {
    const h = history();
    h.created();
    h.add('complaint.opened', 1, { complaintId: 'CP-1', category: 'attitude', severity: 'high' });
    h.add('complaint.opened', 1, { complaintId: 'CP-2', category: 'attitude', severity: 'high' });
    h.add('complaint.escalated', 2, { complaintId: 'CP-1', level: 2, owner: 'district', by: 'zhou', reason: '门店无人受理' });
    h.add('complaint.resolved', 3, { complaintId: 'CP-2', by: 'qian' });
    h.add('complaint.escalated', 4, { complaintId: 'CP-1', level: 3, by: 'sun' });
    const [escalated, resolved] = h.fold().complaints;
    expect(escalated).toMatchObject({ owner: 'zhou', handler: 'district', level: 3, firstResponseAt: min(2) });
    expect(resolved).toMatchObject({ owner: 'qian', handler: 'qian', status: 'awaiting_confirmation', firstResponseAt: min(3) });
  });

  it('ignores a second open of the same complaint and escalations of unknown ones', () => {
    const h = history();
    h.created();
    h.add('complaint.opened', 1, { complaintId: 'CP-1', category: 'price', severity: 'low', level: 2 });
    h.add('complaint.opened', 2, { complaintId: 'CP-1', category: 'parts', severity: 'critical' });
    h.add('complaint.escalated', 3, { complaintId: 'CP-9', level: 3 });
    expect(h.fold().complaints).toHaveLength(1);
    expect(h.fold().complaints[0]).toMatchObject({ category: 'price', level: 2, status: 'open' });
  });

  it('tracks a parts request through shipped and delivered, keeping the earliest of each', () => {
    const h = history();
    h.created();
    h.add('parts.requested', 1, { requestId: 'PR-1', partNo: 'P-100', quantity: 2 });
    h.add('parts.delivered', 9, { requestId: 'PR-1' });
    h.add('parts.shipped', 5, { requestId: 'PR-1' });
    h.add('parts.shipped', 6, { requestId: 'PR-1' });
    h.add('parts.shipped', 7, { requestId: 'PR-unknown' });
    expect(h.fold().parts).toEqual([{ ticketId: 'T-1', id: 'PR-1', partNo: 'P-100', quantity: 2, requestedAt: min(1), shippedAt: min(5), deliveredAt: min(9) }]);
  });

  it('keeps every survey, completed or failed', () => {
    const h = history();
    h.created();
    const failed = h.add('survey.failed', 3, { reason: 'unreachable' });
    const completed = h.add('survey.completed', 5, { score: 4, comment: '满意' });
    expect(h.fold().surveys).toEqual([
      { id: failed.id, ticketId: 'T-1', at: min(3), score: null, failedReason: 'unreachable', comment: null },
      { id: completed.id, ticketId: 'T-1', at: min(5), score: 4, failedReason: null, comment: '满意' },
    ]);
    expect(h.fold().ticket?.updatedAt).toBe(min(5));
  });
});

describe('foldTicket: arrival order does not matter', () => {
  it('folding any permutation of a history equals folding it in time order', () => {
    const scenario = ticketHistoryArbitrary('T-P').chain((inputs) => {
      const events = stored(inputs);
      return fc.tuple(fc.constant(events), permutationOf(events));
    });
    fc.assert(
      fc.property(scenario, ([inOrder, shuffled]) => {
        const expected = foldTicket(inOrder.map((event, seq) => ({ ...event, seq })));
        const actual = foldTicket(shuffled.map((event, seq) => ({ ...event, seq })));
        expect(expected.ticket).not.toBeNull();
        expect(actual).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('a fold carried on batch by batch', () => {
  it('equals the refold of everything arrived so far, after each batch of any arrival order and split', () => {
    const scenario = ticketHistoryArbitrary('T-C').chain((inputs) => {
      const events = stored(inputs);
      return fc.tuple(
        fc.oneof(fc.constant(events), permutationOf(events)),
        fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, events.length - 1) }), { maxLength: 5 }),
      );
    });
    fc.assert(
      fc.property(scenario, ([arrivals, cuts]) => {
        const arrived: StoredEvent[] = arrivals.map((event, seq) => ({ ...event, seq }));
        const bounds = [0, ...[...cuts].sort((a, b) => a - b).filter((cut) => cut < arrived.length), arrived.length];
        let carried = new ClockSpanFold();
        for (let i = 1; i < bounds.length; i += 1) {
          const batch = arrived.slice(bounds[i - 1], bounds[i]).sort(compareEvents);
          const sofar = arrived.slice(0, bounds[i]);
          // As the ingest fold stage does: carry on when the batch follows the latest event, else refold from the log.
          if (batch.length > 0 && carried.fold.follows(batch[0]!)) for (const event of batch) carried.apply(event);
          else {
            carried = new ClockSpanFold();
            for (const event of [...sofar].sort(compareEvents)) carried.apply(event);
          }
          expect(carried.fold.result()).toEqual(foldTicket(sofar));
          expect([...carried.spans()]).toEqual(clockSpans(sofar));
        }
      }),
      { numRuns: 300 },
    );
  });
});
