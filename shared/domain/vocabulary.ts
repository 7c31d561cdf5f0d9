/** The closed vocabularies of the after-sales domain, shared by schema, validation and UI. */

export const TICKET_TYPES = ['repair', 'installation', 'maintenance', 'inspection', 'consultation'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const CHANNELS = ['hotline', 'wechat', 'web', 'dealer', 'walk_in'] as const;
export type Channel = (typeof CHANNELS)[number];

export const TICKET_STATUSES = [
  'new',
  'assigned',
  'scheduled',
  'on_site',
  'waiting_parts',
  'waiting_customer',
  'resolved',
  'closed',
  'cancelled',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Statuses in which a ticket still counts toward a center's backlog. */
export const OPEN_STATUSES = ['new', 'assigned', 'scheduled', 'on_site', 'waiting_parts', 'waiting_customer'] as const;
export type OpenStatus = (typeof OPEN_STATUSES)[number];

export function isOpenStatus(status: TicketStatus): status is OpenStatus {
  return (OPEN_STATUSES as readonly string[]).includes(status);
}

export const CUSTOMER_TIERS = ['vip', 'key', 'standard'] as const;
export type CustomerTier = (typeof CUSTOMER_TIERS)[number];

export const CONTRACTS = ['standard', '5x9', '7x24x8', '7x24x4'] as const;
export type Contract = (typeof CONTRACTS)[number];

/** On-site promise differs by zone: 24 h in a city area, 48 h in a suburban county. */
export const CENTER_ZONES = ['city', 'county'] as const;
export type CenterZone = (typeof CENTER_ZONES)[number];

export const COMPLAINT_CATEGORIES = ['attitude', 'timeliness', 'repair_quality', 'parts', 'price'] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

export const COMPLAINT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type ComplaintSeverity = (typeof COMPLAINT_SEVERITIES)[number];

/** Three-level handling: center/store → district → headquarters service management. */
export const ESCALATION_LEVELS = [1, 2, 3] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

/**
 * A resolved complaint waits for the confirmation call (再次与客户联系) and still counts as open; only a
 * customer who says they are satisfied closes it.
 */
export const COMPLAINT_STATUSES = ['open', 'escalated', 'awaiting_confirmation', 'closed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** The statuses complaints_open counts. */
export const OPEN_COMPLAINT_STATUSES = ['open', 'escalated', 'awaiting_confirmation'] as const satisfies readonly ComplaintStatus[];

/** SQL text of the open condition on a complaints row aliased `alias`, literal so every query reads it the same way. */
export function openComplaintCondition(alias: string): string {
  return `${alias}.status in (${OPEN_COMPLAINT_STATUSES.map((status) => `'${status}'`).join(', ')})`;
}

/** Raised by the customer themselves, or found by a return visit (回访) that left them unhappy. */
export const COMPLAINT_SOURCES = ['customer', 'return_visit'] as const;
export type ComplaintSource = (typeof COMPLAINT_SOURCES)[number];

/** The names of the three escalation levels: store or center (门店), district (区部), headquarters service management (服管处). */
export const COMPLAINT_LEVEL_NAMES = ['center', 'district', 'hq'] as const;
export type ComplaintLevelName = (typeof COMPLAINT_LEVEL_NAMES)[number];

export function complaintLevelName(level: EscalationLevel): ComplaintLevelName {
  return COMPLAINT_LEVEL_NAMES[level - 1]!;
}

/** Why a return visit (回访) did not produce a score. */
export const SURVEY_FAILURE_REASONS = ['refused', 'unreachable', 'no_answer', 'in_progress'] as const;
export type SurveyFailureReason = (typeof SURVEY_FAILURE_REASONS)[number];
