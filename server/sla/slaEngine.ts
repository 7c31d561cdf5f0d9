import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { OPEN_TICKET, tickets } from '../../db/schema';
import type { StoredEvent } from '../../shared/domain/ticketFold';
import type { SlaClock } from '../../shared/sla/slaClock';
import type { SlaFiring } from '../../shared/sla/slaFiring';
import { computeTicketSla } from '../../shared/sla/ticketSlaClocks';
import type { Clock } from '../clock';
import type { EventLog } from '../store/eventLog';
import { createBreachTimer } from './breachTimer';
import { settleClock } from './firingPlan';
import type { SlaRulebook, SlaRules } from './slaRulebook';
import { type StoredSlaClock, clockKey, createSlaStore } from './slaStore';
import type { OrgTree } from '../org/orgTree';
import { createTicketContexts } from './ticketContexts';
import { runAfterCommit } from '../ingest/afterCommit';

export interface SlaEngineDeps {
  db: Db;
  clock: Clock;
  rulebook: SlaRulebook;
  eventLog: EventLog;
  org: OrgTree;
  log: (line: string) => void;
  /**
   * Engines downstream of the clocks (the live metrics) read the tickets again inside the same
   * transaction, whether events or a recompute changed them; what they return runs after commit.
   */
  afterStage?: (ticketIds: readonly string[]) => () => void;
}

/** What a change to some tickets' clocks owes once its transaction has committed. */
export type PublishSla = () => void;

function sameClock(a: StoredSlaClock, b: SlaClock): boolean {
  return a.policyId === b.policyId && a.targetMs === b.targetMs && a.dueAt === b.dueAt && a.state === b.state && a.calendarId === b.calendarId;
}

/**
 * The SLA engine: recomputes a ticket's clocks whenever its events change, inside the same
 * transaction, and fires warnings, breaches and met clocks at their moment from a timer queue keyed
 * by due time. Nothing ever scans all open tickets; after a restart the queue is rebuilt from the store.
 */
