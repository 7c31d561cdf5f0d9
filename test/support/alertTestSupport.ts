import type { Db } from '../../db/connection';
import type { AlertRuleInput } from '../../shared/alerts/ruleSchema';
import { alertRuleDefinitionSchema } from '../../shared/alerts/ruleSchema';
import { type ManualClock, manualClock } from './manualClock';
import { smallNetwork } from './smallNetwork';
import { type TempDb, openTempDb } from './tempDb';
import { type Core, createCore } from '../../server/core';
import { computeMetrics } from '../../server/metrics/metricReference';
import { type Alerting, type AlertingDeps, createAlerting } from '../../server/alerts/alerting';

export const MINUTE = 60_000;
/** 2026-11-23 10:00 in Shanghai. */
export const START = Date.parse('2026-11-23T02:00:00Z');

export interface AlertingWorld {
  dir: string;
  dbPath: string;
  db: Db;
  core: Core;
  alerting: Alerting;
  clock: ManualClock;
  /** The same database opened again by a fresh process's worth of objects. */
  restart(): AlertingWorld;
  close(): void;
}

function open(temp: TempDb, clock: ManualClock, options: Partial<AlertingDeps>, fresh: boolean): AlertingWorld {
  const { db } = temp;
  const core = createCore(db, clock);
  if (fresh) for (const kind of ['regions', 'centers', 'engineers', 'customers', 'products'] as const) core.referenceService.upsert(kind, smallNetwork[kind] as never);
  const alerting = createAlerting({
    db, clock, org: core.org, log: () => {}, tickMs: null,
    readMetrics: (scope, window, now) => computeMetrics(db, core.org, { scope, window, now }).values,
    ...options,
  });
  // As the server wires it: a breach that fires has the SLA groups counted again at the next round.
  core.slaEngine.onFiring((firings) => alerting.slaFired(firings));
  if (fresh) {
    // Built-in rules would add their own alerts; each test names the rules it is about.
    for (const rule of alerting.rules.all()) alerting.rules.update(rule.id, { definition: rule.definition, enabled: false, updatedBy: 'test', updatedAt: clock.now() });
    alerting.engine.rulesChanged('test', clock.now());
  }
  return {
    dir: temp.dir, dbPath: temp.path, db, core, alerting, clock,
    restart() {
      temp.reopen();
      return open(temp, clock, options, false);
    },
    close: temp.close,
  };
}

/** A real SQLite file in a temp dir with the small network, the real core and alerting, and a clock the test moves. */
export function openAlertingWorld(options: Partial<AlertingDeps> = {}): AlertingWorld {
  return open(openTempDb('alerting-'), manualClock(START), options, true);
}

export function addRule(world: AlertingWorld, id: string, input: Partial<AlertRuleInput>): void {
  const definition = alertRuleDefinitionSchema.parse({
    name: id, metric: 'backlog_open', scopes: { kind: 'list', scopes: ['center:sh-01'] }, condition: { kind: 'threshold', op: '>', threshold: 1 },
    intervalMs: MINUTE, severity: 'warning', summary: { 'zh-CN': id, en: id }, ...input,
  });
  world.alerting.rules.insert({ id, definition, enabled: true, updatedBy: 'test', updatedAt: world.clock.now() });
  world.alerting.engine.rulesChanged('test', world.clock.now());
}

let ticketSeq = 0;
/** Opens tickets at a center now; returns their ids. */
export function openTickets(world: AlertingWorld, count: number, centerId = 'sh-01'): string[] {
  const at = new Date(world.clock.now()).toISOString();
  const ids = Array.from({ length: count }, () => `AT-${++ticketSeq}`);
  const events = ids.map((ticketId) => ({
    id: `${ticketId}-created`, type: 'ticket.created', at, ticketId,
    data: { centerId, customerId: 'c-003', priority: 'P3', type: 'repair', channel: 'hotline', productModel: 'AC-9000', symptom: '不制冷' },
  }));
  const result = world.core.ingestService.ingest(events, 'test');
  if (result.rejected.length > 0) throw new Error(JSON.stringify(result.rejected));
  return ids;
}

export function cancelTickets(world: AlertingWorld, ids: readonly string[]): void {
  const at = new Date(world.clock.now()).toISOString();
  const result = world.core.ingestService.ingest(ids.map((ticketId) => ({ id: `${ticketId}-cancelled-${at}`, type: 'ticket.cancelled', at, ticketId, data: {} })), 'test');
  if (result.rejected.length > 0) throw new Error(JSON.stringify(result.rejected));
}

/**
 * Opens `count` tickets at a center whose resolution promise (72 h for a standard customer) is already
 * broken: created 80 h ago, answered and visited at once, not resolved. Ids run from `from`.
 */
export function breachResolution(world: AlertingWorld, centerId: string, count: number, from = 0): void {
  const created = world.clock.now() - 80 * 60 * MINUTE;
  const iso = (at: number) => new Date(at).toISOString();
  const events = Array.from({ length: count }, (_, i) => `T-${centerId}-${from + i}`).flatMap((ticketId) => [
    { id: `${ticketId}-created`, type: 'ticket.created', at: iso(created), ticketId, data: { centerId, customerId: 'c-003', priority: 'P3', type: 'repair', channel: 'hotline', productModel: 'AC-9000', symptom: '不制冷' } },
    { id: `${ticketId}-arrived`, type: 'ticket.engineer_arrived', at: iso(created + 30 * MINUTE), ticketId, data: {} },
  ]);
  const result = world.core.ingestService.ingest(events, 'test');
  if (result.rejected.length > 0) throw new Error(JSON.stringify(result.rejected));
}

/** Resolves the tickets breachResolution opened, now: their breached clocks stop. */
export function resolveBreaches(world: AlertingWorld, centerId: string, count: number, from = 0): void {
  const at = new Date(world.clock.now()).toISOString();
  const events = Array.from({ length: count }, (_, i) => `T-${centerId}-${from + i}`).map((ticketId) => ({ id: `${ticketId}-resolved`, type: 'ticket.resolved', at, ticketId, data: { cause: '压缩机' } }));
  const result = world.core.ingestService.ingest(events, 'test');
  if (result.rejected.length > 0) throw new Error(JSON.stringify(result.rejected));
}

/** Moves the clock a minute at a time, ticking each minute, and returns the instance's state after each. */
export async function runMinutes(world: AlertingWorld, minutes: number, fingerprintOfInterest?: () => string | undefined): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < minutes; i++) {
    world.clock.advance(MINUTE);
    await world.alerting.tick();
    const fingerprint = fingerprintOfInterest?.();
    seen.push(fingerprint ? (world.alerting.engine.instance(fingerprint)?.state ?? 'none') : 'none');
  }
  return seen;
}
