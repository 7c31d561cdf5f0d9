import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { BusinessCalendar } from '../shared/calendar/calendarSchema';
import { PRIORITIES } from '../shared/domain/vocabulary';
import { SLA_METRICS, type SlaPolicy } from '../shared/sla/slaPolicy';
import { SLA_STATES, type SlaThreshold } from '../shared/sla/slaClock';

/** SLA tables: business calendars, the versioned policy set, and one clock per ticket × metric × cycle. */

export const businessCalendars = sqliteTable('business_calendars', {
  id: text('id').primaryKey(),
  definition: text('definition', { mode: 'json' }).$type<BusinessCalendar>().notNull(),
  builtin: integer('builtin', { mode: 'boolean' }).notNull().default(false),
  version: integer('version').notNull().default(1),
  updatedBy: text('updated_by').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** Every saved policy set is kept: the highest version is in force. */
export const slaPolicyVersions = sqliteTable('sla_policy_versions', {
  version: integer('version').primaryKey(),
  policies: text('policies', { mode: 'json' }).$type<SlaPolicy[]>().notNull(),
  changedBy: text('changed_by').notNull(),
  changedAt: integer('changed_at').notNull(),
  note: text('note'),
});

export const slaClocks = sqliteTable(
  'sla_clocks',
  {
    ticketId: text('ticket_id').notNull(),
    metric: text('metric', { enum: SLA_METRICS }).notNull(),
    cycle: integer('cycle').notNull(),
    /** The complaint a complaint clock times; null for ticket clocks. */
    subjectId: text('subject_id'),
    centerId: text('center_id').notNull(),
    policyId: text('policy_id').notNull(),
    policyVersion: integer('policy_version').notNull(),
    calendarId: text('calendar_id').notNull(),
    timeZone: text('time_zone').notNull(),
    counting: text('counting', { enum: ['business', 'calendar'] }).notNull(),
    state: text('state', { enum: SLA_STATES }).notNull(),
    breached: integer('breached', { mode: 'boolean' }).notNull(),
    startedAt: integer('started_at').notNull(),
    stoppedAt: integer('stopped_at'),
    targetMs: integer('target_ms').notNull(),
    dueAt: integer('due_at').notNull(),
    originalDueAt: integer('original_due_at').notNull(),
    elapsedBusinessMs: integer('elapsed_business_ms').notNull(),
    elapsedCalendarMs: integer('elapsed_calendar_ms').notNull(),
    countedUntil: integer('counted_until').notNull(),
    runningSince: integer('running_since'),
    thresholds: text('thresholds', { mode: 'json' }).$type<SlaThreshold[]>().notNull(),
    /** Percent levels already announced (100 = breached); a level fires once per clock. */
    fired: text('fired', { mode: 'json' }).$type<number[]>().notNull(),
    metAnnounced: integer('met_announced', { mode: 'boolean' }).notNull().default(false),
    /** The next threshold instant not yet fired, what the timer queue is rebuilt from after a restart. */
    nextFireAt: integer('next_fire_at'),
    /**
     * The ticket's priority and customer as of its last change (each ticket event rewrites its clocks), so the
     * breach desk filters and counts from the index alone; the customer's tier is read from customers, as it is now.
     */
    priority: text('priority', { enum: PRIORITIES }),
    customerId: text('customer_id'),
  },
  (t) => [
    primaryKey({ columns: [t.ticketId, t.metric, t.cycle] }),
    // The only indexes of running clocks (server/sla/runningClocks.ts): the breach desk's sections walk them in due
    // order and count from the index alone; the at-risk list, the breach alerts, the return-visit signal and the
    // timer queue's rebuild at start read them too. Literal filters, so SQLite can see a query's filter implies the
    // partial index's. Dropped because nearly every clock write wrote them and these serve their readers: (state,
    // due_at) in 0021, the next firing's in 0022; (center_id, state) in 0018, which no query used.
    index('sla_clocks_work_due_idx').on(t.dueAt, t.ticketId, t.metric, t.cycle, t.centerId, t.state, t.breached, t.priority, t.customerId).where(sql.raw(`state in ('active', 'paused') and metric <> 'return_visit'`)),
    index('sla_clocks_followup_due_idx').on(t.dueAt, t.ticketId, t.metric, t.cycle, t.centerId, t.state, t.breached, t.priority, t.customerId).where(sql.raw(`state in ('active', 'paused') and metric = 'return_visit'`)),
  ],
);
