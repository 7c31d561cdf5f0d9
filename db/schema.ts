import { sql } from 'drizzle-orm';
import { type AnySQLiteColumn, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import {
  CENTER_ZONES,
  CHANNELS,
  COMPLAINT_CATEGORIES,
  COMPLAINT_SEVERITIES,
  COMPLAINT_SOURCES,
  COMPLAINT_STATUSES,
  CONTRACTS,
  CUSTOMER_TIERS,
  PRIORITIES,
  SURVEY_FAILURE_REASONS,
  OPEN_STATUSES,
  TICKET_STATUSES,
  TICKET_TYPES,
} from '../shared/domain/vocabulary';

/** All instants are UTC epoch milliseconds; local days are computed in each center's own zone. */

/** The organisation tree above centers: a region with a parent is a province or city. */
export const regions = sqliteTable('regions', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en'),
  parentId: text('parent_id').references((): AnySQLiteColumn => regions.id),
});

export const centers = sqliteTable('centers', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en'),
  regionId: text('region_id').notNull().references(() => regions.id),
  zone: text('zone', { enum: CENTER_ZONES }).notNull(),
  timeZone: text('time_zone').notNull(),
});

export const engineers = sqliteTable(
  'engineers',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    centerId: text('center_id').notNull().references(() => centers.id),
    skills: text('skills', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    onShift: integer('on_shift', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('engineers_center_idx').on(t.centerId)],
);

export const customers = sqliteTable(
  'customers',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    tier: text('tier', { enum: CUSTOMER_TIERS }).notNull(),
    contract: text('contract', { enum: CONTRACTS }).notNull(),
  },
  // The top bar finds a customer by the start of their name, in either language.
  (t) => [index('customers_name_idx').on(t.name), index('customers_name_en_idx').on(t.nameEn)],
);

export const productLines = sqliteTable('product_lines', {
  name: text('name').primaryKey(),
});

export const products = sqliteTable('products', {
  model: text('model').primaryKey(),
  line: text('line').notNull().references(() => productLines.name),
  /** The line's English name as the product's system gave it: the reference contract names a line on each product. */
  lineEn: text('line_en'),
});

/**
 * Literal, not bound, so that SQLite can see a query's filter implies the partial index's. Equalities
 * joined by `or`, not `status in (…)`: as tickets_open_id_idx's predicate, an `in` over more than two
 * values builds an ephemeral table each time a ticket is inserted or its status set (~2.5 µs of a ~3 µs
 * update); the planner still reads the `or` as an `in` where it searches an index by status.
 */
export const OPEN_TICKET = sql.raw(`(${OPEN_STATUSES.map((status) => `status = '${status}'`).join(' or ')})`);

export const tickets = sqliteTable(
  'tickets',
  {
    id: text('id').primaryKey(),
    source: text('source').notNull(),
    centerId: text('center_id').notNull().references(() => centers.id),
    customerId: text('customer_id').notNull().references(() => customers.id),
    engineerId: text('engineer_id').references(() => engineers.id),
    productModel: text('product_model').references(() => products.model),
    serialNo: text('serial_no'),
    priority: text('priority', { enum: PRIORITIES }).notNull(),
    type: text('type', { enum: TICKET_TYPES }).notNull(),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    status: text('status', { enum: TICKET_STATUSES }).notNull(),
    symptom: text('symptom'),
    cause: text('cause'),
    visitCount: integer('visit_count').notNull().default(0),
    reopenCount: integer('reopen_count').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    assignedAt: integer('assigned_at'),
    scheduledAt: integer('scheduled_at'),
    appointmentAt: integer('appointment_at'),
    firstResponseAt: integer('first_response_at'),
    arrivedAt: integer('arrived_at'),
    resolvedAt: integer('resolved_at'),
    closedAt: integer('closed_at'),
    cancelledAt: integer('cancelled_at'),
    reopenedAt: integer('reopened_at'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('tickets_status_center_idx').on(t.status, t.centerId),
    index('tickets_center_created_idx').on(t.centerId, t.createdAt),
    index('tickets_created_idx').on(t.createdAt, t.id),
    index('tickets_engineer_idx').on(t.engineerId),
    // A customer's tickets, newest first (the tickets list filtered by customer, the search's reach check).
    index('tickets_customer_created_idx').on(t.customerId, t.createdAt),
    // The top bar finds a ticket by the start of its product's serial number.
    index('tickets_serial_idx').on(t.serialNo),
    // Recompute jobs page through open tickets in id order; this keeps each page an index walk, not a sort.
    index('tickets_open_id_idx').on(t.id).where(OPEN_TICKET),
  ],
);

/** Append-only log of every accepted event; `seq` (the rowid) is the arrival order. No AUTOINCREMENT: a replayed duplicate must not even advance a counter. */
export const ticketEvents = sqliteTable(
  'ticket_events',
  {
    seq: integer('seq').primaryKey(),
    id: text('id').notNull().unique(),
    ticketId: text('ticket_id').notNull(),
    type: text('type').notNull(),
    at: integer('at').notNull(),
    receivedAt: integer('received_at').notNull(),
    source: text('source').notNull(),
    data: text('data', { mode: 'json' }).notNull(),
  },
  (t) => [index('ticket_events_ticket_idx').on(t.ticketId, t.at, t.seq)],
);

/** Complaints as the fold leaves them; a resolved one waits for the customer's confirmation and still counts as open. */
export const complaints = sqliteTable(
  'complaints',
  {
    ticketId: text('ticket_id').notNull().references(() => tickets.id),
    id: text('id').notNull(),
    customerId: text('customer_id').notNull().references(() => customers.id),
    source: text('source', { enum: COMPLAINT_SOURCES }).notNull().default('customer'),
    category: text('category', { enum: COMPLAINT_CATEGORIES }).notNull(),
    severity: text('severity', { enum: COMPLAINT_SEVERITIES }).notNull(),
    level: integer('level').notNull(),
    owner: text('owner'),
    handler: text('handler'),
    status: text('status', { enum: COMPLAINT_STATUSES }).notNull(),
    openedAt: integer('opened_at').notNull(),
    firstResponseAt: integer('first_response_at'),
    escalatedAt: integer('escalated_at'),
    levelSince: integer('level_since').notNull().default(0),
    cycle: integer('cycle').notNull().default(1),
    resolvedAt: integer('resolved_at'),
    resolution: text('resolution'),
    confirmedAt: integer('confirmed_at'),
    satisfied: integer('satisfied', { mode: 'boolean' }),
    closedAt: integer('closed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.ticketId, t.id] }),
    index('complaints_status_idx').on(t.status, t.openedAt),
    // The desk finds a complaint by its id alone, and pages through complaints by opening time.
    index('complaints_id_idx').on(t.id),
    index('complaints_opened_idx').on(t.openedAt, t.ticketId, t.id),
  ],
);

/** Return visits (回访): a score 1–5, or a failure with its reason. */
export const surveys = sqliteTable(
  'surveys',
  {
    id: text('id').primaryKey(),
    ticketId: text('ticket_id').notNull().references(() => tickets.id),
    at: integer('at').notNull(),
    score: integer('score'),
    failedReason: text('failed_reason', { enum: SURVEY_FAILURE_REASONS }),
    comment: text('comment'),
  },
  (t) => [index('surveys_ticket_idx').on(t.ticketId)],
);

export const partsRequests = sqliteTable(
  'parts_requests',
  {
    ticketId: text('ticket_id').notNull().references(() => tickets.id),
    id: text('id').notNull(),
    partNo: text('part_no').notNull(),
    quantity: integer('quantity').notNull(),
    requestedAt: integer('requested_at').notNull(),
    shippedAt: integer('shipped_at'),
    deliveredAt: integer('delivered_at'),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.id] })],
);

