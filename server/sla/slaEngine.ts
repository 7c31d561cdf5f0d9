import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { OPEN_TICKET, tickets } from '../../db/schema';
import { clockSpans } from '../../shared/sla/clockSpans';
import type { SlaClock } from '../../shared/sla/slaClock';
import type { SlaFiring } from '../../shared/sla/slaFiring';
import { spanClocksOf } from '../../shared/sla/ticketSlaClocks';
import type { StoredEvent } from '../../shared/domain/ticketFold';
import type { Clock } from '../clock';
import type { EventLog } from '../store/eventLog';
import { createBreachTimer } from './breachTimer';
import { createChosenRulesMemo } from './chosenRules';
import { settleClock } from './firingPlan';
import { newClockStaging, previousFromStore } from './clockStaging';
import { createKeptClocks } from './keptClocks';
import type { SlaRulebook, SlaRules } from './slaRulebook';
import { type StoredSlaClock, clockKey, createSlaStore } from './slaStore';
import type { OrgTree } from '../org/orgTree';
import { type TicketContext, createTicketContexts } from './ticketContexts';
import { runAfterCommit } from '../ingest/afterCommit';
import { type AfterCommit, type CommitBatch, type CommitBus, type CommitStage, createCommitPipeline, newCommitBatch } from '../ingest/commitPipeline';

export interface SlaEngineDeps {
  db: Db;
  clock: Clock;
  rulebook: SlaRulebook;
  eventLog: EventLog;
  org: OrgTree;
  log: (line: string) => void;
  /** Where firings are announced once their commit stands. */
  bus: CommitBus;
  /**
   * The stages upstream of the clocks that a recompute needs too (the live figures' recall of tickets
   * they no longer hold): without it, such a ticket's rollup marks would be counted a second time.
   */
  beforeClocks?: readonly CommitStage[];
  /**
   * The stages downstream of the clocks (live figures, rollups): a recompute after a policy change runs
   * them after its own clock stage, in its transaction, as ingest does.
   */
  afterClocks?: readonly CommitStage[];
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
  deps.bus.on('referenceChanged', () => contexts.forgetReferences());

  const chosenRules = createChosenRulesMemo();

  function clockMaker(ticketId: string, context: TicketContext | undefined, rules: SlaRules) {
    const unavailable = (metric: string, reason: string) => log(`sla: no ${metric} clock for ticket '${ticketId}': ${reason}`);
    const chosen = context && chosenRules(rules, context);
    return spanClocksOf({ ticketId, context: context ?? null, policies: rules.policies, calendarFor: rules.calendarFor, unavailable }, chosen);
  }

  /** Every clock of each ticket from its history, under the given rules. */
  function computeClocks(ticketIds: readonly string[], historyOf: (ticketId: string) => readonly StoredEvent[], rules: SlaRules): Map<string, SlaClock[]> {
    const contextOf = contexts.forTickets(ticketIds);
    const computed = new Map<string, SlaClock[]>();
    for (const ticketId of ticketIds) {
      const clockOf = clockMaker(ticketId, contextOf.get(ticketId), rules);
      computed.set(ticketId, clockSpans(historyOf(ticketId)).flatMap((span) => clockOf(span) ?? []));
    }
    return computed;
  }

  const kept = createKeptClocks();

  function announce(firings: Omit<SlaFiring, 'regionIds'>[]): void {
    if (firings.length === 0 || !deps.bus.heard('slaFired')) return;
    deps.bus.emit('slaFired', firings.map((item) => ({ ...item, regionIds: org.regionsOfCenter(item.centerId) })));
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

  /**
   * Recomputes and stores the clocks of the batch's tickets whose spans, context or rules moved, from the
   * spans their fold left or, for a recompute, from the log; returns what it owes once the transaction commits.
   */
  function stageClocks(batch: CommitBatch): { publish: AfterCommit; changedClocks: number } {
    const rules = rulebook.rules();
    const contextOf = contexts.forTickets(batch.ticketIds, batch.folded);
    const fromLog = eventLog.forTickets(batch.ticketIds.filter((ticketId) => !batch.clockSpans.has(ticketId)));
    const staging = newClockStaging(rules, clock.now(), (ticketId, context) => clockMaker(ticketId, context, rules), batch.clocksNow);
    const stored = store.forTickets(batch.ticketIds.filter((ticketId) => !kept.get(ticketId)));
    for (const ticketId of batch.ticketIds) {
      const previous = kept.get(ticketId) ?? previousFromStore(stored.get(ticketId) ?? []);
      const spans = batch.clockSpans.get(ticketId) ?? clockSpans(fromLog.get(ticketId) ?? []);
      staging.stageTicket(ticketId, spans, contextOf.get(ticketId), previous);
    }
    store.save(staging.changedRows, staging.removedKeys);
    return {
      changedClocks: staging.changedClocks,
      publish: () => {
        for (const [ticketId, clocks] of staging.keptNext) kept.put(ticketId, clocks);
        runAfterCommit(log, 'scheduling the SLA timers', () => schedule(staging.changedRows, staging.removedKeys));
        announce(staging.firings);
      },
    };
  }

  const clockStage: CommitStage = { name: 'the SLA clocks', run: (batch) => stageClocks(batch).publish };

  const commitDue = db.$client.transaction((keys: string[], now: number) => {
    const rows = store.byKeys(keys);
    const settled = rows.map((row) => settleClock(row, now));
    for (const item of settled) if (item.changed) store.saveAnnounced(item.row);
    return settled;
  });

  function fireDue(keys: string[], now: number): void {
    const settled = commitDue(keys, now);
    for (const item of settled) if (item.changed) kept.announced(item.row);
    schedule(settled.map((item) => item.row), []);
    announce(settled.flatMap((item) => item.firings));
  }

  const timer = createBreachTimer({ clock, onDue: (due, now) => fireDue(due.map((entry) => entry.key), now), log });

  let changedByRecompute = 0;
  const recompute = createCommitPipeline(
    db,
    [...(deps.beforeClocks ?? []), { name: 'the SLA clocks', run: (batch) => {
      const staged = stageClocks(batch);
      changedByRecompute = staged.changedClocks;
      return staged.publish;
    } }, ...(deps.afterClocks ?? [])],
    log,
  );

  return {
    /** The ingest pipeline's clock stage (see createCommitPipeline). */
    clockStage,

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
      changedByRecompute = 0;
      recompute.commit(newCommitBatch('recompute', clock.now(), [], ticketIds));
      return { changedClocks: changedByRecompute };
    },

    /** The clocks in the store against those the given rules would give, saving nothing. */
    evaluate(ticketIds: string[], rules: SlaRules): Map<string, { before: SlaClock[]; after: SlaClock[] }> {
      const existing = store.forTickets(ticketIds);
      const history = eventLog.forTickets(ticketIds);
      const computed = computeClocks(ticketIds, (ticketId) => history.get(ticketId) ?? [], rules);
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
      deps.bus.on('slaFired', listener);
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
