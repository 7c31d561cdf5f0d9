import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventHistory } from '../../test/support/eventHistory';
import { parsedHistory, permutationOf, ticketHistoryArbitrary } from '../../test/support/ticketHistoryArbitrary';
import { TWENTY_FOUR_SEVEN, fiveByNineIn } from '../calendar/builtinCalendars';
import { businessCalendarSchema } from '../calendar/calendarSchema';
import { DEFAULT_SLA_POLICIES } from './defaultPolicies';
import type { SlaClock } from './slaClock';
import { type SlaPolicyInput, type SlaTicketContext, slaPolicySetSchema } from './slaPolicy';
import { slaProgressAt } from './slaProgress';
import { type CalendarLookup, computeTicketSla } from './ticketSlaClocks';

const HOUR = 3_600_000;
const MINUTE = 60_000;

const calendarFor: CalendarLookup = (id, zone) => (id === '24x7' ? TWENTY_FOUR_SEVEN : id === '5x9' ? fiveByNineIn(zone ?? 'Asia/Shanghai') : undefined);

function context(overrides: Partial<SlaTicketContext> = {}): SlaTicketContext {
  return {
    priority: 'P2', tier: 'standard', contract: '7x24x8', ticketType: 'repair', channel: 'hotline',
    centerId: 'sh-01', regionIds: ['sh', 'east'], zone: 'city', centerTimeZone: 'Asia/Shanghai', ...overrides,
  };
}

function clocksOf(h: ReturnType<typeof eventHistory>, ctx = context(), policies = DEFAULT_SLA_POLICIES): SlaClock[] {
  return computeTicketSla({ ticketId: 'T-1', events: h.events, context: ctx, policies, calendarFor });
}

function clock(clocks: SlaClock[], metric: SlaClock['metric'], cycle = 1): SlaClock {
  const found = clocks.find((candidate) => candidate.metric === metric && candidate.cycle === cycle);
  if (!found) throw new Error(`no ${metric} clock, cycle ${cycle}: ${clocks.map((c) => `${c.metric}/${c.cycle}`).join(', ')}`);
  return found;
}

function policies(...inputs: SlaPolicyInput[]) {
  return slaPolicySetSchema.parse(inputs);
}

const fourBusinessHours = policies({
  id: 'four', name: '4 business hours', metrics: { first_response: { target: { kind: 'business', minutes: 240 }, calendarId: '5x9' } },
});

describe('computeTicketSla: business-time due dates', () => {
  it('a 5×9 ticket created Friday 17:00 with a 4 business-hour target is due Monday 12:00', () => {
    const h = eventHistory(Date.parse('2026-11-20T17:00:00+08:00'));
    h.created();
    const firstResponse = clock(clocksOf(h, context({ contract: '5x9' }), fourBusinessHours), 'first_response');
    expect(new Date(firstResponse.dueAt).toISOString()).toBe(new Date('2026-11-23T12:00:00+08:00').toISOString());
    expect(firstResponse).toMatchObject({ state: 'active', counting: 'business', calendarId: '5x9', timeZone: 'Asia/Shanghai', targetMs: 4 * HOUR });
  });

  it('the same ticket before the National Day holiday is due after it', () => {
    const h = eventHistory(Date.parse('2026-09-30T17:00:00+08:00'));
    h.created();
    const firstResponse = clock(clocksOf(h, context({ contract: '5x9' }), fourBusinessHours), 'first_response');
    // One hour on 30 September, then 1–7 October are holidays; 8 October supplies the other three.
    expect(firstResponse.dueAt).toBe(Date.parse('2026-10-08T12:00:00+08:00'));
  });

  it('reads 5×9 hours on the wall clock of the center, wherever that is', () => {
    const h = eventHistory(Date.parse('2026-11-20T17:00:00-05:00'));
    h.created();
    const firstResponse = clock(clocksOf(h, context({ contract: '5x9', centerTimeZone: 'America/New_York' }), fourBusinessHours), 'first_response');
    expect(firstResponse.dueAt).toBe(Date.parse('2026-11-23T12:00:00-05:00'));
    expect(firstResponse.timeZone).toBe('America/New_York');
  });

  it('uses the default 5×9 targets: 2, 9 and 27 business hours', () => {
    const h = eventHistory(Date.parse('2026-11-23T09:00:00+08:00'));
    h.created();
    const clocks = clocksOf(h, context({ contract: '5x9' }));
    expect(clock(clocks, 'first_response').dueAt).toBe(Date.parse('2026-11-23T11:00:00+08:00'));
    expect(clock(clocks, 'on_site').dueAt).toBe(Date.parse('2026-11-23T18:00:00+08:00'));
    expect(clock(clocks, 'resolution').dueAt).toBe(Date.parse('2026-11-25T18:00:00+08:00'));
  });

  it('gives a standard customer 24 h on site in a city and 48 h in a county', () => {
    const h = eventHistory(Date.parse('2026-11-23T20:00:00+08:00'));
    h.created();
    const start = h.events[0]!.at;
    expect(clock(clocksOf(h, context({ contract: 'standard', zone: 'city' })), 'on_site').dueAt).toBe(start + 24 * HOUR);
    expect(clock(clocksOf(h, context({ contract: 'standard', zone: 'county' })), 'on_site').dueAt).toBe(start + 48 * HOUR);
    expect(clock(clocksOf(h, context({ contract: '7x24x4' })), 'first_response').dueAt).toBe(start + 30 * MINUTE);
  });

  it('computes "end of next business day" deadlines on the calendar', () => {
    const h = eventHistory(Date.parse('2026-11-20T20:00:00+08:00'));
    h.created();
    const nextDay = policies({ id: 'eod', name: 'eod', metrics: { first_response: { target: { kind: 'end_of_business_day', offsetDays: 1 }, calendarId: '5x9' } } });
    const firstResponse = clock(clocksOf(h, context(), nextDay), 'first_response');
    expect(firstResponse.dueAt).toBe(Date.parse('2026-11-23T18:00:00+08:00'));
    expect(firstResponse.targetMs).toBe(9 * HOUR);
  });
});

