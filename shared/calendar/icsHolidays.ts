import type { Holiday } from './calendarSchema';
import { DAY_MS, isoDateOf } from './calendarDates';
import { utcFromFields } from '../time/utcFields';

/**
 * Holidays from an iCalendar (RFC 5545) feed such as a public-holiday subscription: each all-day
 * VEVENT gives its dates, DTEND being exclusive. Pure text in, data out; problems are reported per
 * line so an operator can fix the feed, and the events that did parse are still returned.
 */

/**
 * Why a line was refused, stable for machines: a client names it in its own language by this code,
 * never by the English message, which may be reworded.
 */
export const ICS_REASONS = [
  'recurring_event',
  'missing_summary',
  'missing_dtstart',
  'not_all_day',
  'partial_day_duration',
  'ends_before_start',
  'spans_too_long',
  'not_a_content_line',
  'unmatched_end',
  'unclosed_begin',
  'no_event',
] as const;
export type IcsReason = (typeof ICS_REASONS)[number];

export interface IcsError {
  /** 1-based line in the ICS text. */
  line: number;
  reason: IcsReason;
  message: string;
}

export interface IcsHolidays {
  /** In date order; a date that several events cover keeps the first event's name. */
  holidays: Holiday[];
  errors: IcsError[];
}

interface ContentLine {
  line: number;
  name: string;
  params: Map<string, string>;
  value: string;
}

/** A holiday spanning more than a year is a feed error, not a holiday. */
const MAX_EVENT_DAYS = 366;

/** Joins folded lines: a line starting with a space or tab continues the previous one. */
function unfold(text: string): { line: number; text: string }[] {
  const logical: { line: number; text: string }[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n|\r/)
    .forEach((raw, index) => {
      const previous = logical.at(-1);
      if (previous && (raw.startsWith(' ') || raw.startsWith('\t'))) previous.text += raw.slice(1);
      else if (raw.trim() !== '') logical.push({ line: index + 1, text: raw });
    });
  return logical;
}

/** NAME;PARAM=value:VALUE, where a quoted parameter value may contain a colon. */
function parseContentLine(line: number, text: string): ContentLine | null {
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    if (text[index] === '"') quoted = !quoted;
    else if (text[index] === ':' && !quoted) {
      const [name = '', ...params] = text.slice(0, index).split(';');
      const paramEntries = params.map((param): [string, string] => {
        const [key = '', ...value] = param.split('=');
        return [key.toUpperCase(), value.join('=').replace(/^"|"$/g, '')];
      });
      return { line, name: name.toUpperCase(), params: new Map(paramEntries), value: text.slice(index + 1) };
    }
  }
  return null;
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, escaped: string) => (escaped.toLowerCase() === 'n' ? ' ' : escaped)).trim();
}

/** Day number of an all-day date value (YYYYMMDD), or null for a date-time or malformed value. */
function allDayDate(property: ContentLine): number | null {
  const valueType = property.params.get('VALUE');
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(property.value.trim());
  if ((valueType !== undefined && valueType.toUpperCase() !== 'DATE') || !match) return null;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const epochMs = utcFromFields(year, month, day);
  return new Date(epochMs).getUTCDate() === day && month >= 1 && month <= 12 ? epochMs / DAY_MS : null;
}

/** Days of a DURATION such as P1D or P2W; other durations do not suit all-day events. */
function durationDays(property: ContentLine): number | null {
  const match = /^P(?:(\d+)W|(\d+)D)$/.exec(property.value.trim());
  if (!match) return null;
  return match[1] !== undefined ? Number(match[1]) * 7 : Number(match[2]);
}

/**
 * The event's day numbers and name, an error, or null for an event that is no holiday. An error points
 * at the offending property's line, or at BEGIN:VEVENT when a property is missing.
 */
