import { DEFAULT_WARN_AT } from '../../shared/sla/slaPolicy';

/**
 * The colour of an SLA clock by the share of its target used: green while on track, amber from its
 * policy's first warning level (where its ticket counts at risk on every board), red once breached.
 * Each tone also has its own icon, so colour is never the only sign.
 */
export type SlaTone = 'ok' | 'warning' | 'breached';

/** Where amber starts for a clock whose warning levels are not known: the first default one. */
export const WARNING_PERCENT = DEFAULT_WARN_AT[0]!;
export const BREACH_PERCENT = 100;

/** atRiskFrom: the clock's own first warning level (SlaClockView), null when its policy sets none. */
export function slaToneOf(percentUsed: number, breached?: boolean, atRiskFrom: number | null = WARNING_PERCENT): SlaTone {
  // Percent comes to a tenth, so a long clock seconds from due reads 100 %: where the caller knows, breach is its word.
  if (breached ?? percentUsed >= BREACH_PERCENT) return 'breached';
  return atRiskFrom !== null && percentUsed >= atRiskFrom ? 'warning' : 'ok';
}

/** Worst first, for sorting and for choosing a ticket's tone from its clocks. */
export const TONE_RANK: Record<SlaTone, number> = { breached: 0, warning: 1, ok: 2 };
