import { type Random, between, chance } from './seededRandom';
import { localClock } from '../../shared/time/zonedCalendar';

/**
 * When a kind of work happens, in the center's local time: from `from` up to `until` o'clock, every
 * day or Monday to Friday only. People do not ring doorbells, deliver parts or make return calls at
 * 03:00, and what could not happen overnight is spread over the next day as a booking diary fills,
 * not piled on its first hour: a pile at 08:00 would make the early hours of every day look like
 * nothing but second visits.
 */
export interface LocalHours {
  from: number;
  until: number;
  weekdaysOnly: boolean;
}

/** Engineers on site for ordinary contracts: the two staggered shifts (08–17, 12–21) cover 08:00–20:00 every day. */
export const VISITING_HOURS: LocalHours = { from: 8, until: 20, weekdaysOnly: false };
/**
 * An escalated visit, one that would otherwise run well past its promise: the late shift (12–21) takes it
 * on the same evening, so a deadline that falls late in the day is not left breached overnight.
 */
export const ESCALATED_VISIT_HOURS: LocalHours = { from: 8, until: 21, weekdaysOnly: false };
/** A 5×9 contract's escalated visits: its working days, into the late shift's evening. */
export const ESCALATED_5X9_HOURS: LocalHours = { from: 9, until: 21, weekdaysOnly: true };
/** A 5×9 contract's business hours, as its SLA calendar counts them (public holidays are left to the calendar). */
export const CONTRACT_5X9_HOURS: LocalHours = { from: 9, until: 18, weekdaysOnly: true };
/** The call center's return calls (回访) and the customers' own calls back. */
export const CALLING_HOURS: LocalHours = { from: 9, until: 20, weekdaysOnly: false };
/** Couriers bring parts in the working day, weekends included. */
export const DELIVERY_HOURS: LocalHours = { from: 9, until: 19, weekdaysOnly: false };

const HOUR = 3_600_000;
/** Past this many hours of looking, the hours are taken to be never open; no demo hours come near it. */
const SEARCH_HOURS = 24 * 14;

/** The share of a whole week's wall time that is open: a promise in wall hours holds about this share of open hours. */
export function openShare(hours: LocalHours): number {
  return ((hours.until - hours.from) / 24) * (hours.weekdaysOnly ? 5 / 7 : 1);
}

function isOpen(at: number, timeZone: string, hours: LocalHours): boolean {
  const { hour, weekday } = localClock(at, timeZone);
  return hour >= hours.from && hour < hours.until && (!hours.weekdaysOnly || (weekday >= 1 && weekday <= 5));
}

/** Demo zones are whole hours off UTC, so open spans start and end on UTC hour boundaries. */
const nextHourOf = (at: number) => Math.floor(at / HOUR) * HOUR + HOUR;

/** The instant open time next begins at or after `at`, and how long that open span lasts. */
function nextOpenSpan(at: number, timeZone: string, hours: LocalHours): { start: number; length: number } {
  let start = at;
  for (let step = 0; step < SEARCH_HOURS && !isOpen(start, timeZone, hours); step += 1) start = nextHourOf(start);
  let end = nextHourOf(start);
  for (let step = 0; step < 24 && isOpen(end, timeZone, hours); step += 1) end += HOUR;
  return { start, length: end - start };
}

/**
 * `at` itself when open; otherwise a moment drawn evenly over the next open span, as a diary books the
 * morning and the afternoon alike. What waited over a weekend is more than one working day takes, so
 * half of it goes to the day after: Monday is busier, not a day of nothing but second visits.
 */
export function intoOpenHours(random: Random, at: number, timeZone: string, hours: LocalHours): number {
  if (isOpen(at, timeZone, hours)) return at;
  let span = nextOpenSpan(at, timeZone, hours);
  if (span.start - at > 24 * HOUR && chance(random, 0.5)) span = nextOpenSpan(span.start + span.length, timeZone, hours);
  return span.start + between(random, 0, span.length);
}

/**
 * `at` itself when open; otherwise early in the next open span, in its first two hours: the visit a
 * dispatcher escalates because its promise is running out goes first in the morning's diary.
 */
export function firstInOpenHours(random: Random, at: number, timeZone: string, hours: LocalHours): number {
  if (isOpen(at, timeZone, hours)) return at;
  const span = nextOpenSpan(at, timeZone, hours);
  return span.start + between(random, 0, Math.min(span.length, 2 * HOUR));
}

/** The instant `duration` of open time after `from`: a queue that only moves in open hours. */
export function afterOpenTime(from: number, duration: number, timeZone: string, hours: LocalHours): number {
  let at = from;
  let left = duration;
  for (let step = 0; step < SEARCH_HOURS * 4; step += 1) {
    if (isOpen(at, timeZone, hours)) {
      const used = Math.min(left, nextHourOf(at) - at);
      at += used;
      left -= used;
      if (left <= 0) return at;
    } else {
      at = nextOpenSpan(at, timeZone, hours).start;
    }
  }
  return at + left;
}
