import { randomBytes } from 'node:crypto';
import { desc, eq, gt } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { alertSilences } from '../../db/schema';

export type StoredSilence = typeof alertSilences.$inferSelect;

/** alert_silences, with the ones not yet over held in memory: every evaluation round asks them. */
export function createSilenceRepository(db: Db) {
  let current: StoredSilence[] | null = null;
  return {
    /** Silences not over at `now`, including ones that start later. */
    current(now: number): StoredSilence[] {
      current ??= db.select().from(alertSilences).where(gt(alertSilences.endsAt, now)).all();
      return current.filter((silence) => silence.endsAt > now);
    },

    /** Every silence, newest first; the list is filtered by scope and status, so it reads them all (silences are few). */
    all(): StoredSilence[] {
      return db.select().from(alertSilences).orderBy(desc(alertSilences.createdAt)).all();
    },

    find(id: string): StoredSilence | undefined {
      return db.select().from(alertSilences).where(eq(alertSilences.id, id)).get();
    },

    create(row: Omit<StoredSilence, 'id'>): StoredSilence {
      const created = db.insert(alertSilences).values({ ...row, id: `s-${randomBytes(8).toString('hex')}` }).returning().get();
      current = null;
      return created;
    },

    /** Moves a silence's end: to now to end it (the row stays, so who silenced what remains readable), or later to extend it. */
    setEnd(id: string, endsAt: number): StoredSilence {
      const ended = db.update(alertSilences).set({ endsAt }).where(eq(alertSilences.id, id)).returning().get();
      current = null;
      return ended!;
    },
  };
}

export type SilenceRepository = ReturnType<typeof createSilenceRepository>;
