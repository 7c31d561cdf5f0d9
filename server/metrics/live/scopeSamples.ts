import { SAMPLE_UNITS, type MetricSamples, type SampledMetricId } from '../../../shared/metrics/sampleSize';
import { type MetricWindow, windowStart } from '../../../shared/metrics/metricQuery';
import type { SlaMetric } from '../../../shared/sla/slaPolicy';
import type { DeskLedger } from './deskLedger';
import type { SortedInstants } from './sortedInstants';

export type { MetricSamples } from '../../../shared/metrics/sampleSize';

const SLA_PREFIX = 'sla_compliance_';

/**
 * The sample behind each rate and average of a union of desks in a window, in the unit shared SAMPLE_UNITS
 * names for it and counted exactly as scopeFigures divides by it: the SLA clocks judged, the tickets resolved
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
  const resolvedVisited = inWindow((desk) => desk.resolvedVisited);
  const resolvedAll = inWindow((desk) => desk.resolvedAll);
  const created = inWindow((desk) => desk.created);
  const returnVisitsDue = inWindow((desk) => desk.returnVisitsDue);
  const complaintsResolved = inWindow((desk) => desk.complaintsResolved);
  const complaintsConfirmed = inWindow((desk) => desk.complaintsConfirmed);
  const sampleOf = (metric: SampledMetricId): number => {
    switch (SAMPLE_UNITS[metric]) {
      case 'clocks':
        return inWindow((desk) => desk.judged[metric.slice(SLA_PREFIX.length) as SlaMetric]);
      case 'tickets':
        if (metric === 'reopen_rate') return resolvedAll;
        return metric === 'first_time_fix_rate' || metric === 'repeat_visit_rate' ? resolvedVisited : created;
      case 'surveys':
        return scores.length;
      case 'returnVisits':
        return returnVisitsDue;
      case 'complaints':
        return metric === 'complaint_satisfied_rate' ? complaintsConfirmed : complaintsResolved;
    }
  };
  return Object.fromEntries((Object.keys(SAMPLE_UNITS) as SampledMetricId[]).map((metric) => [metric, sampleOf(metric)]));
}
