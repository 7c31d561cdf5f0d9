import type { InstanceProgress } from '../../shared/alerts/alertStateMachine';
import type { AlertSeverity, AlertState } from '../../shared/alerts/alertVocabulary';
import type { HistoryRow, StoredInstance } from './alertRepository';

export const ENGINE_ACTOR = 'engine';

export function newInstance(fields: { fingerprint: string; ruleId: string; scope: string; labels: Record<string, string>; severity: AlertSeverity }, now: number): StoredInstance {
  return {
    ...fields,
    state: 'normal', value: null, count: 0, stateSince: now, pendingSince: null, firingSince: null, lastTrueAt: null, lastEvaluatedAt: now, resolvedAt: null,
    error: null, acknowledgedBy: null, acknowledgedAt: null, acknowledgeComment: null, assignee: null, escalationLevel: 0, escalatedAt: null,
  };
}

export function progressOf(instance: StoredInstance): InstanceProgress {
  const { state, stateSince, pendingSince, firingSince, lastTrueAt, resolvedAt } = instance;
  return { state, stateSince, pendingSince, firingSince, lastTrueAt, resolvedAt };
}

/** Instances someone may act on: acknowledged, assigned, escalated. */
export function isOpen(state: AlertState): boolean {
  return state !== 'normal' && state !== 'resolved';
}

/**
 * The changes of one round or one action: instances to write, history to append, and which
 * instances changed in a way screens should hear about.
 */
export function createChangeSet() {
  const touched = new Map<string, StoredInstance>();
  const history: HistoryRow[] = [];
  const announced = new Set<string>();
  return {
    touched,
    history,
    announced,
    write(instance: StoredInstance, announce: boolean): void {
      touched.set(instance.fingerprint, instance);
      if (announce) announced.add(instance.fingerprint);
    },
    note(row: HistoryRow): void {
      history.push(row);
      announced.add(row.fingerprint);
    },
    /** Moves an instance along; a new state is a history entry, and resolving clears its acknowledgement and escalation. */
    move(instance: StoredInstance, next: InstanceProgress, at: number, actor: string): void {
      const from = instance.state;
      Object.assign(instance, next);
      if (from === next.state) return;
      if (next.state === 'resolved') Object.assign(instance, { acknowledgedBy: null, acknowledgedAt: null, acknowledgeComment: null, escalationLevel: 0, escalatedAt: null });
      this.write(instance, true);
      this.note({ fingerprint: instance.fingerprint, at, kind: 'state', fromState: from, toState: next.state, actor, comment: null, value: instance.value, detail: instance.error ? { error: instance.error } : null });
    },
  };
}

export type ChangeSet = ReturnType<typeof createChangeSet>;
