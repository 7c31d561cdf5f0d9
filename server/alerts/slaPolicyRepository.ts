import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { alertSettings } from '../../db/schema';
import { DEFAULT_SLA_ALERT_POLICY, type SlaAlertPolicy, slaAlertPolicySchema } from '../../shared/alerts/slaAlertPolicy';

const KEY = 'sla_alert_policy';

/** The SLA alert policy in alert_settings, held in memory: every SLA recount asks it. Unset, the default policy applies. */
export function createSlaPolicyRepository(db: Db) {
  let current: { policy: SlaAlertPolicy; updatedBy: string | null; updatedAt: number | null } | null = null;

  function load() {
    const row = db.select().from(alertSettings).where(eq(alertSettings.key, KEY)).get();
    // A stored policy that no longer parses (an older schema) falls back to the default rather than stopping alerting.
    const parsed = row ? slaAlertPolicySchema.safeParse(row.value) : null;
    return parsed?.success ? { policy: parsed.data, updatedBy: row!.updatedBy, updatedAt: row!.updatedAt } : { policy: DEFAULT_SLA_ALERT_POLICY, updatedBy: null, updatedAt: null };
  }

  return {
    current() {
      current ??= load();
      return current;
    },

    policy(): SlaAlertPolicy {
      return this.current().policy;
    },

    save(policy: SlaAlertPolicy, updatedBy: string, updatedAt: number): void {
      db.insert(alertSettings).values({ key: KEY, value: policy, updatedBy, updatedAt }).onConflictDoUpdate({ target: alertSettings.key, set: { value: policy, updatedBy, updatedAt } }).run();
      current = { policy, updatedBy, updatedAt };
    },
  };
}

export type SlaPolicyRepository = ReturnType<typeof createSlaPolicyRepository>;
