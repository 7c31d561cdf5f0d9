import type { Db } from '../../../db/connection';
import { centers, engineers } from '../../../db/schema';
import type { MetricValues } from '../../../shared/metrics/metricCatalog';
import type { MetricScope, MetricWindow } from '../../../shared/metrics/metricQuery';
import type { OrgTree } from '../../org/orgTree';
import type { FlowBucket } from '../../../shared/live/socketContract';
import { hourBucket } from '../../../shared/time/zonedCalendar';
import { DeskLedger } from './deskLedger';
import type { SortedInstants } from './sortedInstants';
import { type ShiftInScope, scopeFigures } from './scopeFigures';
import { type MetricSamples, scopeSamples } from './scopeSamples';
import { type StoredClockFacts, type TicketFacts, createTicketFactsReader, factsOfFolded } from './ticketFacts';
import type { FoldedTicket } from '../../../shared/domain/ticketFold';
import type { CommitBus } from '../../ingest/commitPipeline';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** The longest window is 30 days; a day more covers "today" in any zone and the time between prunes. */
export const LIVE_HORIZON_MS = 31 * DAY_MS;
/** Tickets read per step of a rebuild in the background: a few tens of milliseconds each. */
const REBUILD_SLICE = 500;

const since = (at: number | null, horizon: number) => at !== null && at >= horizon;

/**
 * Whether a ticket can still move any figure: open, with an open complaint, or touched within the
 * horizon. Asked of every committed change, so it walks the facts without building a list of instants.
 */
function stillCounts(facts: TicketFacts, horizon: number): boolean {
  if (facts.open || since(facts.createdAt, horizon) || since(facts.resolvedAt, horizon) || since(facts.firstResponseAt, horizon) || since(facts.arrivedAt, horizon)) return true;
  for (const clock of facts.clocks) if (since(clock.stoppedAt, horizon) || clock.dueAt >= horizon) return true;
  for (const complaint of facts.complaints) {
    if (complaint.open || since(complaint.openedAt, horizon) || since(complaint.resolvedAt, horizon) || since(complaint.firstResponseAt, horizon)) return true;
    if (since(complaint.confirmedAt, horizon) || since(complaint.closedAt, horizon)) return true;
  }
  return facts.surveys.some((survey) => survey.at >= horizon);
}

/** What a commit already holds of its tickets as it stores them: each one's folded state and all its clocks. */
export interface KnownState {
  folded: ReadonlyMap<string, FoldedTicket>;
  clocks: ReadonlyMap<string, readonly StoredClockFacts[]>;
}

export interface StagedChange {
  before: TicketFacts | null;
  after: TicketFacts | null;
}

/** A change to stage: the tickets' state known to the commit, what was recalled before the fold, and the commit's instant. */
export interface StagingInputs {
  known?: KnownState;
  /** The store's facts, before the batch, of tickets the live figures do not hold (see `recall`). */
  recalled?: ReadonlyMap<string, TicketFacts>;
  now: number;
}

/**
 * The live metric state: every ticket that can still move a figure, filed in desk ledgers, updated
 * from each committed change and read per scope without touching the store. The store stays the
 * truth; this is rebuilt from it at start.
 */
