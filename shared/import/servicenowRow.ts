import { z } from 'zod';
import { PRIORITIES } from '../domain/vocabulary';
import { type FieldError, fieldErrors } from '../ingest/eventSchema';
import { isWithinEra } from '../time/supportedEra';
import { utcFromFields } from '../time/utcFields';
import { type WallTime, isValidWallTime } from '../time/zonedParse';
import { zoneTimeline } from '../time/zoneTimeline';

/**
 * One row of a ServiceNow incident audit export: the incident as it stood after one update.
 * Only the columns the importer maps are checked, so a quirk in a column we ignore never costs a row.
 */

export const INCIDENT_STATES = [
  'New',
  'Active',
  'Awaiting User Info',
  'Awaiting Problem',
  'Awaiting Vendor',
  'Awaiting Evidence',
  'Resolved',
  'Closed',
] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];

/** In the order of PRIORITIES, P1 first. */
const PRIORITY_LABELS = ['1 - Critical', '2 - High', '3 - Moderate', '4 - Low'] as const;

/** The export writes `?` for a field without a value; other exports leave it empty. */
const NO_VALUES = new Set(['?', '']);

const TIME_PATTERN = /^(\d{2})-(\d{2})-(\d{4}) (\d{2}):(\d{2})$/;

function wallTimeOf(text: string): WallTime | null {
  const match = TIME_PATTERN.exec(text.trim());
  if (!match) return null;
  const [, day, month, year, hour, minute] = match.map(Number) as number[];
  const wall = { year: year!, month: month!, day: day!, hour: hour!, minute: minute! };
  return isValidWallTime(wall) ? wall : null;
}

/**
 * A `DD-MM-YYYY HH:MM` wall-clock time in the export's zone, as UTC epoch milliseconds. The zone's
 * offsets come from its kept timeline (the rule wallTimeToEpoch applies), since reading them from Intl
 * for every time of every row made parsing an export cost more than ingesting it.
 */
function localTime(timeZone: string) {
  const timeline = zoneTimeline(timeZone);
  return z.string().transform((text, ctx) => {
    const wall = wallTimeOf(text);
    const wallAsUtc = wall ? utcFromFields(wall.year, wall.month, wall.day, wall.hour, wall.minute) : NaN;
    if (isWithinEra(wallAsUtc)) return timeline.wallToEpoch(wallAsUtc);
    const problem = wall ? 'must lie between 1970 and 2100' : 'must be a time as DD-MM-YYYY HH:MM';
    ctx.addIssue({ code: 'custom', message: `${problem}, got '${text}'` });
    return z.NEVER;
  });
}

function orNoValue<T extends z.ZodType<unknown, string>>(schema: T) {
  return z
    .string()
    .transform((text) => (NO_VALUES.has(text.trim()) ? null : text))
    .pipe(schema.nullable());
}

const count = z
  .string()
  .trim()
  .regex(/^\d{1,9}$/, 'must be a whole number')
  .transform(Number);
const label = z.string().trim().min(1).max(200);

export function servicenowRowSchema(timeZone: string) {
  const time = localTime(timeZone);
  return z.object({
    // Ticket ids allow 128 characters; the margin keeps derived event ids within that too.
    number: z.string().trim().min(1).max(64),
    incident_state: z.enum(INCIDENT_STATES),
    sys_mod_count: count,
    reopen_count: count,
    opened_at: time,
    sys_updated_at: time,
    resolved_at: orNoValue(time),
    closed_at: orNoValue(time),
    priority: z.enum(PRIORITY_LABELS).transform((text) => PRIORITIES[PRIORITY_LABELS.indexOf(text)]!),
    contact_type: orNoValue(label),
    category: orNoValue(label),
    assignment_group: orNoValue(label),
    assigned_to: orNoValue(label),
    caller_id: orNoValue(label),
    u_symptom: orNoValue(z.string().trim().min(1).max(2000)),
    closed_code: orNoValue(z.string().trim().min(1).max(2000)),
  });
}

export type ServicenowRowSchema = ReturnType<typeof servicenowRowSchema>;
export type ServicenowRow = z.output<ServicenowRowSchema>;

export const SERVICENOW_COLUMNS = Object.keys(servicenowRowSchema('UTC').shape);

/** A row the schema refused: its line in the file, its incident when readable, and each field's reason. */
export interface RejectedRow {
  line: number;
  number: string | null;
  errors: FieldError[];
}

export type ParsedRow = { ok: true; row: ServicenowRow } | { ok: false; rejection: RejectedRow };

export function parseServicenowRow(schema: ServicenowRowSchema, record: Record<string, unknown>, line: number): ParsedRow {
  const result = schema.safeParse(record);
  if (result.success) return { ok: true, row: result.data };
  const number = typeof record.number === 'string' && record.number.trim() !== '' ? record.number.trim() : null;
  return { ok: false, rejection: { line, number, errors: fieldErrors(result.error) } };
}
