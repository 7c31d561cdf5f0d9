import { z } from 'zod';
import type { METRIC_CATALOG, MetricId } from './metricCatalog';

/**
 * A rate or average over fewer units than this (SLA clocks judged, tickets resolved, surveys scored) says
 * little: it is shown with its n in a neutral tone, and alert rules do not fire on it. Two tickets resolved
 * after midnight, one late, are not a 50 % region.
 */
export const DEFAULT_MIN_SAMPLE = 10;

/** A minimum sample as a setting or variable gives it: a whole number of units. */
export const minSampleSchema = z.coerce
  .number({ error: 'must be a whole number' })
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(100_000, 'must be at most 100000');

/** What the n of a rate or average counts. */
export type SampleUnit = 'clocks' | 'tickets' | 'surveys' | 'returnVisits' | 'complaints';

/** Every rate and average of the catalog: each is taken over a sample. Counts and durations have none. */
export type SampledMetricId = Extract<(typeof METRIC_CATALOG)[number], { unit: 'fraction' | 'per100' | 'score' }>['id'];

/**
 * The unit each rate and average is taken over, by the catalog's definition: SLA clocks judged, tickets
 * (created for the complaints per 100, resolved for the rest), surveys scored, return visits come due,
 * complaints resolved or confirmed. The server counts each n by it; a screen names it beside the n.
 */
export const SAMPLE_UNITS = {
  sla_compliance_first_response: 'clocks',
  sla_compliance_on_site: 'clocks',
  sla_compliance_resolution: 'clocks',
  sla_compliance_return_visit: 'clocks',
  sla_compliance_complaint_response: 'clocks',
  sla_compliance_complaint_resolution: 'clocks',
  first_time_fix_rate: 'tickets',
  repeat_visit_rate: 'tickets',
  reopen_rate: 'tickets',
  complaint_rate: 'tickets',
  complaint_rate_attitude: 'tickets',
  complaint_rate_timeliness: 'tickets',
  complaint_rate_repair_quality: 'tickets',
  complaint_rate_parts: 'tickets',
  complaint_rate_price: 'tickets',
  complaint_rate_level_1: 'tickets',
  complaint_rate_level_2: 'tickets',
  complaint_rate_level_3: 'tickets',
  complaint_resolved_48h_rate: 'complaints',
  complaint_satisfied_rate: 'complaints',
  csat_mean: 'surveys',
  csat_satisfied_rate: 'surveys',
  return_visit_rate: 'returnVisits',
} as const satisfies Record<SampledMetricId, SampleUnit>;

/** The unit a figure's n counts; null for a count or a duration, which has no n. */
export function sampleUnit(id: MetricId): SampleUnit | null {
  return Object.hasOwn(SAMPLE_UNITS, id) ? SAMPLE_UNITS[id as SampledMetricId] : null;
}

/** How many units each rate or average of the catalog is taken over: its denominator. Counts have none. */
export type MetricSamples = Partial<Record<MetricId, number>>;

/**
 * Whether a figure stands on too few units to be judged. A figure with no sample (a count) never does,
 * and one over no units at all is no figure (null), shown as such.
 */
export function isSmallSample(sample: number | undefined, minSample: number): boolean {
  return sample !== undefined && sample > 0 && sample < minSample;
}
