import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { displayTokens } from '../../db/schema';

export type DisplayTokenRow = typeof displayTokens.$inferSelect;

type DisplayTokenChanges = Partial<Pick<DisplayTokenRow, 'name' | 'scope' | 'board' | 'thresholds' | 'tokenHash' | 'pairingCodeHash' | 'pairingExpiresAt' | 'lastSeenAt' | 'revokedAt'>>;

/** Wall-screen display tokens, held by digest only. */
export function createDisplayTokenStore(db: Db) {
  // Every request and socket handshake from a screen looks its token up: prepared once.
  const selectByTokenHash = db.select().from(displayTokens).where(eq(displayTokens.tokenHash, sql.placeholder('tokenHash'))).prepare();
  return {
    insert(row: DisplayTokenRow): void {
      db.insert(displayTokens).values(row).run();
    },

    byId(id: string): DisplayTokenRow | null {
      return db.select().from(displayTokens).where(eq(displayTokens.id, id)).get() ?? null;
    },

    byTokenHash(tokenHash: string): DisplayTokenRow | null {
      return selectByTokenHash.get({ tokenHash }) ?? null;
    },

    /** Displays are few (one per screen), so this unindexed lookup stays cheap. */
    byPairingCodeHash(codeHash: string): DisplayTokenRow | null {
      return db.select().from(displayTokens).where(eq(displayTokens.pairingCodeHash, codeHash)).get() ?? null;
    },

    list(): DisplayTokenRow[] {
      return db.select().from(displayTokens).orderBy(asc(displayTokens.createdAt), asc(displayTokens.id)).all();
    },

    update(id: string, changes: DisplayTokenChanges): void {
      db.update(displayTokens).set(changes).where(eq(displayTokens.id, id)).run();
    },
  };
}

export type DisplayTokenStore = ReturnType<typeof createDisplayTokenStore>;
