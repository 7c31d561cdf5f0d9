import { ACTIVE_ALERT_STATES } from '../../shared/alerts/alertVocabulary';
import { fingerprintOf, instanceLabels } from '../../shared/alerts/alertLabels';
import { advance } from '../../shared/alerts/alertStateMachine';
import { SLA_ALERT_RULES, SLA_LADDER, SLA_NO_ESCALATION } from '../../shared/alerts/builtinRules';
import { escalationLevelAt } from '../../shared/alerts/escalation';
import type { EscalationStep } from '../../shared/alerts/ruleSchema';
import { type MetricScope, scopeText } from '../../shared/metrics/metricQuery';
import type { AlertRepository, StoredInstance } from './alertRepository';
import type { AlertScopes } from './alertScopes';
import { ENGINE_ACTOR, type ChangeSet, createChangeSet, isOpen, newInstance, progressOf } from './alertInstance';
import type { RuleRepository, StoredRule } from './ruleRepository';
import type { SlaBreachGroup } from './slaBreachGroups';
import { type FigureSources, createFigureRound, createSampleMemory, observationOf } from './ruleObservation';

export interface AlertEngineDeps extends FigureSources {
  rules: RuleRepository;
  alerts: AlertRepository;
  scopes: AlertScopes;
  log: (line: string) => void;
}

/**
 * Evaluates the rules when each is due (the caller's clock decides when; the engine only compares
 * instants), turns SLA firings into grouped alerts, climbs escalation ladders, and takes
 * acknowledgements and assignments. Every instance that ever left normal is held in memory and in
 * alert_instances; each round or action commits as one transaction, so a restart picks up exactly
 * where the last commit left off.
 */
