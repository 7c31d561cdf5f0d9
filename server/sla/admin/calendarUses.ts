import type { FieldError } from '../../../shared/ingest/eventSchema';
import { SLA_METRICS, type SlaMetric, type SlaPolicy } from '../../../shared/sla/slaPolicy';

/** A metric rule naming a calendar, with where it sits in the policy list. */
export interface CalendarUse {
  policyIndex: number;
  policyId: string;
  metric: SlaMetric;
  calendarId: string;
}

export function calendarUses(policies: readonly SlaPolicy[]): CalendarUse[] {
  return policies.flatMap((policy, policyIndex) =>
    SLA_METRICS.flatMap((metric) => {
      const rule = policy.metrics[metric];
      return rule ? [{ policyIndex, policyId: policy.id, metric, calendarId: rule.calendarId }] : [];
    }),
  );
}

/** Each rule naming a calendar that does not exist, at its path in a `{ policies }` body. */
export function unknownCalendarIssues(policies: readonly SlaPolicy[], knownCalendarIds: ReadonlySet<string>): FieldError[] {
  return calendarUses(policies)
    .filter((use) => !knownCalendarIds.has(use.calendarId))
    .map((use) => ({ path: `policies.${use.policyIndex}.metrics.${use.metric}.calendarId`, message: `unknown calendar '${use.calendarId}'` }));
}