export function createLiveMetrics(db: Db, org: OrgTree, bus: CommitBus) {
  const reader = createTicketFactsReader(db);
  const facts = new Map<string, TicketFacts>();
  const desks = new Set<DeskLedger>();
  /** Each center's desks by engineer (null: unassigned), found per change without building a key. */
  const desksOfCenter = new Map<string, Map<string | null, DeskLedger>>();
  const desksOfEngineer = new Map<string, Set<DeskLedger>>();
  let zones = new Map<string, string>();
  let staff = new Map<string, { centerId: string; onShift: boolean }>();
  /** False until a rebuild has read the store: the state is partial and must not be changed. */
  let ready = false;

  function readReference(): void {
    zones = new Map(db.select({ id: centers.id, timeZone: centers.timeZone }).from(centers).all().map((row) => [row.id, row.timeZone]));
    staff = new Map(db.select({ id: engineers.id, centerId: engineers.centerId, onShift: engineers.onShift }).from(engineers).all().map((row) => [row.id, row]));
  }

  function deskOf(ticket: TicketFacts): DeskLedger {
    let ofCenter = desksOfCenter.get(ticket.centerId);
    if (!ofCenter) desksOfCenter.set(ticket.centerId, (ofCenter = new Map()));
    let desk = ofCenter.get(ticket.engineerId);
    if (!desk) {
      desk = new DeskLedger(ticket.centerId, ticket.engineerId);
      desks.add(desk);
      ofCenter.set(ticket.engineerId, desk);
      if (ticket.engineerId !== null) desksOfEngineer.set(ticket.engineerId, (desksOfEngineer.get(ticket.engineerId) ?? new Set()).add(desk));
    }
    return desk;
  }

  /**
   * Files each change in the desk ledgers: out goes the `before` they hold (not one recalled from the
   * store), in goes the `after` unless it can no longer move a figure, which is forgotten instead.
   */
  function apply(changes: readonly StagedChange[], horizon: number): void {
    for (const change of changes) {
      const before = change.before && facts.get(change.before.id) === change.before ? change.before : null;
      const after = change.after && stillCounts(change.after, horizon) ? change.after : null;
      if (before && after) {
        const from = deskOf(before);
        const to = deskOf(after);
        // Most changes keep the ticket on its desk and move one or two of its marks: only those are touched.
        if (from === to) from.replace(before, after);
        else {
          from.remove(before);
          to.add(after);
        }
      } else if (before) deskOf(before).remove(before);
      else if (after) deskOf(after).add(after);
      if (after) facts.set(after.id, after);
      else if (before) facts.delete(before.id);
    }
  }

  /** The desks a scope covers and its engineers on shift; null when the scope names nothing. */
  function desksIn(scope: MetricScope): { desks: DeskLedger[]; shift: ShiftInScope } | null {
    const isOnShift = (engineerId: string) => staff.get(engineerId)?.onShift === true;
    const shiftIn = (centerIds: ReadonlySet<string> | null) => ({
      engineers: [...staff.values()].filter((e) => e.onShift && (centerIds === null || centerIds.has(e.centerId))).length,
      isOnShift,
    });
    if (scope.kind === 'network') return { desks: [...desks.values()], shift: shiftIn(null) };
    if (scope.kind === 'engineer') {
      const engineer = staff.get(scope.id);
      if (!engineer) return null;
      return { desks: [...(desksOfEngineer.get(scope.id) ?? [])], shift: { engineers: engineer.onShift ? 1 : 0, isOnShift } };
    }
    const centerIds = org.centersIn(scope);
    if (centerIds === null) return null;
    return { desks: centerIds.flatMap((centerId) => [...(desksOfCenter.get(centerId)?.values() ?? [])]), shift: shiftIn(new Set(centerIds)) };
  }

  function* rebuildSteps(now: number, slice: number): Generator<void, void> {
    ready = false;
    facts.clear();
    desks.clear();
    desksOfCenter.clear();
    desksOfEngineer.clear();
    readReference();
    const horizon = now - LIVE_HORIZON_MS;
    for (const tickets of reader.liveSlices(horizon, slice)) {
      apply(tickets.map((after) => ({ before: null, after })), horizon);
      yield;
    }
    ready = true;
  }

  return {
    /** Reads the whole store once; returns how many tickets it keeps. */
    rebuild(now: number): number {
      const steps = rebuildSteps(now, Number.MAX_SAFE_INTEGER);
      while (!steps.next().done);
      return facts.size;
    },

    /**
     * The same rebuild a slice of tickets a step, for a start that listens first; the figures are
     * partial until the last step, and a change staged before it is refused.
     */
    rebuildSteps: (now: number) => rebuildSteps(now, REBUILD_SLICE),

    /** Whether the state is whole: a rebuild has read the store and none is under way. */
    isReady: () => ready,

    /**
     * The store's facts of those tickets the live figures do not hold (none kept, or forgotten as no
     * longer counting): call inside the transaction after the events are appended and before they
     * are folded, while the tickets, clocks and children are still as before the batch. Staged as
     * the change's `before`, they keep the rollups from counting such a ticket's marks a second time.
     */
    recall(ticketIds: readonly string[]): ReadonlyMap<string, TicketFacts> {
      return new Map(reader.of(ticketIds.filter((id) => !facts.has(id))).map((ticket) => [ticket.id, ticket]));
    },

    /**
     * These tickets' facts as they now stand in the store, from `known` where it holds a ticket's
     * state and clocks, else read; call inside the transaction that changed them. The change is
     * applied by `publish`, once that transaction has committed.
     */
    stage(ticketIds: readonly string[], { known, recalled, now }: StagingInputs): { changes: StagedChange[]; publish: () => void } {
      // A ticket not yet read would be staged as new and counted twice, here and in the rollups.
      if (!ready) throw new Error('The live figures are being rebuilt from the store; no change may be staged until they are whole.');
      const fresh = new Map<string, TicketFacts | null>();
      const unknown: string[] = [];
      for (const id of ticketIds) {
        const folded = known?.folded.get(id);
        const clocks = known?.clocks.get(id);
        if (folded && clocks) fresh.set(id, factsOfFolded(folded, clocks, facts.get(id) ?? null));
        else unknown.push(id);
      }
      for (const ticket of reader.of(unknown)) fresh.set(ticket.id, ticket);
      const changes = ticketIds.map((id) => ({ before: facts.get(id) ?? recalled?.get(id) ?? null, after: fresh.get(id) ?? null }));
      return {
        changes,
        publish: () => {
          apply(changes, now - LIVE_HORIZON_MS);
          const touched = new Set<string>();
          for (const { before, after } of changes) {
            if (before) touched.add(before.centerId);
            if (after) touched.add(after.centerId);
          }
          if (touched.size > 0) bus.emit('figuresChanged', touched);
        },
      };
    },

    /** Every catalog figure of a scope; null when the scope names no region, center or engineer. */
    valuesOf(scope: MetricScope, window: MetricWindow, now: number): MetricValues | null {
      const found = desksIn(scope);
      return found === null ? null : scopeFigures(found.desks, (centerId) => zones.get(centerId) ?? 'UTC', window, now, found.shift);
    },

    /** The sample behind each rate and average of a scope (see scopeSamples); null when the scope names nothing. */
    samplesOf(scope: MetricScope, window: MetricWindow, now: number): MetricSamples | null {
      const found = desksIn(scope);
      return found === null ? null : scopeSamples(found.desks, (centerId) => zones.get(centerId) ?? 'UTC', window, now);
    },

    /** Created and resolved per UTC hour over the last `hours` hours including the current one, oldest first. */
    hourlyFlow(scope: MetricScope, now: number, hours: number): FlowBucket[] | null {
      const found = desksIn(scope);
      if (found === null) return null;
      const from = hourBucket(now) - (hours - 1) * HOUR_MS;
      return Array.from({ length: hours }, (_, i) => {
        const hourStart = from + i * HOUR_MS;
        const count = (pick: (desk: DeskLedger) => SortedInstants) => found.desks.reduce((total, desk) => total + pick(desk).countBetween(hourStart, hourStart + HOUR_MS - 1), 0);
        return { hourStart, created: count((desk) => desk.created), resolved: count((desk) => desk.resolved) };
      });
    },

    /** Each center's levels at `now`, for the sampled series. */
    centerLevels(now: number): Map<string, { backlogOpen: number; breachedOpen: number; atRiskOpen: number }> {
      const levels = new Map<string, { backlogOpen: number; breachedOpen: number; atRiskOpen: number }>();
      for (const centerId of zones.keys()) levels.set(centerId, { backlogOpen: 0, breachedOpen: 0, atRiskOpen: 0 });
      for (const desk of desks.values()) {
        const level = levels.get(desk.centerId);
        if (!level) continue;
        level.backlogOpen += desk.open;
        level.breachedOpen += desk.breachedFrom.countUpTo(now);
        level.atRiskOpen += desk.atRiskStarts.countUpTo(now) - desk.atRiskEnds.countUpTo(now);
      }
      return levels;
    },

    /** Centers, zones or engineers changed; the tickets did not. */
    referenceChanged(): void {
      readReference();
    },

    /**
     * Forgets tickets and instants that no window can reach any more, one desk or ticket a step, so
     * a caller can run it in slices. Each step leaves the state whole; changes staged between steps
     * are safe, since the maps are walked live and a ticket touched since is counted again.
     */
    *pruneSteps(now: number): Generator<void, void> {
      const horizon = now - LIVE_HORIZON_MS;
      for (const desk of desks.values()) {
        desk.pruneBefore(horizon);
        yield;
      }
      for (const [id, ticket] of facts) {
        if (!stillCounts(ticket, horizon)) {
          // Its instants are all past the horizon and already pruned; only what counts regardless of time is left to take out.
          deskOf(ticket).remove(ticket);
          facts.delete(id);
        }
        yield;
      }
    },

    /** Called after each applied change with the centers whose figures it may have moved. */
    onChange(listener: (centerIds: ReadonlySet<string>) => void): void {
      bus.on('figuresChanged', listener);
    },

    size(): number {
      return facts.size;
    },
  };
}

export type LiveMetrics = ReturnType<typeof createLiveMetrics>;
