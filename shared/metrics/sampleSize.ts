import { z } from 'zod';
import type { MetricId } from './metricCatalog';

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

/** How many units each rate or average of the catalog is taken over: its denominator. Counts have none. */
export type MetricSamples = Partial<Record<MetricId, number>>;

/**
 * Whether a figure stands on too few units to be judged. A figure with no sample (a count) never does,
 * and one over no units at all is no figure (null), shown as such.
 */
export function isSmallSample(sample: number | undefined, minSample: number): boolean {
  return sample !== undefined && sample > 0 && sample < minSample;
}
