import type { PolicyPreview, PreviewClockChange, PreviewClockSide } from '../../../shared/sla/adminSchema';
import type { SlaClock } from '../../../shared/sla/slaClock';
import { isBreachedAt } from '../../../shared/sla/slaProgress';
import type { SlaEngine } from '../slaEngine';
import type { SlaRules } from '../slaRulebook';
import { clockKey } from '../slaStore';

/**
 * "What would change" for a candidate rule set: every open ticket's stored clocks against the clocks
 * the candidate would give, a page at a time, saving nothing. Breached is read at one instant for
 * both sides, so a clock counts as newly breached only because of the rules, not because time passed.
 * The event loop is handed back between pages: a preview over tens of thousands of open tickets takes
 * seconds, and ingest must not wait for it. Tickets changing meanwhile are read as they are then.
 */

const PREVIEW_PAGE = 500;
export const PREVIEW_SAMPLE = 50;

function side(clock: SlaClock, now: number): PreviewClockSide {
  return { policyId: clock.policyId, targetMs: clock.targetMs, dueAt: clock.dueAt, state: clock.state, breached: isBreachedAt(clock, now) };
}

export async function previewRules(engine: Pick<SlaEngine, 'evaluate' | 'ticketIdsPage'>, candidate: SlaRules, comparedWithVersion: number, now: number): Promise<PolicyPreview> {
  const preview: PolicyPreview = {
    comparedWithVersion,
    evaluatedAt: now,
    tickets: { open: 0, changed: 0 },
    clocks: { changed: 0, policyChanged: 0, targetChanged: 0, dueChanged: 0, added: 0, removed: 0 },
    breaches: { becomeBreached: 0, noLongerBreached: 0 },
    sample: [],
  };
  const { clocks, breaches } = preview;

  function compare(ticketId: string, before: SlaClock | undefined, after: SlaClock | undefined): boolean {
    const was = before && side(before, now);
    const willBe = after && side(after, now);
    if (was && willBe) {
      const policyChanged = was.policyId !== willBe.policyId;
      const targetChanged = was.targetMs !== willBe.targetMs;
      const dueChanged = was.dueAt !== willBe.dueAt;
      if (!policyChanged && !targetChanged && !dueChanged) return false;
      if (policyChanged) clocks.policyChanged++;
      if (targetChanged) clocks.targetChanged++;
      if (dueChanged) clocks.dueChanged++;
    } else if (willBe) clocks.added++;
    else clocks.removed++;
    clocks.changed++;
    if (!was?.breached && willBe?.breached) breaches.becomeBreached++;
    if (was?.breached && !willBe?.breached) breaches.noLongerBreached++;
    if (preview.sample.length < PREVIEW_SAMPLE) {
      const { metric, cycle } = (after ?? before)!;
      const change: PreviewClockChange = { ticketId, metric, cycle, before: was ?? null, after: willBe ?? null };
      preview.sample.push(change);
    }
    return true;
  }

  let afterId: string | null = null;
  for (;;) {
    const ticketIds = engine.ticketIdsPage({ openOnly: true, afterId, limit: PREVIEW_PAGE });
    for (const [ticketId, { before, after }] of engine.evaluate(ticketIds, candidate)) {
      const stored = new Map(before.map((clock) => [clockKey(clock), clock]));
      let ticketChanged = false;
      for (const clock of after) {
        const key = clockKey(clock);
        if (compare(ticketId, stored.get(key), clock)) ticketChanged = true;
        stored.delete(key);
      }
      for (const clock of stored.values()) ticketChanged = compare(ticketId, clock, undefined) || ticketChanged;
      if (ticketChanged) preview.tickets.changed++;
    }
    preview.tickets.open += ticketIds.length;
    if (ticketIds.length < PREVIEW_PAGE) return preview;
    afterId = ticketIds.at(-1)!;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