/**
 * Rollups: charts read these buckets, never raw tickets. One row per grain, bucket and desk (center ×
 * engineer) with a counter per series, upserted with created = created + excluded.created … from the
 * difference each change makes to a ticket's facts, so they depend on the tickets alone; a row whose
 * counters are all zero is removed. WITHOUT ROWID (migration 0019): the row lives in its key's b-tree,
 * one write an upsert instead of table and key index.
 * - grain: minute, hour, or day (the local calendar day of the ticket's center, stored as that date
 *   at 00:00 UTC);
 * - engineer_id: '' for tickets with no engineer, so an engineer's series is one filter away;
 * - counters: created, resolved, complaints_opened; csat_scored and csat_score_sum (the scores given
 *   and their sum); <metric>_judged and <metric>_met for first_response, on_site and resolution.
 */
export const metricRollups = sqliteTable(
  'metric_rollups',
  {
    grain: text('grain', { enum: ['minute', 'hour', 'day'] }).notNull(),
    bucket: integer('bucket').notNull(),
    centerId: text('center_id').notNull(),
    engineerId: text('engineer_id').notNull(),
    created: integer('created').notNull().default(0),
    resolved: integer('resolved').notNull().default(0),
    complaintsOpened: integer('complaints_opened').notNull().default(0),
    csatScored: integer('csat_scored').notNull().default(0),
    csatScoreSum: integer('csat_score_sum').notNull().default(0),
    firstResponseJudged: integer('first_response_judged').notNull().default(0),
    firstResponseMet: integer('first_response_met').notNull().default(0),
    onSiteJudged: integer('on_site_judged').notNull().default(0),
    onSiteMet: integer('on_site_met').notNull().default(0),
    resolutionJudged: integer('resolution_judged').notNull().default(0),
    resolutionMet: integer('resolution_met').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.grain, t.bucket, t.centerId, t.engineerId] })],
);

/** Levels (backlog, breached, at risk) sampled each minute per center; an hour or day row holds its latest sample. */
export const metricLevels = sqliteTable(
  'metric_levels',
  {
    grain: text('grain', { enum: ['minute', 'hour', 'day'] }).notNull(),
    bucket: integer('bucket').notNull(),
    centerId: text('center_id').notNull(),
    sampledAt: integer('sampled_at').notNull(),
    backlogOpen: integer('backlog_open').notNull(),
    breachedOpen: integer('breached_open').notNull(),
    atRiskOpen: integer('at_risk_open').notNull(),
  },
  (t) => [primaryKey({ columns: [t.grain, t.bucket, t.centerId] })],
);

export * from './slaSchema';
export * from './identitySchema';
export * from './alertSchema';
export * from './scorecardSchema';
