import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPLAINT_SURVEY_MAX_SCORE } from '../../shared/complaints/complaintRules';
import { buildDemoNetwork } from './demoNetwork';
import { customersByCenter } from './localCustomers';
import { seededRandom } from './seededRandom';
import type { PlannedEvent } from './ticketLifecycle';
import { HOUR_MS, createTrafficModel } from './trafficModel';
import { CALLING_HOURS, CONTRACT_5X9_HOURS, DELIVERY_HOURS, VISITING_HOURS, afterOpenTime, firstInOpenHours, intoOpenHours } from './workingHours';
import { localClock } from '../../shared/time/zonedCalendar';

const SH = 'Asia/Shanghai';
const at = (local: string) => Date.parse(`${local}+08:00`);

describe('working hours', () => {
  it('keeps an instant inside its hours and spreads one outside them over the next open span', () => {
    const random = seededRandom(1);
    expect(intoOpenHours(random, at('2026-12-02T10:30:00'), SH, VISITING_HOURS)).toBe(at('2026-12-02T10:30:00'));
    const moved = Array.from({ length: 400 }, () => localClock(intoOpenHours(random, at('2026-12-02T23:10:00'), SH, VISITING_HOURS), SH));
    expect(new Set(moved.map((clock) => clock.weekday))).toEqual(new Set([4]));
    expect(Math.min(...moved.map((clock) => clock.hour))).toBe(8);
    expect(Math.max(...moved.map((clock) => clock.hour))).toBe(19);
    // A 5×9 job found on Saturday waits for Monday, or Tuesday when Monday's diary is full.
    expect([1, 2]).toContain(localClock(intoOpenHours(random, at('2026-12-05T11:00:00'), SH, CONTRACT_5X9_HOURS), SH).weekday);
  });

  it('puts an escalated visit first in the next open span, not anywhere in it', () => {
    const random = seededRandom(2);
    expect(firstInOpenHours(random, at('2026-12-02T19:30:00'), SH, VISITING_HOURS)).toBe(at('2026-12-02T19:30:00'));
    const night = Array.from({ length: 200 }, () => firstInOpenHours(random, at('2026-12-02T22:40:00'), SH, VISITING_HOURS));
    expect(Math.min(...night)).toBeGreaterThanOrEqual(at('2026-12-03T08:00:00'));
    expect(Math.max(...night)).toBeLessThanOrEqual(at('2026-12-03T10:00:00'));
    // A 5×9 customer's escalated visit found on Saturday is Monday's first work.
    const weekend = firstInOpenHours(random, at('2026-12-05T11:00:00'), SH, CONTRACT_5X9_HOURS);
    expect(weekend).toBeGreaterThanOrEqual(at('2026-12-07T09:00:00'));
    expect(weekend).toBeLessThanOrEqual(at('2026-12-07T11:00:00'));
  });

  it('counts a delay in open hours only', () => {
    expect(afterOpenTime(at('2026-12-02T18:00:00'), 3 * HOUR_MS, SH, VISITING_HOURS)).toBe(at('2026-12-03T09:00:00'));
    expect(afterOpenTime(at('2026-12-02T02:00:00'), 90 * 60_000, SH, VISITING_HOURS)).toBe(at('2026-12-02T09:30:00'));
    expect(afterOpenTime(at('2026-12-04T17:00:00'), 2 * HOUR_MS, SH, CONTRACT_5X9_HOURS)).toBe(at('2026-12-07T10:00:00'));
  });
});