describe('computeTicketSla: pauses, stops and cycles', () => {
  const base = Date.parse('2026-11-23T08:00:00+08:00');

  it('moves the resolution due time by the business part of a 2 h wait for the customer', () => {
    const h = eventHistory(base);
    h.created();
    h.add('ticket.status_changed', 9 * 60, { status: 'waiting_customer' }); // 17:00
    h.add('ticket.status_changed', 11 * 60, { status: 'on_site' }); // 19:00: only 17:00–18:00 was working time
    const resolution = clock(clocksOf(h, context({ contract: '5x9' })), 'resolution');
    expect(resolution.originalDueAt).toBe(Date.parse('2026-11-25T18:00:00+08:00'));
    expect(resolution.dueAt).toBe(resolution.originalDueAt + 0 + 1 * HOUR + 15 * HOUR); // Thursday 10:00
    expect(resolution.dueAt).toBe(Date.parse('2026-11-26T10:00:00+08:00'));
    expect(resolution.state).toBe('active');
  });

  it('moves a 24x7 due time by the whole wait, and shows paused while waiting', () => {
    const h = eventHistory(base);
    h.created();
    h.add('ticket.status_changed', 60, { status: 'waiting_customer' });
    const paused = clock(clocksOf(h), 'resolution');
    expect(paused).toMatchObject({ state: 'paused', runningSince: null, countedUntil: base + HOUR, elapsedCalendarMs: HOUR });
    h.add('ticket.status_changed', 180, { status: 'scheduled' });
    const resumed = clock(clocksOf(h), 'resolution');
    expect(resumed).toMatchObject({ state: 'active', runningSince: base + 3 * HOUR, elapsedCalendarMs: HOUR, dueAt: base + 50 * HOUR, originalDueAt: base + 48 * HOUR });
  });

  it('keeps counting while waiting for parts unless the policy pauses for them', () => {
    const h = eventHistory(base);
    h.created();
    h.add('ticket.status_changed', 60, { status: 'waiting_parts' });
    h.add('ticket.status_changed', 300, { status: 'on_site' });
    expect(clock(clocksOf(h), 'resolution').dueAt).toBe(base + 48 * HOUR);
    const partsPause = policies({ id: 'p', name: 'p', pauseOnWaitingParts: true, metrics: { resolution: { target: { kind: 'calendar', minutes: 48 * 60 } } } });
    expect(clock(clocksOf(h, context(), partsPause), 'resolution').dueAt).toBe(base + 52 * HOUR);
  });

  it('stops on resolution, starts a return visit, and a reopening opens resolution cycle 2', () => {
    const h = eventHistory(base);
    h.created();
    h.add('ticket.first_response', 20, {});
    h.add('ticket.engineer_arrived', 120, {});
    h.add('ticket.resolved', 180, {});
    h.add('ticket.reopened', 600, { reason: '复发' });
    const clocks = clocksOf(h);
    expect(clock(clocks, 'first_response')).toMatchObject({ state: 'stopped', stoppedAt: base + 20 * MINUTE });
    expect(clock(clocks, 'on_site')).toMatchObject({ state: 'stopped', stoppedAt: base + 2 * HOUR });
    expect(clock(clocks, 'resolution', 1)).toMatchObject({ state: 'stopped', stoppedAt: base + 3 * HOUR, elapsedCalendarMs: 3 * HOUR });
    expect(clock(clocks, 'return_visit', 1)).toMatchObject({ state: 'cancelled', startedAt: base + 3 * HOUR, stoppedAt: base + 10 * HOUR });
    expect(clock(clocks, 'resolution', 2)).toMatchObject({ state: 'active', startedAt: base + 10 * HOUR, dueAt: base + 58 * HOUR });
  });

  it('a survey stops the return visit; a remote fix cancels on-site', () => {
    const h = eventHistory(base);
    h.created();
    h.add('ticket.resolved', 30, {});
    h.add('survey.failed', 60 * 24, { reason: 'unreachable' });
    const clocks = clocksOf(h);
    expect(clock(clocks, 'on_site').state).toBe('cancelled');
    expect(clock(clocks, 'first_response')).toMatchObject({ state: 'stopped', stoppedAt: base + 30 * MINUTE });
    expect(clock(clocks, 'return_visit')).toMatchObject({ state: 'stopped', stoppedAt: base + 24 * HOUR, dueAt: base + 30 * MINUTE + 7 * 24 * HOUR });
  });

  it('cancelling the ticket cancels its running clocks but not its complaint clocks', () => {
    const h = eventHistory(base);
    h.created();
    h.add('complaint.opened', 10, { complaintId: 'CP-1', category: 'timeliness', severity: 'high' });
    h.add('ticket.cancelled', 20, {});
    const clocks = clocksOf(h);
    for (const metric of ['first_response', 'on_site', 'resolution'] as const) expect(clock(clocks, metric).state).toBe('cancelled');
    expect(clock(clocks, 'complaint_response')).toMatchObject({ state: 'active', subjectId: 'CP-1', dueAt: base + 10 * MINUTE + 24 * HOUR });
  });

  it('times each complaint: escalation answers it, resolution settles it', () => {
    const h = eventHistory(base);
    h.created();
    h.add('complaint.opened', 0, { complaintId: 'CP-1', category: 'attitude', severity: 'medium' });
    h.add('complaint.opened', 60, { complaintId: 'CP-2', category: 'parts', severity: 'low' });
    h.add('complaint.escalated', 120, { complaintId: 'CP-1', level: 2 });
    h.add('complaint.resolved', 50 * 60, { complaintId: 'CP-1' });
    const clocks = clocksOf(h);
    expect(clock(clocks, 'complaint_response', 1)).toMatchObject({ subjectId: 'CP-1', state: 'stopped', stoppedAt: base + 2 * HOUR });
    expect(clock(clocks, 'complaint_resolution', 1)).toMatchObject({ subjectId: 'CP-1', state: 'stopped', stoppedAt: base + 50 * HOUR });
    expect(slaProgressAt(clock(clocks, 'complaint_resolution', 1), TWENTY_FOUR_SEVEN, base + 60 * HOUR).breached).toBe(true);
    expect(clock(clocks, 'complaint_response', 2)).toMatchObject({ subjectId: 'CP-2', state: 'active' });
  });
});

