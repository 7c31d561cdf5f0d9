import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/connection';
import { slaPolicyVersions } from '../../../db/schema';
import type { SlaPolicy } from '../../../shared/sla/slaPolicy';

/** A saved policy set: the highest version is the one in force. */
export type StoredPolicyVersion = typeof slaPolicyVersions.$inferSelect;

export type PolicyVersionSummary = Omit<StoredPolicyVersion, 'policies'> & { policyCount: number };

/** The sla_policy_versions table: append-only, so every earlier set stays readable. */
export function createPolicyRepository(db: Db) {
  return {
    inForce(): StoredPolicyVersion | undefined {
      return db.select().from(slaPolicyVersions).orderBy(desc(slaPolicyVersions.version)).limit(1).get();
    },

    find(version: number): StoredPolicyVersion | undefined {
      return db.select().from(slaPolicyVersions).where(eq(slaPolicyVersions.version, version)).get();
    },

    /** Newest first, without the policy bodies. */
    summaries(): PolicyVersionSummary[] {
      return db
        .select({
          version: slaPolicyVersions.version,
          changedBy: slaPolicyVersions.changedBy,
          changedAt: slaPolicyVersions.changedAt,
          note: slaPolicyVersions.note,
          policyCount: sql<number>`json_array_length(${slaPolicyVersions.policies})`,
        })
        .from(slaPolicyVersions)
        .orderBy(desc(slaPolicyVersions.version))
        .all();
    },

    append(row: { version: number; policies: SlaPolicy[]; changedBy: string; changedAt: number; note: string | null }): StoredPolicyVersion {
      return db.insert(slaPolicyVersions).values(row).returning().get();
    },
  };
}

export type PolicyRepository = ReturnType<typeof createPolicyRepository>;
