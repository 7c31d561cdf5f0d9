import { z } from 'zod';
import type { SlaClockView } from '../api/slaApi';
import type { PRIORITIES, TICKET_STATUSES, TicketType } from '../domain/vocabulary';
import type { ScorecardMetricId, ScorecardPeriod } from './scorecardCatalog';

/** The engineer page's API: who, their open tickets, their scorecard, its exceptions and the centre's star. */

export const engineerIdParamSchema = z.string().trim().regex(/^[^\s:]{1,64}$/, 'must be 1 to 64 characters without spaces or colons');

export const exclusionCreateSchema = z.strictObject({
  ticketId: z.string().trim().min(1).max(128),
  reason: z.string().trim().min(2, 'must say why, in at least 2 characters').max(500),
});
export type ExclusionCreate = z.output<typeof exclusionCreateSchema>;

export const exclusionIdParamSchema = z.string().trim().uuid('must be an exclusion id');

export const starQuerySchema = z.strictObject({ centerId: z.string().trim().regex(/^[^\s:]{1,64}$/, 'must be a center id') });

export interface ScorecardCell {
  value: number | null;
  /** The units the figure is over (its denominator, or the count itself); a rate over fewer than SMALL_SAMPLE shows it. */
  n: number;
  /** The median of the same figure over the engineers of the same center, this engineer included; no names. */
  teamMedian: number | null;
}

export interface ScorecardPeriodView {
  period: ScorecardPeriod;
  /** Where the period starts in the engineer's center's zone, UTC ms; it ends now. */
  from: number;
  cells: Record<ScorecardMetricId, ScorecardCell>;
}

export interface ExclusionView {
  id: string;
  ticketId: string;
  reason: string;
  excludedBy: string;
  excludedAt: number;
  revokedBy: string | null;
  revokedAt: number | null;
}

/** One month's star of a center: who scored highest, or nobody when no one qualified. */
export interface StarOfMonth {
  /** The month the star is for, YYYY-MM in the center's zone. */
  month: string;
  engineerId: string | null;
  engineerName: string | null;
  /** Null where the engineer has no English name. */
  engineerNameEn?: string | null;
  score: number | null;
}

export interface StarView extends StarOfMonth {
  centerId: string;
  centerName: string;
  /** The center's English name, where the organisation gave one. */
  centerNameEn?: string;
  /** Last month's star, read over that whole month as it ended: named from the first day of this one, when this month's has no one yet. */
  lastMonth: StarOfMonth;
}

export interface ScorecardAnswer {
  engineer: { id: string; name: string; nameEn?: string | null; centerId: string; centerName: string; centerNameEn?: string | null; timeZone: string };
  periods: ScorecardPeriodView[];
  /** This engineer's month composite; null below the small-sample floor. */
  starScore: number | null;
  star: StarView;
  exclusions: ExclusionView[];
  teamSize: number;
  asOf: number;
}

export interface MyTicketRow {
  id: string;
  status: (typeof TICKET_STATUSES)[number];
  priority: (typeof PRIORITIES)[number];
  customerName: string;
  customerNameEn: string | null;
  centerName: string;
  symptom: string | null;
  type: TicketType;
  productModel: string | null;
  createdAt: number;
  appointmentAt: number | null;
  /** Running clocks (active or paused), soonest due first. */
  clocks: SlaClockView[];
}

export interface MyTicketsAnswer {
  tickets: MyTicketRow[];
  total: number;
  asOf: number;
}