describe('warning levels and progress', () => {
  const base = Date.parse('2026-11-23T00:00:00Z');

  it('knows when 75, 90 and 100 percent fall, and reads progress at any instant', () => {
    const h = eventHistory(base);
    h.created();
    const resolution = clock(clocksOf(h), 'resolution');
    expect(resolution.thresholds).toEqual([
      { percent: 75, at: base + 36 * HOUR },
      { percent: 90, at: base + 43.2 * HOUR },
      { percent: 100, at: base + 48 * HOUR },
    ]);
    expect(slaProgressAt(resolution, TWENTY_FOUR_SEVEN, base + 40 * HOUR)).toEqual({
      state: 'active', breached: false, dueAt: base + 48 * HOUR, remainingMs: 8 * HOUR,
      elapsedBusinessMs: 40 * HOUR, elapsedCalendarMs: 40 * HOUR, percent: 83.3, warningsPassed: [75],
    });
    const late = slaProgressAt(resolution, TWENTY_FOUR_SEVEN, base + 50 * HOUR);
    expect(late).toMatchObject({ breached: true, remainingMs: -2 * HOUR, warningsPassed: [75, 90] });
  });

  it('a clock stopped exactly at its due time is met; a minute later it is breached', () => {
    for (const [minutes, breached] of [[60, false], [61, true]] as const) {
      const h = eventHistory(base);
      h.created(0, {});
      h.add('ticket.first_response', minutes, {});
      const firstResponse = clock(clocksOf(h), 'first_response');
      expect(slaProgressAt(firstResponse, TWENTY_FOUR_SEVEN, base + 10 * HOUR).breached).toBe(breached);
    }
  });

  it('counts a paused 5×9 clock forward from now when asked for its due time', () => {
    const h = eventHistory(Date.parse('2026-11-23T09:00:00+08:00'));
    h.created();
    h.add('ticket.status_changed', 60, { status: 'waiting_customer' });
    const resolution = clock(clocksOf(h, context({ contract: '5x9' })), 'resolution');
    const progress = slaProgressAt(resolution, fiveByNineIn('Asia/Shanghai'), Date.parse('2026-11-24T09:00:00+08:00'));
    expect(progress).toMatchObject({ state: 'paused', remainingMs: 26 * HOUR, percent: 3.7, dueAt: Date.parse('2026-11-26T17:00:00+08:00') });
  });
});