/** Ten days of the demo's planned traffic, every ticket's whole life, as the simulator would deliver it. */
function plannedTraffic(): PlannedEvent[][] {
  const seed = 20261123;
  const network = buildDemoNetwork(seed);
  const parentOf = new Map(network.regions.map((region) => [region.id, region.parentId]));
  const engineersByCenter = new Map<string, typeof network.engineers>();
  for (const engineer of network.engineers) engineersByCenter.set(engineer.centerId, [...(engineersByCenter.get(engineer.centerId) ?? []), engineer]);
  const model = createTrafficModel(
    {
      centers: network.centers,
      regionOf: new Map(network.centers.map((center) => [center.id, parentOf.get(center.regionId) ?? center.regionId])),
      engineersByCenter,
      customersByCenter: customersByCenter(network.centers, network.regions, network.customers),
      models: network.products.map((product) => product.model),
      complaintSurveyMaxScore: DEFAULT_COMPLAINT_SURVEY_MAX_SCORE,
    },
    seed,
    0.3,
  );
  const tickets: PlannedEvent[][] = [];
  for (let hour = at('2026-11-23T00:00:00'); hour < at('2026-12-03T00:00:00'); hour += HOUR_MS) tickets.push(...model.ticketsOfHour(hour));
  return tickets;
}

const shanghaiHour = (instant: number) => localClock(instant, SH).hour;

describe('the demo through the day', () => {
  const tickets = plannedTraffic();
  const events = tickets.flat();
  // Urumqi keeps its own hours two hours behind; the hour checks read the Shanghai centers.
  const urumqi = new Set(tickets.filter((ticket) => /^URC-/.test(ticket[0]!.ticketId)).map((ticket) => ticket[0]!.ticketId));
  const inShanghai = (event: PlannedEvent) => !urumqi.has(event.ticketId);

  it('fixes first time as often before 09:00 as over the whole day, so a morning wall is no artefact', () => {
    const resolutions = tickets.flatMap((ticket) => {
      const resolved = ticket.filter((event) => event.type === 'ticket.resolved').at(-1);
      const visits = ticket.filter((event) => event.type === 'ticket.engineer_arrived' && resolved !== undefined && event.at <= resolved.at).length;
      return resolved && visits > 0 && inShanghai(resolved) ? [{ hour: shanghaiHour(resolved.at), firstTime: visits === 1 }] : [];
    });
    const rate = (list: typeof resolutions) => list.filter((resolution) => resolution.firstTime).length / list.length;
    const early = resolutions.filter((resolution) => resolution.hour < 9);
    expect(early.length).toBeGreaterThan(150);
    expect(rate(resolutions)).toBeGreaterThanOrEqual(0.85);
    expect(rate(resolutions)).toBeLessThanOrEqual(0.9);
    // Before 09:00 the resolutions are night work on round-the-clock contracts, nearly all first visits,
    // since second visits are booked appointments in the day: a little above the day's rate, never under it.
    expect(rate(early)).toBeGreaterThan(rate(resolutions) - 0.03);
    expect(rate(early)).toBeLessThan(rate(resolutions) + 0.1);
  });

  it('spreads visits over the working day instead of piling them on its first hour', () => {
    const visits = events.filter((event) => event.type === 'ticket.engineer_arrived' && inShanghai(event)).map((visit) => ({ hour: shanghaiHour(visit.at), second: !visit.id.endsWith(':1') }));
    const byHour = Array.from({ length: 24 }, (_, hour) => visits.filter((visit) => visit.hour === hour).length / visits.length);
    expect(Math.max(...byHour)).toBeLessThan(0.13);
    const secondVisits = visits.filter((visit) => visit.second);
    expect(secondVisits.filter((visit) => visit.hour === VISITING_HOURS.from).length / secondVisits.length).toBeLessThan(0.1);
  });

  it('makes return calls in calling hours and delivers parts in the working day', () => {
    const calls = events.filter((event) => (event.type === 'survey.completed' || event.type === 'survey.failed') && inShanghai(event));
    expect(calls.every((call) => shanghaiHour(call.at) >= CALLING_HOURS.from && shanghaiHour(call.at) < CALLING_HOURS.until)).toBe(true);
    const deliveries = events.filter((event) => event.type === 'parts.delivered' && inShanghai(event));
    expect(deliveries.length).toBeGreaterThan(50);
    expect(deliveries.every((delivery) => shanghaiHour(delivery.at) >= DELIVERY_HOURS.from && shanghaiHour(delivery.at) < DELIVERY_HOURS.until)).toBe(true);
  });
});
