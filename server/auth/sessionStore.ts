import { and, desc, eq, gt, isNotNull, isNull, lte, ne, or } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { sessions, users } from '../../db/schema';
import type { UserRow } from './userStore';

export type SessionRow = typeof sessions.$inferSelect;

/** The sessions table, keyed by the SHA-256 of the cookie value. */
export function createSessionStore(db: Db) {
  return {
    /** Stores a new session and drops the user's ended ones, so the table holds only what may still be used. */
    insert(row: SessionRow): void {
      db.transaction(() => {
        db.delete(sessions)
          .where(and(eq(sessions.userId, row.userId), or(isNotNull(sessions.revokedAt), lte(sessions.expiresAt, row.createdAt))))
          .run();
        db.insert(sessions).values(row).run();
      });
    },

    findWithUser(idHash: string): { session: SessionRow; user: UserRow } | undefined {
      return db.select({ session: sessions, user: users }).from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(eq(sessions.idHash, idHash)).get();
    },

    touch(idHash: string, now: number): void {
      db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash)).run();
    },

    revoke(idHash: string, now: number): void {
      db.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.idHash, idHash), isNull(sessions.revokedAt))).run();
    },

    /** Revokes every live session of the user but the one kept (the caller's own, after a password change); answers how many. */
    revokeAllOf(userId: string, now: number, keepIdHash?: string): number {
      const live = and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now));
      return db
        .update(sessions)
        .set({ revokedAt: now })
        .where(keepIdHash ? and(live, ne(sessions.idHash, keepIdHash)) : live)
        .run().changes;
    },

    /** Unrevoked, unexpired sessions, newest first; idle ones are the caller's to filter, as idleness is a policy. */
    liveOf(userId: string, now: number): SessionRow[] {
      return db
        .select()
        .from(sessions)
        .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
        .orderBy(desc(sessions.createdAt))
        .all();
    },
  };
}
