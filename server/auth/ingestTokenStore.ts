import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { ingestTokens } from '../../db/schema';

export type IngestTokenRow = typeof ingestTokens.$inferSelect;

type IngestTokenChanges = Partial<Pick<IngestTokenRow, 'tokenHash' | 'rotatedAt' | 'revokedAt'>>;

/** Per-source ingest tokens, held by digest only. */
export function createIngestTokenStore(db: Db) {
  // Every ingest batch and reference upsert looks its token up: prepared once.
  const selectByTokenHash = db.select().from(ingestTokens).where(eq(ingestTokens.tokenHash, sql.placeholder('tokenHash'))).prepare();
  return {
    insert(row: IngestTokenRow): void {
      db.insert(ingestTokens).values(row).run();
    },

    byId(id: string): IngestTokenRow | null {
      return db.select().from(ingestTokens).where(eq(ingestTokens.id, id)).get() ?? null;
    },

    bySource(source: string): IngestTokenRow | null {
      return db.select().from(ingestTokens).where(eq(ingestTokens.source, source)).get() ?? null;
    },

    byTokenHash(tokenHash: string): IngestTokenRow | null {
      return selectByTokenHash.get({ tokenHash }) ?? null;
    },

    list(): IngestTokenRow[] {
      return db.select().from(ingestTokens).orderBy(asc(ingestTokens.source)).all();
    },

    update(id: string, changes: IngestTokenChanges): void {
      db.update(ingestTokens).set(changes).where(eq(ingestTokens.id, id)).run();
    },
  };
}

export type IngestTokenStore = ReturnType<typeof createIngestTokenStore>;