describe('computeTicketSla: arrival order does not matter', () => {
  it('any permutation of a history gives the same clocks as time order', () => {
    const scenario = ticketHistoryArbitrary('T-P').chain((inputs) => {
      const events = parsedHistory(inputs);
      return fc.tuple(fc.constant(events), permutationOf(events), fc.constantFrom('5x9', '7x24x4', 'standard') as fc.Arbitrary<SlaTicketContext['contract']>);
    });
    fc.assert(
      fc.property(scenario, ([inOrder, shuffled, contract]) => {
        const run = (events: typeof inOrder) =>
          computeTicketSla({ ticketId: 'T-P', events: events.map((event, seq) => ({ ...event, seq })), context: context({ contract }), policies: DEFAULT_SLA_POLICIES, calendarFor });
        const expected = run(inOrder);
        expect(expected.length).toBeGreaterThanOrEqual(3);
        expect(run(shuffled)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('computeTicketSla: a calendar that cannot time a clock', () => {
  it('leaves that clock out and says why, keeping the ticket\'s other clocks', () => {
    // Working time only on one make-up day of 2026: a ticket of 2030 finds none within the search horizon.
    const onlyOneDay = businessCalendarSchema.parse({
      id: 'one-day', name: 'one day', timeZone: 'Asia/Shanghai', weekly: [[], [], [], [], [], [], []],
      workdays: [{ date: '2026-11-23', name: 'only', intervals: [{ start: '09:00', end: '18:00' }] }],
    });
    const lookup: CalendarLookup = (id, zone) => (id === 'one-day' ? onlyOneDay : calendarFor(id, zone));
    const set = policies({
      id: 'odd', name: 'odd', metrics: { first_response: { target: { kind: 'business', minutes: 60 }, calendarId: 'one-day' }, resolution: { target: { kind: 'calendar', minutes: 600 } } },
    });
    const h = eventHistory(Date.parse('2030-03-04T10:00:00+08:00'));
    h.created();
    const unavailable: string[] = [];
    const clocks = computeTicketSla({ ticketId: 'T-1', events: h.events, context: context(), policies: set, calendarFor: lookup, unavailable: (metric, reason) => unavailable.push(`${metric}: ${reason}`) });
    expect(clocks.map((candidate) => candidate.metric)).toEqual(['resolution']);
    expect(unavailable).toEqual([expect.stringMatching(/^first_response: business calendar 'one-day' has no working time/)]);
  });
});
