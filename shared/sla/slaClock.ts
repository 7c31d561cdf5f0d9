import type { SlaMetric } from './slaPolicy';

/**
 * One SLA clock: a ticket × metric × cycle. Everything here follows from the ticket's events, the
 * policy set and the calendars alone, never from "now", so recomputing from the same inputs, in any
 * arrival order, gives the same clock. What depends on now (percent used, remaining, breached while
 * running) is derived by slaProgressAt.
 */

export const SLA_STATES = ['active', 'paused', 'stopped', 'cancelled'] as const;
export type SlaState = (typeof SLA_STATES)[number];

/** A warning level, or 100 for the breach itself, and the instant the clock reaches it. */
export interface SlaThreshold {
  percent: number;
  /** When the clock reached or will reach this level; null while it cannot (paused, or stopped short of it). */
  at: number | null;
}

export interface SlaClock {
  ticketId: string;
  metric: SlaMetric;
  /** 1-based: resolution starts a new cycle on each reopen, return_visit one per resolution, complaints one per complaint. */
  cycle: number;
  /** The complaint a complaint clock times; null for ticket clocks. */
  subjectId: string | null;
  policyId: string;
  calendarId: string;
  /** The zone the calendar's hours were read in: the center's or the calendar's own. */
  timeZone: string;
  /** business: the target counts working time on the calendar; calendar: every minute counts. */
  counting: 'business' | 'calendar';
  state: SlaState;
  startedAt: number;
  /** When it stopped or was cancelled. */
  stoppedAt: number | null;
  /** The target in counted milliseconds (working time for business counting). */
  targetMs: number;
  /** When the target is used up: projected while active, as it stood at the last transition otherwise. */
  dueAt: number;
  /** The due time had the clock never paused. */
  originalDueAt: number;
  /** Working time on the calendar, pauses excluded, up to countedUntil. */
  elapsedBusinessMs: number;
  /** Wall-clock time, pauses excluded, up to countedUntil. */
  elapsedCalendarMs: number;
  /** The last transition (start, pause, resume, stop) the elapsed figures are taken at. */
  countedUntil: number;
  /** While active: the instant counting last (re)started. */
  runningSince: number | null;
  /** The policy's warning levels and then 100, rising. */
  thresholds: SlaThreshold[];
}

/** The live view of a clock at some instant: what the API returns and the client counts down. */
export interface SlaProgress {
  state: SlaState;
  breached: boolean;
  dueAt: number;
  /** Active: wall-clock ms until dueAt, negative once overdue. Paused: counted ms left. Stopped: what was left when it stopped. */
  remainingMs: number;
  elapsedBusinessMs: number;
  elapsedCalendarMs: number;
  /** Counted time over target, in percent; above 100 once breached. */
  percent: number;
  /** Warning levels (not 100) already reached. */
  warningsPassed: number[];
}