export function createSlaEngine(deps: SlaEngineDeps) {
  const { db, clock, rulebook, eventLog, org, log } = deps;
  const store = createSlaStore(db);
  const contexts = createTicketContexts(db, org);
  const listeners = new Set<(firings: SlaFiring[]) => void>();

  function computeClocks(
    ticketIds: readonly string[],
    eventsByTicket: ReadonlyMap<string, readonly StoredEvent[]>,
    rules: SlaRules,
    contextOf = contexts.forTickets(ticketIds),
  ): Map<string, SlaClock[]> {
    const computed = new Map<string, SlaClock[]>();
    for (const ticketId of ticketIds) {
      const events = eventsByTicket.get(ticketId) ?? [];
      const unavailable = (metric: string, reason: string) => log(`sla: no ${metric} clock for ticket '${ticketId}': ${reason}`);
      computed.set(ticketId, computeTicketSla({ ticketId, events, context: contextOf.get(ticketId) ?? null, policies: rules.policies, calendarFor: rules.calendarFor, unavailable }));
    }
    return computed;
  }

  function announce(firings: Omit<SlaFiring, 'regionIds'>[]): void {
    if (firings.length === 0 || listeners.size === 0) return;
    const scoped = firings.map((item) => ({ ...item, regionIds: org.regionsOfCenter(item.centerId) }));
    // Each listener on its own (dashboards, alerting): one that throws neither undoes the commit nor silences the others.
    for (const listener of listeners) runAfterCommit(log, 'an SLA firing listener', () => listener(scoped));
  }

  // Before start() (the importer, the bench) nothing is timed: start() rebuilds the queue from the store.
  let running = false;

  function schedule(rows: readonly StoredSlaClock[], removedKeys: readonly string[]): void {
    if (!running) return;
    for (const key of removedKeys) timer.cancel(key);
    for (const row of rows) {
      if (row.nextFireAt === null) timer.cancel(clockKey(row));
      else timer.schedule(clockKey(row), row.nextFireAt);
    }
  }

  /** Recomputes and stores the clocks of these tickets; call inside the transaction that changed them. */
  function stage(ticketIds: readonly string[], eventsByTicket: ReadonlyMap<string, readonly StoredEvent[]>): { publish: PublishSla; changedClocks: number } {
    const rules = rulebook.rules();
    const now = clock.now();
    const existing = store.forTickets(ticketIds);
    const contextOf = contexts.forTickets(ticketIds);
    const computed = computeClocks(ticketIds, eventsByTicket, rules, contextOf);
    const rows: StoredSlaClock[] = [];
    const changedRows: StoredSlaClock[] = [];
    const firings: Omit<SlaFiring, 'regionIds'>[] = [];
    const removedKeys: string[] = [];
    let changedClocks = 0;
    for (const ticketId of ticketIds) {
      const before = new Map((existing.get(ticketId) ?? []).map((row) => [clockKey(row), row]));
      const context = contextOf.get(ticketId);
      const centerId = context?.centerId;
      for (const clockNow of computed.get(ticketId) ?? []) {
        const previous = before.get(clockKey(clockNow));
        before.delete(clockKey(clockNow));
        if (!previous || !sameClock(previous, clockNow)) changedClocks++;
        const row: StoredSlaClock = {
          ...clockNow,
          centerId: centerId ?? previous?.centerId ?? '',
          policyVersion: rules.policyVersion,
          breached: previous?.breached ?? false,
          fired: previous?.fired ?? [],
          metAnnounced: previous?.metAnnounced ?? false,
          nextFireAt: previous?.nextFireAt ?? null,
          priority: context?.priority ?? previous?.priority ?? null,
          customerId: context?.customerId ?? previous?.customerId ?? null,
        };
        const settled = settleClock(row, now);
        rows.push(settled.row);
        if (!previous || !store.sameRow(previous, settled.row)) changedRows.push(settled.row);
        firings.push(...settled.firings);
      }
      changedClocks += before.size;
      removedKeys.push(...before.keys());
    }
    store.save(changedRows, removedKeys);
    const downstream = deps.afterStage?.(ticketIds);
    return {
      changedClocks,
      publish: () => {
        if (downstream) runAfterCommit(log, 'publishing the live figures', downstream);
        runAfterCommit(log, 'scheduling the SLA timers', () => schedule(rows, removedKeys));
        runAfterCommit(log, 'announcing SLA firings', () => announce(firings));
      },
    };
  }

  const commitDue = db.$client.transaction((keys: string[], now: number) => {
    const rows = store.byKeys(keys);
    const settled = rows.map((row) => settleClock(row, now));
    for (const item of settled) if (item.changed) store.saveAnnounced(item.row);
    return settled;
  });

  function fireDue(keys: string[], now: number): void {
    const settled = commitDue(keys, now);
    schedule(settled.map((item) => item.row), []);
    announce(settled.flatMap((item) => item.firings));
  }

  const timer = createBreachTimer({ clock, onDue: (due, now) => fireDue(due.map((entry) => entry.key), now), log });

  const recomputeChunk = db.$client.transaction((ticketIds: string[]) => stage(ticketIds, eventLog.forTickets(ticketIds)));

  return {
    stage,

    /** Rebuilds the timer queue from the store and fires at once whatever came due while the server was down. */
    start(): void {
      running = true;
      for (const { key, at } of store.pendingFires()) timer.schedule(key, at);
      timer.fireDue();
    },

    stop(): void {
      running = false;
      timer.stop();
    },

    /** Recomputes a chunk of tickets against the rules in force, in its own transaction. */
    recomputeTickets(ticketIds: string[]): { changedClocks: number } {
      const { publish, changedClocks } = recomputeChunk(ticketIds);
      publish();
      return { changedClocks };
    },

    /** The clocks in the store against those the given rules would give, saving nothing. */
    evaluate(ticketIds: string[], rules: SlaRules): Map<string, { before: SlaClock[]; after: SlaClock[] }> {
      const existing = store.forTickets(ticketIds);
      const computed = computeClocks(ticketIds, eventLog.forTickets(ticketIds), rules);
      return new Map(ticketIds.map((ticketId) => [ticketId, { before: existing.get(ticketId) ?? [], after: computed.get(ticketId) ?? [] }]));
    },

    ticketIdsPage(options: { openOnly: boolean; afterId: string | null; limit: number }): string[] {
      const after = options.afterId === null ? sql`` : sql`and ${tickets.id} > ${options.afterId}`;
      // Without stats the planner prefers the status index and sorts every open ticket per page; name the partial index.
      const source = options.openOnly ? sql`${tickets} indexed by tickets_open_id_idx where ${OPEN_TICKET}` : sql`${tickets} where 1`;
      return db.all<{ id: string }>(sql`select ${tickets.id} as id from ${source} ${after} order by ${tickets.id} limit ${options.limit}`).map((row) => row.id);
    },

    clocksOf(ticketId: string): StoredSlaClock[] {
      return store.forTicket(ticketId);
    },

    store,


    onFiring(listener: (firings: SlaFiring[]) => void): void {
      listeners.add(listener);
    },

    /** Fires what is due by the clock now; a test that moves its clock calls this instead of waiting. */
    fireDue(): number {
      return timer.fireDue();
    },

    pendingTimers(): number {
      return timer.size();
    },
  };
}

export type SlaEngine = ReturnType<typeof createSlaEngine>;
