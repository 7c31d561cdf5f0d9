import type { BusinessCalendar } from './calendarSchema';
import { InstantOutOfEraError } from '../time/supportedEra';
import { CompiledCalendar, requireInstant } from './workingDays';

/**
 * Business-time arithmetic on UTC epoch milliseconds, for due times and live countdowns alike: pure,
 * so server and browser agree to the millisecond. Working time is the half-open spans [start, end) of
 * each local date's intervals; see workingDays.ts for how wall-clock hours meet daylight-saving changes.
 *
 * Calendars are compiled once per object and cached, so treat a calendar object as immutable: build a
 * new one to change it.
 */

/** A search that meets no working time for this long gives up rather than loop forever. */
const SEARCH_HORIZON_DAYS = 3 * 366;

export class NoWorkingTimeError extends Error {
  constructor(calendarId: string, fromMs: number) {
    super(`business calendar '${calendarId}' has no working time in the ${SEARCH_HORIZON_DAYS} days after ${new Date(fromMs).toISOString()}`);
    this.name = 'NoWorkingTimeError';
  }
}

/**
 * Whether an error says the calendar cannot answer for these instants (no working time within the
 * search horizon, or instants outside the era), rather than that the code is wrong.
 */
export function isBusinessTimeUnavailable(error: unknown): boolean {
  return error instanceof NoWorkingTimeError || error instanceof InstantOutOfEraError;
}

const compiledCalendars = new WeakMap<BusinessCalendar, CompiledCalendar>();

export function compiledCalendar(calendar: BusinessCalendar): CompiledCalendar {
  let compiled = compiledCalendars.get(calendar);
  if (!compiled) {
    compiled = new CompiledCalendar(calendar);
    compiledCalendars.set(calendar, compiled);
  }
  return compiled;
}

/**
 * Counts consecutive dates without working time, failing once a search has met none for the horizon.
 * `days` dates were just passed, `workingMs` of working time among them (a whole ordinary week counts
 * as one step: the count then restarts at its end, a few days early at most).
 */
function countIdleDays(calendar: CompiledCalendar, days: number, workingMs: number, searchFromMs: number, idleDays: number): number {
  const idle = workingMs > 0 ? 0 : idleDays + days;
  if (idle > SEARCH_HORIZON_DAYS) throw new NoWorkingTimeError(calendar.id, searchFromMs);
  return idle;
}

/**
 * The instant at which durationMs of working time has elapsed after startMs. Counting starts at the
 * next working moment, so a duration of 0 gives startMs itself inside working time and the next
 * working moment outside it. A duration that ends exactly at the end of a span gives that end (18:00
 * on Friday), not the start of the next span.
 */
export function addBusinessTime(calendar: BusinessCalendar, startMs: number, durationMs: number): number {
  if (!Number.isFinite(durationMs) || durationMs < 0) {
    throw new RangeError(`a business duration must be finite and not negative, got ${durationMs}`);
  }
  requireInstant(startMs);
  const compiled = compiledCalendar(calendar);
  if (compiled.alwaysWorking) return startMs + durationMs;
  let dayNumber = compiled.dayContaining(startMs).dayNumber;
  let remaining = durationMs;
  let idleDays = 0;
  for (;; dayNumber++) {
    const week = compiled.plainWeek(dayNumber);
    if (week && startMs <= week.start && remaining > week.workingMs) {
      remaining -= week.workingMs;
      idleDays = countIdleDays(compiled, 7, week.workingMs, startMs, idleDays);
      dayNumber += 6;
      continue;
    }
    const day = compiled.day(dayNumber);
    if (startMs <= day.start && remaining > day.workingMs) {
      remaining -= day.workingMs;
    } else {
      const { spans } = day;
      for (let index = 0; index < spans.length; index += 2) {
        const spanEnd = spans[index + 1]!;
        if (spanEnd <= startMs) continue;
        const from = Math.max(startMs, spans[index]!);
        if (remaining <= spanEnd - from) return from + remaining;
        remaining -= spanEnd - from;
      }
    }
    idleDays = countIdleDays(compiled, 1, day.workingMs, startMs, idleDays);
  }
}

/** The first working instant at or after epochMs. */
export function nextWorkingMoment(calendar: BusinessCalendar, epochMs: number): number {
  return addBusinessTime(calendar, epochMs, 0);
}

export function isWorkingTime(calendar: BusinessCalendar, epochMs: number): boolean {
  requireInstant(epochMs);
  const compiled = compiledCalendar(calendar);
  if (compiled.alwaysWorking) return true;
  const { spans } = compiled.dayContaining(epochMs);
  for (let index = 0; index < spans.length; index += 2) {
    if (epochMs >= spans[index]! && epochMs < spans[index + 1]!) return true;
  }
  return false;
}

function workingMsWithin(spans: readonly number[], fromMs: number, toMs: number): number {
  let total = 0;
  for (let index = 0; index < spans.length; index += 2) {
    total += Math.max(0, Math.min(toMs, spans[index + 1]!) - Math.max(fromMs, spans[index]!));
  }
  return total;
}

