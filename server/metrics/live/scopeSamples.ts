import type { MetricSamples } from '../../../shared/metrics/sampleSize';
import { type MetricWindow, windowStart } from '../../../shared/metrics/metricQuery';
import { SLA_METRICS } from '../../../shared/sla/slaPolicy';
import { COMPLAINT_RATE_METRICS } from '../../../shared/complaints/complaintRates';
import type { DeskLedger } from './deskLedger';
import type { SortedInstants } from './sortedInstants';

export type { MetricSamples } from '../../../shared/metrics/sampleSize';

/**
 * The sample behind each rate and average of a union of desks in a window, counted exactly as
 * scopeFigures divides by it: the SLA clocks judged, the tickets resolved (after a visit), the return
 * visits due, the surveys scored, the tickets created (complaints per 100 tickets). Alert rules ask it so a rate over a handful of tickets is never alerted on.
 */
export function scopeSamples(desks: Iterable<DeskLedger>, zoneOf: (centerId: string) => string, window: MetricWindow, now: number): MetricSamples {
  const starts = new Map<string, number>();
  const spans: { desk: DeskLedger; from: number }[] = [];
  for (const desk of desks) {
    const zone = zoneOf(desk.centerId);
    let from = starts.get(zone);
    if (from === undefined) starts.set(zone, (from = windowStart(window, now, zone)));
    spans.push({ desk, from });
  }
  const inWindow = (pick: (desk: DeskLedger) => SortedInstants) => spans.reduce((total, { desk, from }) => total + pick(desk).countBetween(from, now), 0);
  const scores: number[] = [];
  for (const { desk, from } of spans) desk.scores.collectBetween(from, now, scores);
  const resolvedVisited = inWindow((desk) => desk.resolvedVisited);
  const created = inWindow((desk) => desk.created);
  return {
    ...Object.fromEntries(COMPLAINT_RATE_METRICS.map((metric) => [metric, created])),
    ...Object.fromEntries(SLA_METRICS.map((metric) => [`sla_compliance_${metric}`, inWindow((desk) => desk.judged[metric])])),
    first_time_fix_rate: resolvedVisited,
    repeat_visit_rate: resolvedVisited,
    reopen_rate: inWindow((desk) => desk.resolvedAll),
    csat_mean: scores.length,
    csat_satisfied_rate: scores.length,
    return_visit_rate: inWindow((desk) => desk.returnVisitsDue),
    complaint_resolved_48h_rate: inWindow((desk) => desk.complaintsResolved),
    complaint_satisfied_rate: inWindow((desk) => desk.complaintsConfirmed),
  };
}