function eventDays(begin: ContentLine, event: Map<string, ContentLine>): { first: number; end: number; name: string } | IcsError | null {
  if (event.get('STATUS')?.value.trim().toUpperCase() === 'CANCELLED') return null;
  const rule = event.get('RRULE');
  if (rule) return { line: rule.line, reason: 'recurring_event', message: 'recurring events (RRULE) are not supported: list each year as its own event' };
  const name = unescapeText(event.get('SUMMARY')?.value ?? '');
  if (name === '') return { line: event.get('SUMMARY')?.line ?? begin.line, reason: 'missing_summary', message: 'VEVENT has no SUMMARY to name the holiday' };
  const start = event.get('DTSTART');
  if (!start) return { line: begin.line, reason: 'missing_dtstart', message: 'VEVENT has no DTSTART' };
  const first = allDayDate(start);
  if (first === null) return { line: start.line, reason: 'not_all_day', message: `DTSTART '${start.value}' is not an all-day date (DTSTART;VALUE=DATE:YYYYMMDD)` };
  const endProperty = event.get('DTEND');
  const duration = event.get('DURATION');
  let end = first + 1;
  let endLine = begin.line;
  if (endProperty) {
    const endDay = allDayDate(endProperty);
    if (endDay === null) return { line: endProperty.line, reason: 'not_all_day', message: `DTEND '${endProperty.value}' is not an all-day date (DTEND;VALUE=DATE:YYYYMMDD)` };
    end = endDay;
    endLine = endProperty.line;
  } else if (duration) {
    const days = durationDays(duration);
    if (days === null) return { line: duration.line, reason: 'partial_day_duration', message: `DURATION '${duration.value}' is not a whole number of days or weeks` };
    end = first + days;
    endLine = duration.line;
  }
  if (end <= first) return { line: endLine, reason: 'ends_before_start', message: 'the event must end after it starts (DTEND is the day after the last holiday)' };
  if (end - first > MAX_EVENT_DAYS) return { line: endLine, reason: 'spans_too_long', message: `the event spans ${end - first} days, more than ${MAX_EVENT_DAYS}` };
  return { first, end, name };
}

export function parseIcsHolidays(text: string): IcsHolidays {
  const namesByDay = new Map<number, string>();
  const errors: IcsError[] = [];
  const openComponents: ContentLine[] = [];
  let event: Map<string, ContentLine> | null = null;

  const closeEvent = (begin: ContentLine, properties: Map<string, ContentLine>) => {
    const days = eventDays(begin, properties);
    if (days && 'message' in days) errors.push(days);
    else if (days) for (let day = days.first; day < days.end; day++) if (!namesByDay.has(day)) namesByDay.set(day, days.name);
  };

  for (const { line, text: lineText } of unfold(text)) {
    const property = parseContentLine(line, lineText);
    if (!property) {
      errors.push({ line, reason: 'not_a_content_line', message: `'${lineText.slice(0, 40)}' is not a NAME:value line` });
    } else if (property.name === 'BEGIN') {
      openComponents.push(property);
      if (property.value.toUpperCase() === 'VEVENT') event = new Map();
    } else if (property.name === 'END') {
      const begin = openComponents.pop();
      if (!begin || begin.value.toUpperCase() !== property.value.toUpperCase()) {
        errors.push({ line, reason: 'unmatched_end', message: `END:${property.value} does not close ${begin ? `BEGIN:${begin.value} of line ${begin.line}` : 'any BEGIN'}` });
      } else if (event && begin.value.toUpperCase() === 'VEVENT') {
        closeEvent(begin, event);
        event = null;
      }
    } else if (event && openComponents.at(-1)?.value.toUpperCase() === 'VEVENT' && !event.has(property.name)) {
      event.set(property.name, property);
    }
  }
  for (const begin of openComponents) errors.push({ line: begin.line, reason: 'unclosed_begin', message: `BEGIN:${begin.value} is never closed by END:${begin.value}` });

  const holidays = [...namesByDay.entries()].sort(([a], [b]) => a - b).map(([day, name]) => ({ date: isoDateOf(day), name }));
  return { holidays, errors };
}
