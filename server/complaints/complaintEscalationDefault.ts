import { desc, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { slaPolicyVersions } from '../../db/schema';
import { DEFAULT_SLA_POLICIES } from '../../shared/sla/defaultPolicies';
import type { SlaPolicy } from '../../shared/sla/slaPolicy';
import type { SlaEngine } from '../sla/slaEngine';

/**
 * Complaints gained an escalation clock (two days unresolved at a level) after some stores had saved
 * their policy set, and a store seeds the default set only when it has none: such a store would never
 * time an escalation. These put the default escalation rule into its policy set once, and time the
 * complaints already open under it.
 */

const DEFAULT_POLICY = DEFAULT_SLA_POLICIES.find((policy) => policy.metrics.complaint_escalation !== undefined)!;
const ESCALATION_RULE = DEFAULT_POLICY.metrics.complaint_escalation!;
const RETIME_CHUNK = 200;

export const ESCALATION_DEFAULT_NOTE = 'complaint escalation after 2 days at a level: the default, added to a policy set saved before complaints had it';

function withEscalation(policies: readonly SlaPolicy[]): SlaPolicy[] {
  if (!policies.some((policy) => policy.id === DEFAULT_POLICY.id)) return [...policies, { ...DEFAULT_POLICY, metrics: { complaint_escalation: ESCALATION_RULE } }];
  return policies.map((policy) => (policy.id === DEFAULT_POLICY.id ? { ...policy, metrics: { ...policy.metrics, complaint_escalation: ESCALATION_RULE } } : policy));
}

/**
 * Appends a policy version with the default escalation rule when no version ever had one; a store where
 * some version did has had it, and an admin who took it out since meant to. Returns the version added.
 */
export function ensureComplaintEscalationPolicy(db: Db, now: number, actor: string): number | null {
  const newest = db.select().from(slaPolicyVersions).orderBy(desc(slaPolicyVersions.version)).limit(1).get();
  // An empty store is seeded with the whole default set, escalation included.
  if (!newest) return null;
  const everSet = db.get(sql`select 1 as found from ${slaPolicyVersions} v, json_each(v.policies) p where json_extract(p.value, '$.metrics.complaint_escalation') is not null limit 1`);
  if (everSet) return null;
  const version = newest.version + 1;
  db.insert(slaPolicyVersions).values({ version, policies: withEscalation(newest.policies), changedBy: actor, changedAt: now, note: ESCALATION_DEFAULT_NOTE }).run();
  return version;
}

/**
 * Recomputes the clocks of tickets with a complaint still worked below headquarters (open or escalated,
 * level 1 or 2) that has no escalation clock, when the policy set in force sets one: after the rule was
 * added, those complaints are timed from when they reached their level, as if it had always been there.
 * Staging reaches the live figures, so call it once they are whole. Returns how many tickets it redid.
 */
export function retimeUntimedComplaints(db: Db, engine: Pick<SlaEngine, 'recomputeTickets'>, policies: readonly SlaPolicy[]): number {
  if (!policies.some((policy) => policy.metrics.complaint_escalation !== undefined)) return 0;
  const ticketIds = db
    .all<{ ticketId: string }>(
      sql`select distinct c.ticket_id as ticketId from complaints c where c.status in ('open', 'escalated') and c.level < 3
        and not exists (select 1 from sla_clocks k where k.ticket_id = c.ticket_id and k.subject_id = c.id and k.metric = 'complaint_escalation')
        order by c.ticket_id`,
    )
    .map((row) => row.ticketId);
  for (let from = 0; from < ticketIds.length; from += RETIME_CHUNK) engine.recomputeTickets(ticketIds.slice(from, from + RETIME_CHUNK));
  return ticketIds.length;
}
