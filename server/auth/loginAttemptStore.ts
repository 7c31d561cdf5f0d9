import { and, desc, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { loginAttempts, loginPhantomLockouts } from '../../db/schema';

export type AttemptKind = (typeof loginAttempts.$inferSelect)['kind'];

/** How long an unknown username's failure count is kept once it stops failing and is not locked. */
const PHANTOM_IDLE_MS = 24 * 3_600_000;

/**
 * Sign-in attempts and the lockouts of usernames nobody has, in SQLite: a restart keeps the windows
 * and locks a guesser has run into. Old rows go as new ones come, along the time indexes.
 */
export function createLoginAttemptStore(db: Db) {
  return {
    /** The newest `limit` attempt instants for a key since `since`, newest first. */
    recent(kind: AttemptKind, key: string, since: number, limit: number): number[] {
      return db
        .select({ at: loginAttempts.at })
        .from(loginAttempts)
        .where(and(eq(loginAttempts.kind, kind), eq(loginAttempts.key, key), gt(loginAttempts.at, since)))
        .orderBy(desc(loginAttempts.at))
        .limit(limit)
        .all()
        .map((row) => row.at);
    },

    /** Records an attempt, dropping every attempt at or before `expiredBy`; answers the attempt's id, to give it back. */
    take(kind: AttemptKind, key: string, at: number, expiredBy: number): number {
      return db.transaction((tx) => {
        tx.delete(loginAttempts).where(lt(loginAttempts.at, expiredBy + 1)).run();
        return tx.insert(loginAttempts).values({ kind, key, at }).returning({ id: loginAttempts.id }).get().id;
      });
    },

    giveBack(id: number): void {
      db.delete(loginAttempts).where(eq(loginAttempts.id, id)).run();
    },

    phantomLockedUntil(username: string): number | null {
      return db.select({ lockedUntil: loginPhantomLockouts.lockedUntil }).from(loginPhantomLockouts).where(eq(loginPhantomLockouts.username, username)).get()?.lockedUntil ?? null;
    },

    /** Counts a failure for a username no account has and locks it as an account would be locked. */
    phantomFailed(username: string, now: number, lockout: { after: number; forMs: number }): void {
      db.transaction((tx) => {
        tx.delete(loginPhantomLockouts)
          .where(and(lt(loginPhantomLockouts.updatedAt, now - PHANTOM_IDLE_MS), sql`coalesce(${loginPhantomLockouts.lockedUntil}, 0) < ${now}`))
          .run();
        const counted = tx
          .insert(loginPhantomLockouts)
          .values({ username, failedLogins: 1, updatedAt: now })
          .onConflictDoUpdate({ target: loginPhantomLockouts.username, set: { failedLogins: sql`${loginPhantomLockouts.failedLogins} + 1`, updatedAt: now } })
          .returning()
          .get();
        if (counted.failedLogins >= lockout.after) {
          tx.update(loginPhantomLockouts).set({ failedLogins: 0, lockedUntil: now + lockout.forMs }).where(eq(loginPhantomLockouts.username, username)).run();
        }
      });
    },
  };
}

export type LoginAttemptStore = ReturnType<typeof createLoginAttemptStore>;
