import { z } from 'zod';
import { scopeParamSchema } from '../api/slaApi';
import { COMPLAINT_CATEGORIES, type ComplaintCategory, type ComplaintLevelName, type EscalationLevel, complaintLevelName } from '../domain/vocabulary';
import type { MetricId } from '../metrics/metricCatalog';
import { type MetricWindow, metricWindowSchema } from '../metrics/metricQuery';

/**
 * Complaints per 100 tickets broken down by center, by category and by level (issue 20): each figure
 * is a catalog metric read for a scope, with the tickets it is taken over beside it, so a screen can
 * show a center with three tickets as three tickets and not as a red 33 per 100.
 */

export const COMPLAINT_RATE_BY_CATEGORY = {
  attitude: 'complaint_rate_attitude',
  timeliness: 'complaint_rate_timeliness',
  repair_quality: 'complaint_rate_repair_quality',
  parts: 'complaint_rate_parts',
  price: 'complaint_rate_price',
} as const satisfies Record<ComplaintCategory, MetricId>;

export const COMPLAINT_RATE_BY_LEVEL = { 1: 'complaint_rate_level_1', 2: 'complaint_rate_level_2', 3: 'complaint_rate_level_3' } as const satisfies Record<EscalationLevel, MetricId>;

/** Every complaints-per-100-tickets metric: all taken over the tickets created in the window. */
export const COMPLAINT_RATE_METRICS = ['complaint_rate', ...Object.values(COMPLAINT_RATE_BY_CATEGORY), ...Object.values(COMPLAINT_RATE_BY_LEVEL)] as const satisfies readonly MetricId[];

/** GET /api/v1/complaints/rates?scope=&window= */
export const complaintRatesQuerySchema = z.strictObject({
  scope: scopeParamSchema.prefault('network'),
  window: metricWindowSchema.default('30d'),
});
export type ComplaintRatesQuery = z.output<typeof complaintRatesQuerySchema>;

export interface ComplaintRateCell {
  /** Complaints opened in the window. */
  complaints: number;
  /** n: the tickets created in the window the rate is taken over. */
  tickets: number;
  /** 100 × complaints ÷ tickets; null when no ticket was created (no figure, not 0). */
  per100: number | null;
}

export interface CenterComplaintRate extends ComplaintRateCell {
  centerId: string;
  centerName: string;
  /** Only where the organisation gave the center an English name. */
  centerNameEn: string | null;
  regionId: string;
}

export interface CategoryComplaintRate extends ComplaintRateCell {
  category: ComplaintCategory;
  metric: MetricId;
}

export interface LevelComplaintRate extends ComplaintRateCell {
  level: EscalationLevel;
  levelName: ComplaintLevelName;
  metric: MetricId;
}

export interface ComplaintRateBreakdown {
  scope: string;
  window: MetricWindow;
  asOf: string;
  /** complaint_rate for the scope. */
  overall: ComplaintRateCell;
  /** Every center in scope, each over its own tickets; highest rate first, centers without tickets last. */
  byCenter: CenterComplaintRate[];
  /** Every category, over the scope's tickets: they add up to `overall`. */
  byCategory: CategoryComplaintRate[];
  /** By the level each complaint is at now, over the scope's tickets: they add up to `overall`. */
  byLevel: LevelComplaintRate[];
}

/** Complaints per 100 tickets as scopeFigures divides them, so a sum over centers reads as the scope's figure. */
export function rateCell(complaints: number, tickets: number): ComplaintRateCell {
  return { complaints, tickets, per100: tickets === 0 ? null : (100 * complaints) / tickets };
}

/** How many complaints a catalog rate over `tickets` stands for; both are exact, so this is too. */
export function complaintsOf(per100: number | null, tickets: number): number {
  return per100 === null ? 0 : Math.round((per100 * tickets) / 100);
}

/** Complaints opened in the window per complaint-rate metric; tickets created in the window. */
export type ComplaintCounts = Record<(typeof COMPLAINT_RATE_METRICS)[number], number>;

export function categoryRates(counts: ComplaintCounts, tickets: number): CategoryComplaintRate[] {
  return COMPLAINT_CATEGORIES.map((category) => {
    const metric = COMPLAINT_RATE_BY_CATEGORY[category];
    return { category, metric, ...rateCell(counts[metric], tickets) };
  });
}

export function levelRates(counts: ComplaintCounts, tickets: number): LevelComplaintRate[] {
  return ([1, 2, 3] as const).map((level) => {
    const metric = COMPLAINT_RATE_BY_LEVEL[level];
    return { level, levelName: complaintLevelName(level), metric, ...rateCell(counts[metric], tickets) };
  });
}
