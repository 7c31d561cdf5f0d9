import type { Db } from '../../db/connection';
import type { Contract, CustomerTier } from '../../shared/domain/vocabulary';
import { type BreachedClock, type SlaAlertPolicy, type SlaBreachGroup, groupBreaches } from '../../shared/alerts/slaAlertPolicy';
import type { SlaMetric } from '../../shared/sla/slaPolicy';
import type { OrgTree } from '../org/orgTree';
import { overRunningClocks } from '../sla/runningClocks';

export type { SlaBreachGroup };

/** How long a ticket's customer tier and contract are trusted before they are read again (a ticket can change customer). */
const KIND_TTL_MS = 10 * 60_000;
const CHUNK = 500;
/** Stale entries read again per count, so they do not all come due in one long read. */
const REFRESH_PER_COUNT = 300;

/**
 * What is breached and open now, grouped as the alerts show it: clocks still running or paused whose
 * breach has fired, gathered as the policy says for the customer's tier and contract (by center and
 * metric, by center, or by top-level region). Read from the store each time, so a group's figure is the present, never a running tally.
 * The clocks come off the running clocks' partial indexes, which hold these columns, in a few milliseconds; joining each to its ticket
 * and customer cost 20-40 ms on the 30-day demo, so a ticket's tier and contract are kept a while.
 */
export function createSlaBreachGroups(db: Db, org: Pick<OrgTree, 'regionsOfCenter'>) {
  // A breached clock is due by now, running or paused; the running clocks' indexes give that range, the flag the breach that fired.
  const breachedOpen = db.$client.prepare(overRunningClocks('select c.ticket_id as ticketId, c.center_id as centerId, c.metric as metric', 'c.due_at <= ? and c.breached = 1'));
  const kinds = new Map<string, { tier: CustomerTier; contract: Contract; readAt: number }>();

  function readKinds(ticketIds: readonly string[], now: number): void {
    for (let start = 0; start < ticketIds.length; start += CHUNK) {
      const slice = ticketIds.slice(start, start + CHUNK);
      const rows = db.$client
        .prepare(`select t.id as id, cu.tier as tier, cu.contract as contract from tickets t join customers cu on cu.id = t.customer_id where t.id in (${slice.map(() => '?').join(', ')})`)
        .all(...slice) as { id: string; tier: CustomerTier; contract: Contract }[];
      for (const row of rows) kinds.set(row.id, { tier: row.tier, contract: row.contract, readAt: now });
    }
  }

  return {
    read(policy: SlaAlertPolicy, now: number): SlaBreachGroup[] {
      const clocks = breachedOpen.all(now, now) as { ticketId: string; centerId: string; metric: SlaMetric }[];
      const wanted = new Set(clocks.map((clock) => clock.ticketId));
      for (const ticketId of kinds.keys()) if (!wanted.has(ticketId)) kinds.delete(ticketId);
      const unknown = [...wanted].filter((ticketId) => !kinds.has(ticketId));
      const stale = [...kinds].filter(([, kind]) => kind.readAt <= now - KIND_TTL_MS).slice(0, REFRESH_PER_COUNT).map(([ticketId]) => ticketId);
      readKinds([...unknown, ...stale], now);
      const known: BreachedClock[] = [];
      for (const clock of clocks) {
        const kind = kinds.get(clock.ticketId);
        if (kind) known.push({ centerId: clock.centerId, metric: clock.metric, tier: kind.tier, contract: kind.contract });
      }
      return groupBreaches(policy, known, (centerId) => org.regionsOfCenter(centerId).at(-1) ?? null);
    },

    /** Customers were changed: their tiers and contracts are read again. */
    forget(): void {
      kinds.clear();
    },
  };
}

export type SlaBreachGroups = ReturnType<typeof createSlaBreachGroups>;
