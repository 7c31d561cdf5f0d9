import { between, chance, integerBetween, poisson, seededRandom, seedOf } from './seededRandom';
import type { Center, Customer, Engineer } from '../../shared/reference/referenceSchema';
import { localClock } from '../../shared/time/zonedCalendar';
import { type PlannedEvent, planTicket } from './ticketLifecycle';

export const HOUR_MS = 3_600_000;

/** Relative demand by local hour: a morning peak, a lunch dip (午休), an afternoon peak, quiet nights. */
const HOURLY_DEMAND = [0.15, 0.1, 0.08, 0.08, 0.1, 0.2, 0.4, 0.8, 1.3, 1.7, 1.8, 1.6, 0.9, 1.0, 1.6, 1.7, 1.5, 1.2, 0.8, 0.6, 0.5, 0.4, 0.3, 0.2];
const DEMAND_SUM = HOURLY_DEMAND.reduce((sum, weight) => sum + weight, 0);
const WEEKEND_FACTOR = 0.55;
/** Tickets a day across the whole demo network on a weekday at scale 1 (≈ 60,000 in 30 days). */
export const NETWORK_TICKETS_PER_DAY = 2300;
/**
 * Tickets one engineer gets through in a working day at scale 1: visits, travel and paperwork.
 * DEMO_SCALE scales this with the arrivals, so a smaller demo keeps the same rates.
 */
export const ENGINEER_TICKETS_PER_DAY = 12;
/** The utilisation a center is staffed for; at it, tickets move at the plans' normal pace. */
export const PLANNED_UTILISATION = 0.6;
/** Past this a queue no longer settles; a center this loaded works at its slowest. */
const MAX_UTILISATION = 0.9;
/** Surges come in 6-hour blocks, so a regional storm or a batch fault lasts long enough to alert on. */
const SURGE_BLOCK_HOURS = 6;

export interface TrafficNetwork {
  centers: readonly Center[];
  regionOf: ReadonlyMap<string, string>;
  engineersByCenter: ReadonlyMap<string, readonly Engineer[]>;
  /** Who calls each center: see customersByCenter. */
  customersByCenter: ReadonlyMap<string, readonly Customer[]>;
  models: readonly string[];
  /** The server's COMPLAINT_SURVEY_MAX_SCORE, so the simulator works every return-visit complaint the server opens. */
  complaintSurveyMaxScore: number;
}

export interface TrafficModel {
  /** All tickets created in the hour starting at hourStart, each with its whole planned life. */
  ticketsOfHour(hourStart: number): PlannedEvent[][];
  surgeFactor(regionId: string, hourStart: number): number;
}

/** How much more work each center of the network's busiest region draws: its home market, where it sells most. */
const BUSIEST_REGION_DEMAND = 1.4;

/** The region (of the network's top regions) whose centers are busiest, chosen by the seed. */
export function busiestRegion(seed: number, topRegionIds: Iterable<string>): string {
  const ids = [...new Set(topRegionIds)].sort();
  return ids[seedOf(seed, 'busiest region') % ids.length]!;
}

/** A center's relative demand, deterministic for the seed, so the demo network can be staffed to it. */
export function demandWeight(seed: number, center: Pick<Center, 'id' | 'zone'>, inBusiestRegion: boolean): number {
  return (inBusiestRegion ? BUSIEST_REGION_DEMAND : 1) * (center.zone === 'city' ? 1.2 : 0.7) * between(seededRandom(seedOf(seed, center.id)), 0.7, 1.3);
}

/** How much a queue's wait grows with utilisation (ρ ÷ (1 − ρ)), softened: a busy center slows, it does not stop. */
function queueFactor(utilisation: number): number {
  const rho = Math.min(utilisation, MAX_UTILISATION);
  return Math.sqrt(rho / (1 - rho));
}

export function createTrafficModel(network: TrafficNetwork, seed: number, scale: number): TrafficModel {
  const busiest = busiestRegion(seed, network.regionOf.values());
  const weightOf = new Map(network.centers.map((center) => [center.id, demandWeight(seed, center, network.regionOf.get(center.id) === busiest)]));
  const totalWeight = [...weightOf.values()].reduce((sum, weight) => sum + weight, 0);

  function surgeFactor(regionId: string, hourStart: number): number {
    const block = Math.floor(hourStart / (SURGE_BLOCK_HOURS * HOUR_MS));
    const random = seededRandom(seedOf(seed, 'surge', regionId, block));
    return chance(random, 0.025) ? between(random, 1.5, 2) : 1;
  }

  function expectedTickets(center: Center, hourStart: number): number {
    const { hour, weekday } = localClock(hourStart + HOUR_MS / 2, center.timeZone);
    const weekend = weekday === 0 || weekday === 6 ? WEEKEND_FACTOR : 1;
    const share = (weightOf.get(center.id) ?? 1) / totalWeight;
    const regionId = network.regionOf.get(center.id) ?? center.regionId;
    return NETWORK_TICKETS_PER_DAY * scale * share * (HOURLY_DEMAND[hour]! / DEMAND_SUM) * weekend * surgeFactor(regionId, hourStart);
  }

  /**
   * How slow the center's engineers are this hour against its normal pace: its day's demand (with any
   * surge) over what its staff get through. Capacity against arrivals is what keeps a network healthy
   * or drowns it, so a short-staffed center or a regional surge shows as late visits, not as noise.
   */
  function pressure(center: Center, engineerCount: number, hourStart: number): number {
    const regionId = network.regionOf.get(center.id) ?? center.regionId;
    const demand = NETWORK_TICKETS_PER_DAY * scale * ((weightOf.get(center.id) ?? 1) / totalWeight) * surgeFactor(regionId, hourStart);
    const capacity = Math.max(engineerCount, 1) * ENGINEER_TICKETS_PER_DAY * scale;
    return queueFactor(demand / capacity) / queueFactor(PLANNED_UTILISATION);
  }

  return {
    surgeFactor,
    ticketsOfHour(hourStart) {
      const tickets: PlannedEvent[][] = [];
      for (const center of network.centers) {
        const engineers = network.engineersByCenter.get(center.id) ?? [];
        const customers = network.customersByCenter.get(center.id) ?? [];
        if (engineers.length === 0 || customers.length === 0) continue;
        const random = seededRandom(seedOf(seed, center.id, hourStart));
        const count = poisson(random, expectedTickets(center, hourStart));
        const load = pressure(center, engineers.length, hourStart);
        const stamp = new Date(hourStart).toISOString().slice(2, 13).replace(/[-T]/g, '');
        for (let n = 1; n <= count; n += 1) {
          tickets.push(
            planTicket({
              ticketId: `${center.id.toUpperCase()}-${stamp}-${String(n).padStart(2, '0')}`,
              createdAt: hourStart + integerBetween(random, 0, HOUR_MS - 1),
              center,
              engineers,
              customers,
              models: network.models,
              pressure: load,
              seed,
              complaintSurveyMaxScore: network.complaintSurveyMaxScore,
            }),
          );
        }
      }
      return tickets;
    },
  };
}
