import { and, asc, count, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { userGrants, users } from '../../db/schema';
import type { Grant } from '../../shared/auth/roles';

export type UserRow = typeof users.$inferSelect;
type NewUserRow = typeof users.$inferInsert;
type UserFields = Partial<Omit<UserRow, 'id' | 'createdAt'>> & { updatedAt: number };

function byKindThenId(a: Grant, b: Grant): number {
  return a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id);
}

/** The users and user_grants tables. */
export function createUserStore(db: Db) {
  const store = {
    findById(id: string): UserRow | undefined {
      return db.select().from(users).where(eq(users.id, id)).get();
    },

    findByUsername(username: string): UserRow | undefined {
      return db.select().from(users).where(eq(users.username, username)).get();
    },

    list(): UserRow[] {
      return db.select().from(users).orderBy(asc(users.username)).all();
    },

    isEmpty(): boolean {
      return db.select({ id: users.id }).from(users).limit(1).get() === undefined;
    },

    grantsOf(userId: string): Grant[] {
      return db
        .select({ kind: userGrants.kind, id: userGrants.refId })
        .from(userGrants)
        .where(eq(userGrants.userId, userId))
        .all()
        .sort(byKindThenId);
    },

    /** Every user's grants in one query, for listing. */
    allGrants(): Map<string, Grant[]> {
      const byUser = new Map<string, Grant[]>();
      for (const row of db.select().from(userGrants).all()) {
        const grants = byUser.get(row.userId) ?? [];
        grants.push({ kind: row.kind, id: row.refId });
        byUser.set(row.userId, grants);
      }
      for (const grants of byUser.values()) grants.sort(byKindThenId);
      return byUser;
    },

    insert(row: NewUserRow, grants: readonly Grant[]): UserRow {
      return db.transaction(() => {
        const inserted = db.insert(users).values(row).returning().get();
        store.replaceGrants(inserted.id, grants);
        return inserted;
      });
    },

    update(id: string, fields: UserFields): UserRow {
      return db.update(users).set(fields).where(eq(users.id, id)).returning().get()!;
    },

    replaceGrants(userId: string, grants: readonly Grant[]): void {
      db.transaction(() => {
        db.delete(userGrants).where(eq(userGrants.userId, userId)).run();
        if (grants.length > 0) {
          db.insert(userGrants)
            .values(grants.map((grant) => ({ userId, kind: grant.kind, refId: grant.id })))
            .onConflictDoNothing()
            .run();
        }
      });
    },

    /** Enabled admins other than the one given: the last one may not be demoted or disabled. */
    otherEnabledAdmins(exceptId: string): number {
      return db
        .select({ n: count() })
        .from(users)
        .where(and(eq(users.role, 'admin'), eq(users.disabled, false), ne(users.id, exceptId)))
        .get()!.n;
    },

    /**
     * Counts a failed login in one statement, so concurrent attempts cannot both read the old count,
     * and locks the account once the count reaches the threshold, starting the count afresh.
     */
    recordFailedLogin(id: string, now: number, lockout: { after: number; forMs: number }): UserRow {
      return db.transaction(() => {
        const counted = db
          .update(users)
          .set({ failedLogins: sql`${users.failedLogins} + 1` })
          .where(eq(users.id, id))
          .returning()
          .get()!;
        if (counted.failedLogins < lockout.after) return counted;
        return db.update(users).set({ failedLogins: 0, lockedUntil: now + lockout.forMs }).where(eq(users.id, id)).returning().get()!;
      });
    },

    recordSignIn(id: string, at: number): void {
      db.update(users).set({ lastSignInAt: at }).where(eq(users.id, id)).run();
    },

    clearFailedLogins(id: string): void {
      db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, id)).run();
    },
  };
  return store;
}
