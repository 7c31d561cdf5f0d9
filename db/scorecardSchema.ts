import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { engineers } from './schema';

/**
 * A ticket a supervisor took out of an engineer's scorecard, with the reason (a family emergency, a
 * customer no-show). Never deleted: revoking keeps the row with who and when, so the engineer and an
 * auditor see the whole story. At most one live exclusion per engineer and ticket.
 */
export const scorecardExclusions = sqliteTable(
  'scorecard_exclusions',
  {
    id: text('id').primaryKey(),
    engineerId: text('engineer_id').notNull().references(() => engineers.id),
    ticketId: text('ticket_id').notNull(),
    reason: text('reason').notNull(),
    excludedBy: text('excluded_by').notNull(),
    excludedAt: integer('excluded_at').notNull(),
    revokedBy: text('revoked_by'),
    revokedAt: integer('revoked_at'),
  },
  (t) => [
    index('scorecard_exclusions_engineer_idx').on(t.engineerId, t.excludedAt),
    uniqueIndex('scorecard_exclusions_live_idx').on(t.engineerId, t.ticketId).where(sql`revoked_at is null`),
  ],
);
