import { z } from 'zod';
import type { TicketListRow } from '../api/ticketQuery';
import { METRIC_IDS, type MetricId } from './metricCatalog';
import { type MetricWindow, metricsQuerySchema } from './metricQuery';

/** Drill-down questions about a figure: which tickets it counts, and how it splits by a ticket attribute. */

/** Figures that are a number of tickets: the tickets listed behind one are exactly as many as the figure. */
export const TICKET_COUNT_METRICS = [
  'backlog_open', 'created_today', 'resolved_today', 'resolved_in_window', 'unassigned_open', 'waiting_parts_open', 'breached_open', 'at_risk_open',
] as const satisfies readonly MetricId[];

/**
 * Figures that are a share of tickets: the list is the denominator's tickets, each marked whether it
 * counts in the numerator, so the figure is the marked ones ÷ the listed ones (null when none are listed).
 */
export const TICKET_SHARE_METRICS = ['first_time_fix_rate', 'repeat_visit_rate', 'reopen_rate', 'return_visit_rate'] as const satisfies readonly MetricId[];

export type ListableMetricId = (typeof TICKET_COUNT_METRICS)[number] | (typeof TICKET_SHARE_METRICS)[number];
export const LISTABLE_METRICS: readonly ListableMetricId[] = [...TICKET_COUNT_METRICS, ...TICKET_SHARE_METRICS];

const LISTABLE_NAMES = LISTABLE_METRICS.join(', ');

/** The `:id` of /metrics/:id/tickets: a catalog metric, and one of those whose figure is made of tickets. */
export const metricTicketsParamsSchema = z.strictObject({
  id: z
    .enum(METRIC_IDS as [MetricId, ...MetricId[]], { error: `is not a catalog metric; those with a ticket list are ${LISTABLE_NAMES}` })
    .refine((id): id is ListableMetricId => (LISTABLE_METRICS as readonly string[]).includes(id), {
      error: `counts no tickets, so it has no ticket list; those with one are ${LISTABLE_NAMES}`,
    }),
});

export const metricTicketsQuerySchema = metricsQuerySchema.extend({
  format: z.enum(['json', 'csv']).default('json'),
});

/** A listed ticket; for a share metric, whether it counts in the numerator as well as the denominator. */
export type MetricTicketRow = TicketListRow & { inNumerator?: boolean };

/** The answer of GET /metrics/:id/tickets (format=json). */
export interface MetricTicketsAnswer {
  metric: ListableMetricId;
  scope: string;
  window: MetricWindow;
  /** ISO 8601, the server's clock. */
  asOf: string;
  /** The tickets listed: the figure itself for a count, the denominator for a share. */
  count: number;
  /** For a share only: how many listed tickets count in its numerator (the figure is numerator ÷ count). */
  numerator?: number;
  items: MetricTicketRow[];
}

/** The ticket attributes a breakdown groups by; tier and contract are the ticket's customer's. */
export const BREAKDOWN_DIMENSIONS = ['priority', 'type', 'channel', 'product_line', 'tier', 'contract'] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

export const breakdownQuerySchema = metricsQuerySchema.extend({
  by: z.enum(BREAKDOWN_DIMENSIONS),
});

/**
 * One group of a breakdown: the tickets in scope whose attribute is `value` (null for a ticket with no
 * product model, under product_line).
 * - backlog_open: open now, as the metric backlog_open;
 * - created: created in the window (for today, from local midnight in the ticket's own center's zone);
 * - resolved: with their resolution instant in the window, so a ticket counts once, at its latest resolution;
 * - breached_open: open now with a running SLA clock breached, as the metric breached_open.
 * Summed over the groups, each equals the scope's figure: backlog_open, created_today and resolved_today
 * (for the window today) and breached_open.
 */
export interface BreakdownGroup {
  value: string | null;
  backlog_open: number;
  created: number;
  resolved: number;
  breached_open: number;
}
