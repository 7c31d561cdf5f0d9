import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { scorecardExclusions, users } from '../../db/schema';
import type { ExclusionView } from '../../shared/scorecard/scorecardApi';

/** The scorecard exclusions table, and the condition that keeps an excluded ticket out of a figure. */
export function createExclusionRepository(db: Db) {
  return {
    /** Newest first, with who excluded and revoked by their display names: an engineer reads people, not usernames. */
    listFor(engineerId: string): ExclusionView[] {
      const rows = db.select().from(scorecardExclusions).where(eq(scorecardExclusions.engineerId, engineerId)).orderBy(desc(scorecardExclusions.excludedAt)).all();
      const usernames = [...new Set(rows.flatMap((row) => [row.excludedBy, row.revokedBy ?? row.excludedBy]))];
      const names = new Map(usernames.length === 0 ? [] : db.select({ username: users.username, displayName: users.displayName }).from(users).where(inArray(users.username, usernames)).all().map((user) => [user.username, user.displayName]));
      const nameOf = (username: string | null) => (username === null ? null : (names.get(username) ?? username));
      return rows.map(({ engineerId: _engineer, ...view }) => ({ ...view, excludedBy: nameOf(view.excludedBy)!, revokedBy: nameOf(view.revokedBy) }));
    },
    get(id: string): (ExclusionView & { engineerId: string }) | undefined {
      return db.select().from(scorecardExclusions).where(eq(scorecardExclusions.id, id)).get();
    },
    liveFor(engineerId: string, ticketId: string): ExclusionView | undefined {
      return db.select().from(scorecardExclusions)
        .where(and(eq(scorecardExclusions.engineerId, engineerId), eq(scorecardExclusions.ticketId, ticketId), isNull(scorecardExclusions.revokedAt))).get();
    },
    insert(fields: { engineerId: string; ticketId: string; reason: string; excludedBy: string; excludedAt: number }): ExclusionView & { engineerId: string } {
      const row = { id: randomUUID(), ...fields, revokedBy: null, revokedAt: null };
      db.insert(scorecardExclusions).values(row).run();
      return row;
    },
    revoke(id: string, revokedBy: string, revokedAt: number): void {
      db.update(scorecardExclusions).set({ revokedBy, revokedAt }).where(eq(scorecardExclusions.id, id)).run();
    },
    /** Live exclusions of any of these engineers, as the ids of the tickets left out of each one's figures. */
    liveTicketsOf(engineerIds: readonly string[]): Map<string, string[]> {
      const rows = engineerIds.length === 0 ? [] : db.select({ engineerId: scorecardExclusions.engineerId, ticketId: scorecardExclusions.ticketId }).from(scorecardExclusions)
        .where(and(inArray(scorecardExclusions.engineerId, [...engineerIds]), isNull(scorecardExclusions.revokedAt))).all();
      const byEngineer = new Map<string, string[]>();
      for (const row of rows) byEngineer.set(row.engineerId, [...(byEngineer.get(row.engineerId) ?? []), row.ticketId]);
      return byEngineer;
    },
  };
}

/** Keeps a scoped ticket `t` unless a live exclusion takes it out of its current engineer's scorecard. */
export const notExcluded = sql`not exists (select 1 from scorecard_exclusions x where x.engineer_id = t.engineer_id and x.ticket_id = t.id and x.revoked_at is null)`;

export type ExclusionRepository = ReturnType<typeof createExclusionRepository>;