export function createAlertEngine(deps: AlertEngineDeps) {
  const instances = new Map(deps.alerts.all().map((row) => [row.fingerprint, row]));
  const samples = createSampleMemory();
  let rules = new Map<string, StoredRule>();
  const nextEvalAt = new Map<string, number>();
  /** The round in progress: its reads, and how many scopes of a rule cut short by a slice are done. */
  let round: { now: number; figureOf: ReturnType<typeof createFigureRound>; scopesDone: Map<string, number> } | null = null;

  function loadRules(): void {
    rules = new Map(deps.rules.all().map((rule) => [rule.id, rule]));
    // After a restart a rule resumes one interval after its last evaluation, not at once.
    for (const instance of instances.values()) {
      const rule = rules.get(instance.ruleId);
      if (rule && !nextEvalAt.has(rule.id)) nextEvalAt.set(rule.id, instance.lastEvaluatedAt + rule.definition.intervalMs);
    }
  }
  loadRules();

  function commit(changes: ChangeSet): StoredInstance[] {
    if (changes.touched.size === 0 && changes.history.length === 0) return [];
    deps.alerts.save([...changes.touched.values()], changes.history);
    return [...changes.announced].map((fingerprint) => instances.get(fingerprint)!);
  }

  function instanceFor(ruleId: string, definition: { metric: string; severity: StoredInstance['severity']; labels: Record<string, string> }, scope: string, now: number): StoredInstance {
    const labels = instanceLabels(ruleId, definition, scope);
    const fingerprint = fingerprintOf(ruleId, labels);
    const existing = instances.get(fingerprint);
    if (existing) return existing;
    const created = newInstance({ fingerprint, ruleId, scope, labels, severity: definition.severity }, now);
    instances.set(fingerprint, created);
    return created;
  }

  function evaluateScope(rule: StoredRule, scope: MetricScope, now: number, figureOf: ReturnType<typeof createFigureRound>, changes: ChangeSet): void {
    const definition = rule.definition;
    const text = scopeText(scope);
    const sampleKey = `${rule.id}|${text}`;
    let value: number | null = null;
    let error: string | null = null;
    try {
      value = figureOf(definition, scope);
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
    }
    const { condition, intervalMs } = definition;
    const earlier = condition.kind === 'change' ? samples.valueAt(sampleKey, now - condition.overMs, 2 * intervalMs) : null;
    if (condition.kind === 'change') samples.record(sampleKey, now, value, condition.overMs + 2 * intervalMs);
    const observation = error === null ? observationOf(definition, value, earlier) : { kind: 'error' as const };
    const fingerprint = fingerprintOf(rule.id, instanceLabels(rule.id, definition, text));
    // An instance that never left normal is not kept; most scopes of most rules are quiet.
    if (observation === null || (!instances.has(fingerprint) && (observation.kind === 'clear' || (observation.kind === 'nodata' && definition.noData === 'normal')))) return;
    const instance = instanceFor(rule.id, definition, text, now);
    const valueChanged = instance.value !== value || instance.error !== error;
    Object.assign(instance, { value, error, lastEvaluatedAt: now, severity: definition.severity });
    if (valueChanged || isOpen(instance.state)) changes.write(instance, valueChanged && isOpen(instance.state));
    changes.move(instance, advance(progressOf(instance), observation, now, definition), now, ENGINE_ACTOR);
    escalateOne(instance, now, changes);
  }

  /** Whether each SLA group climbs its ladder, as the policy said at its last count; before one, info groups do not. */
  const slaEscalates = new Map<string, boolean>();
  /** Each open SLA group's clocks by center at its last count: what a region's group names. Counted again within seconds of a restart. */
  const slaByCenter = new Map<string, Record<string, number>>();

  function ladderOf(instance: StoredInstance): readonly EscalationStep[] {
    const rule = rules.get(instance.ruleId);
    if (rule) return rule.definition.escalation;
    return (slaEscalates.get(instance.fingerprint) ?? instance.severity !== 'info') ? SLA_LADDER : SLA_NO_ESCALATION;
  }

  function escalateOne(instance: StoredInstance, now: number, changes: ChangeSet): void {
    if (!ACTIVE_ALERT_STATES.includes(instance.state)) return;
    const level = escalationLevelAt(ladderOf(instance), instance.firingSince, instance.acknowledgedAt !== null, instance.escalationLevel, now);
    if (level <= instance.escalationLevel) return;
    Object.assign(instance, { escalationLevel: level, escalatedAt: now });
    changes.write(instance, true);
    changes.note({ fingerprint: instance.fingerprint, at: now, kind: 'escalate', fromState: null, toState: null, actor: ENGINE_ACTOR, comment: null, value: null, detail: { level } });
  }

  function escalate(now: number, changes: ChangeSet): void {
    for (const instance of instances.values()) escalateOne(instance, now, changes);
  }

  function requireOpen(fingerprint: string): StoredInstance {
    const instance = instances.get(fingerprint) ?? deps.alerts.find(fingerprint);
    if (!instance) throw new AlertActionError('not_found', `No alert ${fingerprint}.`);
    if (!isOpen(instance.state)) throw new AlertActionError('conflict', `Alert ${fingerprint} is ${instance.state}; only an open alert can be acknowledged or assigned.`);
    return instance;
  }

  return {
    instances: (): Iterable<StoredInstance> => instances.values(),
    instance: (fingerprint: string): StoredInstance | undefined => instances.get(fingerprint),
    rule: (id: string): StoredRule | undefined => rules.get(id),
    rules: (): StoredRule[] => [...rules.values()],
    /** An open SLA group's breached open clocks by center id at its last count; null for any other alert. */
    slaByCenter: (fingerprint: string): Readonly<Record<string, number>> | null => slaByCenter.get(fingerprint) ?? null,

    /**
     * A round at `now`: every rule whose interval has come round, then the ladders.
     * Stops between two scopes once `enough()` says so, leaving the rest due (`done: false`), so a
     * caller can let other work run and call again with the same instant to carry on.
     */
    evaluateDue(now: number, enough: () => boolean = () => false): { changed: StoredInstance[]; done: boolean } {
      // The slices of one round share its reads.
      if (round?.now !== now) round = { now, figureOf: createFigureRound(deps, now), scopesDone: new Map() };
      const { figureOf, scopesDone } = round;
      const changes = createChangeSet();
      for (const rule of rules.values()) {
        if (!rule.enabled || (nextEvalAt.get(rule.id) ?? -Infinity) > now) continue;
        const scopes = deps.scopes.expand(rule.definition.scopes);
        for (let done = scopesDone.get(rule.id) ?? 0; done < scopes.length; done++) {
          if (enough()) {
            scopesDone.set(rule.id, done);
            return { changed: commit(changes), done: false };
          }
          evaluateScope(rule, scopes[done]!, now, figureOf, changes);
        }
        scopesDone.delete(rule.id);
        nextEvalAt.set(rule.id, now + rule.definition.intervalMs);
      }
      escalate(now, changes);
      // The next round reads afresh, even at the same instant (a stopped clock in a test, two rounds within a millisecond).
      round = null;
      return { changed: commit(changes), done: true };
    },

    /**
     * The SLA breach groups as they stand now (scope × metric label × severity, each with its breached
     * open clocks): a group with at least its minimum fires with that count and keeps firing while any
     * is left; an open group with none resolves.
     */
    slaGroupsObserved(groups: readonly SlaBreachGroup[], now: number): StoredInstance[] {
      const changes = createChangeSet();
      const present = new Set<string>();
      for (const group of groups) {
        const labels = instanceLabels('sla.breach', { metric: group.metric, severity: group.severity, labels: {} }, group.scope);
        const existing = instances.get(fingerprintOf('sla.breach', labels));
        const firing = existing !== undefined && ACTIVE_ALERT_STATES.includes(existing.state);
        if (!firing && group.count < group.minCount) continue;
        const instance = existing ?? instanceFor('sla.breach', { metric: group.metric, severity: group.severity, labels: {} }, group.scope, now);
        present.add(instance.fingerprint);
        slaEscalates.set(instance.fingerprint, group.escalates);
        const spreadChanged = !sameCounts(slaByCenter.get(instance.fingerprint), group.byCenter);
        slaByCenter.set(instance.fingerprint, group.byCenter);
        instance.lastTrueAt = now;
        if (!firing) {
          Object.assign(instance, { count: group.count, value: group.count, lastEvaluatedAt: now });
          changes.move(instance, { ...progressOf(instance), state: 'firing', stateSince: now, firingSince: now, pendingSince: null, resolvedAt: null, lastTrueAt: now }, now, ENGINE_ACTOR);
        } else if (instance.count !== group.count || spreadChanged) {
          Object.assign(instance, { count: group.count, value: group.count, lastEvaluatedAt: now });
          changes.write(instance, true);
        }
      }
      for (const instance of instances.values()) {
        if (!(instance.ruleId in SLA_ALERT_RULES) || !isOpen(instance.state) || present.has(instance.fingerprint)) continue;
        Object.assign(instance, { count: 0, value: 0, lastEvaluatedAt: now });
        slaByCenter.delete(instance.fingerprint);
        changes.move(instance, { ...progressOf(instance), state: 'resolved', stateSince: now, resolvedAt: now, pendingSince: null }, now, ENGINE_ACTOR);
      }
      escalate(now, changes);
      return commit(changes);
    },

    acknowledge(fingerprint: string, actor: string, comment: string, now: number): StoredInstance {
      const instance = requireOpen(fingerprint);
      const changes = createChangeSet();
      Object.assign(instance, { acknowledgedBy: actor, acknowledgedAt: now, acknowledgeComment: comment });
      changes.write(instance, true);
      changes.note({ fingerprint, at: now, kind: 'acknowledge', fromState: null, toState: null, actor, comment, value: null, detail: null });
      commit(changes);
      return instance;
    },

    assign(fingerprint: string, actor: string, assignee: string | null, comment: string, now: number): StoredInstance {
      const instance = requireOpen(fingerprint);
      const changes = createChangeSet();
      instance.assignee = assignee;
      changes.write(instance, true);
      changes.note({ fingerprint, at: now, kind: 'assign', fromState: null, toState: null, actor, comment, value: null, detail: { assignee } });
      commit(changes);
      return instance;
    },

    /**
     * After a rule is saved or deleted: its next round is now, and open alerts it no longer produces
     * resolve: those of a rule gone or disabled, and those whose scope or labels an edit took away
     * (they would never be evaluated again).
     */
    rulesChanged(actor: string, now: number): StoredInstance[] {
      const changes = createChangeSet();
      const edited = deps.rules.all().filter((rule) => rules.get(rule.id)?.version !== rule.version);
      for (const rule of edited) nextEvalAt.set(rule.id, now);
      loadRules();
      const produced = new Set(edited.flatMap((rule) => deps.scopes.expand(rule.definition.scopes).map((scope) => fingerprintOf(rule.id, instanceLabels(rule.id, rule.definition, scopeText(scope))))));
      const editedIds = new Set(edited.map((rule) => rule.id));
      for (const instance of instances.values()) {
        if (instance.ruleId in SLA_ALERT_RULES || !isOpen(instance.state)) continue;
        const gone = !rules.get(instance.ruleId)?.enabled || (editedIds.has(instance.ruleId) && !produced.has(instance.fingerprint));
        if (gone) changes.move(instance, { ...progressOf(instance), state: 'resolved', stateSince: now, resolvedAt: now, pendingSince: null }, now, actor);
      }
      return commit(changes);
    },
  };
}

function sameCounts(before: Record<string, number> | undefined, now: Record<string, number>): boolean {
  if (!before) return false;
  const keys = Object.keys(now);
  return keys.length === Object.keys(before).length && keys.every((key) => before[key] === now[key]);
}

export class AlertActionError extends Error {
  constructor(
    readonly code: 'not_found' | 'conflict',
    message: string,
  ) {
    super(message);
  }
}

export type AlertEngine = ReturnType<typeof createAlertEngine>;
