import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { alertHistory, alertInstances } from '../../db/schema';
import { ALERT_STATES } from '../../shared/alerts/alertVocabulary';
import { PRUNE_CHUNK, deletionSteps } from '../eventLoopSlices';
import { isOpen } from './alertInstance';

export type StoredInstance = typeof alertInstances.$inferSelect;
export type HistoryRow = Omit<typeof alertHistory.$inferInsert, 'id'>;

/** alert_instances' columns and the StoredInstance field each is written from, fingerprint (the key) first. */
const INSTANCE_COLUMNS: readonly (readonly [string, keyof StoredInstance])[] = [
  ['fingerprint', 'fingerprint'], ['rule_id', 'ruleId'], ['scope', 'scope'], ['labels', 'labels'], ['severity', 'severity'], ['state', 'state'],
  ['value', 'value'], ['count', 'count'], ['state_since', 'stateSince'], ['pending_since', 'pendingSince'], ['firing_since', 'firingSince'],
  ['last_true_at', 'lastTrueAt'], ['last_evaluated_at', 'lastEvaluatedAt'], ['resolved_at', 'resolvedAt'], ['error', 'error'],
  ['acknowledged_by', 'acknowledgedBy'], ['acknowledged_at', 'acknowledgedAt'], ['acknowledge_comment', 'acknowledgeComment'],
  ['assignee', 'assignee'], ['escalation_level', 'escalationLevel'], ['escalated_at', 'escalatedAt'],
];

/** States whose history retention may drop; literal in the SQL, as the state index wants. */
const CLOSED_STATES = ALERT_STATES.filter((state) => !isOpen(state)).map((state) => `'${state}'`).join(', ');

/** alert_instances and alert_history: one row per instance that ever left normal, and every change to it. */
export function createAlertRepository(db: Db) {
  const upsertInstance = db.$client.prepare(`insert into alert_instances (${INSTANCE_COLUMNS.map(([column]) => column).join(', ')})
    values (${INSTANCE_COLUMNS.map(([, field]) => `@${field}`).join(', ')})
    on conflict (fingerprint) do update set ${INSTANCE_COLUMNS.slice(1).map(([column]) => `${column} = excluded.${column}`).join(', ')}`);
  const appendHistory = db.$client.prepare(`insert into alert_history (fingerprint, at, kind, from_state, to_state, actor, comment, value, detail)
    values (@fingerprint, @at, @kind, @fromState, @toState, @actor, @comment, @value, @detail)`);
  const writeAll = db.$client.transaction((instances: readonly StoredInstance[], history: readonly HistoryRow[]) => {
    for (const row of instances) upsertInstance.run({ ...row, labels: JSON.stringify(row.labels) });
    for (const row of history) {
      appendHistory.run({ fromState: null, toState: null, comment: null, value: null, ...row, detail: row.detail ? JSON.stringify(row.detail) : null });
    }
  });

  const closedAfter = db.$client.prepare(`select fingerprint from alert_instances where fingerprint > ? and state in (${CLOSED_STATES}) order by fingerprint limit ?`).pluck();
  // The state is checked again in the delete itself: an instance may have reopened since its fingerprint was read.
  const dropOldHistory = db.$client.prepare(`delete from alert_history where id in (select id from alert_history where fingerprint = @fingerprint and at < @horizon limit @limit)
    and exists (select 1 from alert_instances where fingerprint = @fingerprint and state in (${CLOSED_STATES}))`);

  return {
    /** What the engine holds in memory: every instance that ever left normal, so a return is a new episode of the same instance. */
    all(): StoredInstance[] {
      return db.select().from(alertInstances).all();
    },

    find(fingerprint: string): StoredInstance | undefined {
      return db.select().from(alertInstances).where(eq(alertInstances.fingerprint, fingerprint)).get();
    },

    /**
     * Writes instances and their history in one transaction. A round can write thousands of rows, so
     * this runs two prepared statements row by row: building each row's SQL anew cost more than the
     * round's evaluation, and one multi-row insert could pass SQLite's limit on bound values.
     */
    save(instances: readonly StoredInstance[], history: readonly HistoryRow[]): void {
      writeAll(instances, history);
    },

    history(fingerprint: string, limit = 500) {
      return db.select().from(alertHistory).where(eq(alertHistory.fingerprint, fingerprint)).orderBy(desc(alertHistory.at), desc(alertHistory.id)).limit(limit).all();
    },

    /**
     * Drops history before the horizon of instances that are resolved (or back to normal), PRUNE_CHUNK
     * rows a step, each delete a range of the (fingerprint, at) index; an open instance keeps all of it.
     */
    *pruneHistorySteps(horizon: number): Generator<void, void> {
      for (let after = ''; ; ) {
        const fingerprints = closedAfter.all(after, PRUNE_CHUNK) as string[];
        for (const fingerprint of fingerprints) yield* deletionSteps((limit) => dropOldHistory.run({ fingerprint, horizon, limit }).changes);
        if (fingerprints.length < PRUNE_CHUNK) return;
        after = fingerprints.at(-1)!;
      }
    },
  };
}

export type AlertRepository = ReturnType<typeof createAlertRepository>;
