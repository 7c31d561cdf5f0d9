import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { alertHistory, alertInstances } from '../../db/schema';

export type StoredInstance = typeof alertInstances.$inferSelect;
export type HistoryRow = Omit<typeof alertHistory.$inferInsert, 'id'>;

/** alert_instances and alert_history: one row per instance that ever left normal, and every change to it. */
export function createAlertRepository(db: Db) {
  return {
    /** What the engine holds in memory: every instance that ever left normal, so a return is a new episode of the same instance. */
    all(): StoredInstance[] {
      return db.select().from(alertInstances).all();
    },

    find(fingerprint: string): StoredInstance | undefined {
      return db.select().from(alertInstances).where(eq(alertInstances.fingerprint, fingerprint)).get();
    },

    /** Writes instances and their history together; the caller's transaction makes it one commit. */
    save(instances: readonly StoredInstance[], history: readonly HistoryRow[]): void {
      db.transaction((tx) => {
        for (const row of instances) {
          const { fingerprint, ...rest } = row;
          tx.insert(alertInstances).values(row).onConflictDoUpdate({ target: alertInstances.fingerprint, set: rest }).run();
        }
        if (history.length > 0) tx.insert(alertHistory).values([...history]).run();
      });
    },

    history(fingerprint: string, limit = 500) {
      return db.select().from(alertHistory).where(eq(alertHistory.fingerprint, fingerprint)).orderBy(desc(alertHistory.at), desc(alertHistory.id)).limit(limit).all();
    },
  };
}

export type AlertRepository = ReturnType<typeof createAlertRepository>;
