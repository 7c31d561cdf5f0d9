import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { alertRules } from '../../db/schema';
import { BUILTIN_RULES, RETIRED_BUILTIN_RULES } from '../../shared/alerts/builtinRules';
import type { AlertRuleDefinition } from '../../shared/alerts/ruleSchema';

export type StoredRule = typeof alertRules.$inferSelect;

/** The alert_rules table. Built-in rules are inserted once; an admin's edit is never overwritten by a later start. */
export function createRuleRepository(db: Db) {
  return {
    all(): StoredRule[] {
      return db.select().from(alertRules).orderBy(alertRules.id).all();
    },

    find(id: string): StoredRule | undefined {
      return db.select().from(alertRules).where(eq(alertRules.id, id)).get();
    },

    seedBuiltins(now: number): void {
      const rows = BUILTIN_RULES.map(({ id, definition }) => ({ id, definition, builtin: true, enabled: true, version: 1, updatedBy: 'system', updatedAt: now }));
      db.insert(alertRules).values(rows).onConflictDoNothing().run();
      db.update(alertRules).set({ enabled: false, updatedBy: 'system', updatedAt: now })
        .where(and(inArray(alertRules.id, [...RETIRED_BUILTIN_RULES]), eq(alertRules.builtin, true), eq(alertRules.version, 1), eq(alertRules.enabled, true)))
        .run();
    },

    insert(row: { id: string; definition: AlertRuleDefinition; enabled: boolean; updatedBy: string; updatedAt: number }): StoredRule {
      return db.insert(alertRules).values({ ...row, builtin: false, version: 1 }).returning().get();
    },

    update(id: string, change: { definition: AlertRuleDefinition; enabled: boolean; updatedBy: string; updatedAt: number }): StoredRule {
      const current = this.find(id);
      if (!current) throw new Error(`no rule ${id}`);
      return db.update(alertRules).set({ ...change, version: current.version + 1 }).where(eq(alertRules.id, id)).returning().get();
    },

    remove(id: string): void {
      db.delete(alertRules).where(eq(alertRules.id, id)).run();
    },
  };
}

export type RuleRepository = ReturnType<typeof createRuleRepository>;
