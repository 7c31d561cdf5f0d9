import type { AtRiskItem } from '../../shared/api/slaApi';

const HOUR_MS = 3_600_000;

/** Age bands of open complaints, by time since opening. */
export const COMPLAINT_AGE_BANDS = [
  { id: 'under4h', below: 4 * HOUR_MS },
  { id: 'under24h', below: 24 * HOUR_MS },
  { id: 'under48h', below: 48 * HOUR_MS },
  { id: 'older', below: Infinity },
] as const;
export type ComplaintAgeBand = (typeof COMPLAINT_AGE_BANDS)[number]['id'];

/**
 * Open complaints by age: each running complaint_resolution clock is one open complaint (it starts when
 * the complaint opens and stops only when it is resolved), and its start is the opening instant.
 */
export function complaintAges(items: readonly AtRiskItem[], serverNow: number): Record<ComplaintAgeBand, number> {
  const counts: Record<ComplaintAgeBand, number> = { under4h: 0, under24h: 0, under48h: 0, older: 0 };
  for (const item of items) {
    if (item.metric !== 'complaint_resolution') continue;
    const age = serverNow - Date.parse(item.startedAt);
    counts[COMPLAINT_AGE_BANDS.find((band) => age < band.below)!.id]++;
  }
  return counts;
}
