import type { MetricSamples, SampledMetricId } from '../../../shared/metrics/sampleSize';
import { COMPLAINT_RATE_METRICS, type ComplaintCounts } from '../../../shared/complaints/complaintRates';
import { type MetricWindow, windowStart } from '../../../shared/metrics/metricQuery';
import type { SlaMetric } from '../../../shared/sla/slaPolicy';
import type { DeskLedger } from './deskLedger';
import type { SortedInstants } from './sortedInstants';

export type { MetricSamples } from '../../../shared/metrics/sampleSize';

/**
 * The sample behind each rate and average of a union of desks in a window, in the unit SAMPLE_UNITS names
 * for it and counted exactly as scopeFigures divides by it: the SLA clocks judged, the tickets resolved
 * (after a visit, or any for the reopen rate) or created (complaints per 100 tickets), the surveys scored, the
 * return visits due, the complaints resolved or confirmed. Alert rules ask it so a rate over a handful of tickets is never alerted on.
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
  const judged = (metric: SlaMetric) => inWindow((desk) => desk.judged[metric]);
  const resolvedVisited = inWindow((desk) => desk.resolvedVisited);
  const created = inWindow((desk) => desk.created);
  // Every rate and average of the catalog, by type: one added without its n fails to compile here.
  const samples: Record<SampledMetricId, number> = {
    ...(Object.fromEntries(COMPLAINT_RATE_METRICS.map((metric) => [metric, created])) as ComplaintCounts),
    sla_compliance_first_response: judged('first_response'),
    sla_compliance_on_site: judged('on_site'),
    sla_compliance_resolution: judged('resolution'),
    sla_compliance_return_visit: judged('return_visit'),
    sla_compliance_complaint_response: judged('complaint_response'),
    sla_compliance_complaint_resolution: judged('complaint_resolution'),
    first_time_fix_rate: resolvedVisited,
    repeat_visit_rate: resolvedVisited,
    reopen_rate: inWindow((desk) => desk.resolvedAll),
    csat_mean: scores.length,
    csat_satisfied_rate: scores.length,
    return_visit_rate: inWindow((desk) => desk.returnVisitsDue),
    complaint_resolved_48h_rate: inWindow((desk) => desk.complaintsResolved),
    complaint_satisfied_rate: inWindow((desk) => desk.complaintsConfirmed),
  };
  return samples;
}