/** Working time in [fromMs, toMs), walking it: whole ordinary weeks at once, other dates one by one. */
function walkedWorkingMs(compiled: CompiledCalendar, fromMs: number, toMs: number): number {
  let total = 0;
  // Day numbers, not day objects, step through the span: a skipped week builds no date.
  for (let dayNumber = compiled.dayContaining(fromMs).dayNumber; ; ) {
    const week = compiled.plainWeek(dayNumber);
    if (week && fromMs <= week.start && week.end <= toMs) {
      total += week.workingMs;
      dayNumber += 7;
      continue;
    }
    const day = compiled.day(dayNumber);
    if (day.start >= toMs) return total;
    total += fromMs <= day.start && day.end <= toMs ? day.workingMs : workingMsWithin(day.spans, fromMs, toMs);
    dayNumber++;
  }
}

/**
 * Checkpoints every 28 local dates, with the working time from one of them (the first asked about)
 * to each, filled in as far as questions reach either way: a clock open for years (and listed a
 * thousand times on the breach board) is then two short walks and a subtraction on every later read.
 */
const CHECKPOINT_DAYS = 28;

interface WorkingTotals {
  /** Checkpoint index → working time since the origin checkpoint (negative before it). */
  readonly sinceOrigin: Map<number, number>;
  low: number;
  high: number;
}

const workingTotals = new WeakMap<CompiledCalendar, WorkingTotals>();

function checkpointStart(compiled: CompiledCalendar, index: number): number {
  return compiled.day(index * CHECKPOINT_DAYS).start;
}

function workingMsToCheckpoint(compiled: CompiledCalendar, index: number): number {
  let totals = workingTotals.get(compiled);
  if (!totals) workingTotals.set(compiled, (totals = { sinceOrigin: new Map([[index, 0]]), low: index, high: index }));
  const { sinceOrigin } = totals;
  for (; totals.high < index; totals.high++) {
    const step = walkedWorkingMs(compiled, checkpointStart(compiled, totals.high), checkpointStart(compiled, totals.high + 1));
    sinceOrigin.set(totals.high + 1, sinceOrigin.get(totals.high)! + step);
  }
  for (; totals.low > index; totals.low--) {
    const step = walkedWorkingMs(compiled, checkpointStart(compiled, totals.low - 1), checkpointStart(compiled, totals.low));
    sinceOrigin.set(totals.low - 1, sinceOrigin.get(totals.low)! - step);
  }
  return sinceOrigin.get(index)!;
}

/** Working milliseconds in [fromMs, toMs); 0 when toMs is not after fromMs. */
export function businessTimeBetween(calendar: BusinessCalendar, fromMs: number, toMs: number): number {
  requireInstant(fromMs);
  requireInstant(toMs);
  if (toMs <= fromMs) return 0;
  const compiled = compiledCalendar(calendar);
  if (compiled.alwaysWorking) return toMs - fromMs;
  // The first checkpoint at or after fromMs and the last at or before toMs.
  let first = Math.ceil(compiled.dayContaining(fromMs).dayNumber / CHECKPOINT_DAYS);
  if (checkpointStart(compiled, first) < fromMs) first++;
  const last = Math.floor(compiled.dayContaining(toMs).dayNumber / CHECKPOINT_DAYS);
  if (last - first < 2) return walkedWorkingMs(compiled, fromMs, toMs);
  const middle = workingMsToCheckpoint(compiled, last) - workingMsToCheckpoint(compiled, first);
  return walkedWorkingMs(compiled, fromMs, checkpointStart(compiled, first)) + middle + walkedWorkingMs(compiled, checkpointStart(compiled, last), toMs);
}

/**
 * The end of the last working span of the offsetDays-th working day after the local date containing
 * epochMs: 1 is "end of next business day". With 0 it is today's end when today has working time,
 * even if that end has already passed, and otherwise the next working day's end.
 */
export function endOfBusinessDay(calendar: BusinessCalendar, epochMs: number, offsetDays: number): number {
  if (!Number.isInteger(offsetDays) || offsetDays < 0) {
    throw new RangeError(`offsetDays must be a whole number of days, not negative, got ${offsetDays}`);
  }
  requireInstant(epochMs);
  const compiled = compiledCalendar(calendar);
  let day = compiled.dayContaining(epochMs);
  let workingDaysToGo = day.workingMs > 0 ? offsetDays : Math.max(offsetDays, 1);
  let idleDays = 0;
  while (workingDaysToGo > 0) {
    const week = compiled.plainWeek(day.dayNumber + 1);
    if (week && workingDaysToGo > week.workingDays) {
      workingDaysToGo -= week.workingDays;
      idleDays = countIdleDays(compiled, 7, week.workingMs, epochMs, idleDays);
      day = compiled.day(day.dayNumber + 7);
      continue;
    }
    idleDays = countIdleDays(compiled, 1, day.workingMs, epochMs, idleDays);
    day = compiled.day(day.dayNumber + 1);
    if (day.workingMs > 0) workingDaysToGo--;
  }
  return day.spans[day.spans.length - 1]!;
}
