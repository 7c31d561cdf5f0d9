import type { SlaMetric } from './slaPolicy';

/** What the SLA engine tells the hub, and through it the metrics, dashboards and alerting. */
export type SlaFiringKind = 'sla.warning' | 'sla.breached' | 'sla.met';

export interface SlaFiring {
  kind: SlaFiringKind;
  ticketId: string;
  metric: SlaMetric;
  cycle: number;
  subjectId: string | null;
  /** The warning percentage, 100 for a breach, null for met. */
  level: number | null;
  /** The instant the level was reached, or the clock stopped for met. */
  at: number;
  firedAt: number;
  /** Fired well after its moment: the server was down, or the event that showed it came late. */
  late: boolean;
  dueAt: number;
  /** Scope, so each room hears only its own. */
  centerId: string;
  regionIds: string[];
}
