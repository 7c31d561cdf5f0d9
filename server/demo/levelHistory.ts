import type { Core } from '../core';
import type { SlaThreshold } from '../../shared/sla/slaClock';
import { type TicketStatus, isOpenStatus } from '../../shared/domain/vocabulary';
import { HOUR_MS } from './trafficModel';

/** Tickets read per step, so a server answers between steps. */
const PAGE = 250;
/** Hour samples written per step. */
const HOURS_PER_STEP = 6;

interface PastClock {
  runsFrom: number;
  /** Where it stopped running; Infinity while it still runs. */
  runsUntil: number;
  breachAt: number | null;
  warnAt: number | null;
  /** Paused now: not at risk (an active clock is), as the live figures count it. */
  paused: boolean;
}

interface Tally {
  backlogOpen: Int32Array;
  breachedOpen: Int32Array;
  atRiskOpen: Int32Array;
}

/** The last instant of each whole hour from `firstHour`, then `now`: one level sample for each hour bucket up to now. */
export function sampleInstants(firstHour: number, now: number): number[] {
  const instants: number[] = [];
  for (let hour = firstHour; hour + HOUR_MS <= now; hour += HOUR_MS) instants.push(hour + HOUR_MS - 1);
  instants.push(now);
  return instants;
}

function firstAtOrAfter(instants: readonly number[], at: number): number {
  let low = 0;
  let high = instants.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (instants[middle]! < at) low = middle + 1;
    else high = middle;
  }
  return low;
}

function pastClock(state: string, startedAt: number, stoppedAt: number | null, thresholds: SlaThreshold[]): PastClock {
  let breachAt: number | null = null;
  let warnAt: number | null = null;
  for (const threshold of thresholds) {
    if (threshold.percent === 100) breachAt = threshold.at;
    else if (threshold.percent < 100 && threshold.at !== null && (warnAt === null || threshold.at < warnAt)) warnAt = threshold.at;
  }
  const running = state === 'active' || state === 'paused';
  return { runsFrom: startedAt, runsUntil: running ? Infinity : (stoppedAt ?? startedAt), breachAt, warnAt, paused: state === 'paused' };
}

/** Open from creation until the first of resolved, closed or cancelled; open still: for ever. A reopened ticket counts as open throughout. */
function openUntil(status: TicketStatus, createdAt: number, ends: (number | null)[]): number {
  if (isOpenStatus(status)) return Infinity;
  const known = ends.filter((end): end is number => end !== null);
  return known.length > 0 ? Math.min(...known) : createdAt;
}

const runsAt = (clock: PastClock, at: number) => clock.runsFrom <= at && at < clock.runsUntil;
const breachedAt = (clock: PastClock, at: number) => runsAt(clock, at) && clock.breachAt !== null && clock.breachAt <= at;
const atRiskAt = (clock: PastClock, at: number) => !clock.paused && runsAt(clock, at) && clock.warnAt !== null && clock.warnAt <= at && !breachedAt(clock, at);

/**
 * Backlog, breached and at-risk levels of each center at every hour of a replayed history, as the catalog
 * defines them at now (breached_open, at_risk_open), read back from the tickets and clocks as stored: a
 * ticket is open from its creation until it was resolved, closed or cancelled, and a clock counts where it
 * ran. The live sampler only sees levels from the moment the server starts, so without this the 24 h and
 * 7 d charts of a fresh demo would be empty. Each hour bucket (and local day) gets a sample at the hour's
 * last instant; the live sampler's later samples win over these where both exist.
 */
export function* levelHistorySteps(core: Core, firstHour: number, now: number): Generator<void, void> {
  const client = core.db.$client;
  const instants = sampleInstants(firstHour, now);
  const tallies = new Map<string, Tally>();
  const tallyOf = (centerId: string): Tally => {
    let tally = tallies.get(centerId);
    if (!tally) {
      tally = { backlogOpen: new Int32Array(instants.length), breachedOpen: new Int32Array(instants.length), atRiskOpen: new Int32Array(instants.length) };
      tallies.set(centerId, tally);
    }
    return tally;
  };
  for (const center of core.referenceService.list('centers') as { id: string }[]) tallyOf(center.id);

  const ticketPage = client.prepare(`select rowid, id, center_id, status, created_at, resolved_at, closed_at, cancelled_at from tickets where rowid > ? order by rowid limit ?`).raw();
  const clockPage = client.prepare(`select ticket_id, state, started_at, stopped_at, thresholds from sla_clocks where ticket_id in (select id from tickets where rowid > ? and rowid <= ?)`).raw();

  for (let after = 0; ; ) {
    const rows = ticketPage.all(after, PAGE) as [number, string, string, TicketStatus, number, number | null, number | null, number | null][];
    if (rows.length === 0) break;
    const last = rows[rows.length - 1]![0];
    const clocks = new Map<string, PastClock[]>();
    for (const [ticketId, state, startedAt, stoppedAt, thresholds] of clockPage.all(after, last) as [string, string, number, number | null, string][]) {
      const list = clocks.get(ticketId) ?? [];
      list.push(pastClock(state, startedAt, stoppedAt, JSON.parse(thresholds) as SlaThreshold[]));
      clocks.set(ticketId, list);
    }
    for (const [, id, centerId, status, createdAt, ...ends] of rows) {
      const endedAt = openUntil(status, createdAt, ends);
      const tally = tallyOf(centerId);
      const own = clocks.get(id) ?? [];
      for (let i = firstAtOrAfter(instants, createdAt); i < instants.length && instants[i]! < endedAt; i++) {
        const at = instants[i]!;
        tally.backlogOpen[i]!++;
        if (own.some((clock) => breachedAt(clock, at))) tally.breachedOpen[i]!++;
        // A ticket breached on one clock may be at risk on another: the catalog counts each by its own clocks.
        if (own.some((clock) => atRiskAt(clock, at))) tally.atRiskOpen[i]!++;
      }
    }
    after = last;
    yield;
  }

  for (let i = 0; i < instants.length; i++) {
    const levels = new Map([...tallies].map(([centerId, tally]) => [centerId, { backlogOpen: tally.backlogOpen[i]!, breachedOpen: tally.breachedOpen[i]!, atRiskOpen: tally.atRiskOpen[i]! }]));
    core.seriesRollup.sampleLevels(instants[i]!, levels, ['hour', 'day']);
    if (i % HOURS_PER_STEP === HOURS_PER_STEP - 1) yield;
  }
}
