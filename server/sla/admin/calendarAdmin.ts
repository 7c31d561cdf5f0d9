import type { Db } from '../../../db/connection';
import { type BusinessCalendar, type Holiday, businessCalendarSchema } from '../../../shared/calendar/calendarSchema';
import { type IcsReason, parseIcsHolidays } from '../../../shared/calendar/icsHolidays';
import type { FieldError } from '../../../shared/ingest/eventSchema';
import type { RecomputeJob } from '../../../shared/sla/adminSchema';
import type { Clock } from '../../clock';
import { HttpError } from '../../http/httpError';
import type { SlaRulebook } from '../slaRulebook';
import type { CalendarRepository, StoredCalendar } from './calendarRepository';
import { type CalendarUse, calendarUses } from './calendarUses';
import type { PolicyRepository } from './policyRepository';
import type { RecomputeJobs } from './recomputeJobs';

/** Every clock counts wall-clock time on it; the engine reads '24x7' as "no calendar", so it never changes. */
const FIXED_CALENDAR_ID = '24x7';

export interface CalendarAdminDeps {
  db: Db;
  calendars: CalendarRepository;
  policies: PolicyRepository;
  rulebook: SlaRulebook;
  jobs: RecomputeJobs;
  clock: Clock;
}

export type CalendarView = StoredCalendar & { usedBy: Pick<CalendarUse, 'policyId' | 'metric'>[] };

export interface HolidayMerge {
  calendar: { id: string; version: number };
  added: Holiday[];
  renamed: Holiday[];
  unchanged: number;
  job: RecomputeJob | null;
}

/** A date that is a make-up working day of the calendar cannot also be a holiday. */
interface HolidayConflict {
  index: number;
  holiday: Holiday;
  workdayIndex: number;
}

function mergeHolidays(calendar: BusinessCalendar, additions: readonly Holiday[]) {
  const byDate = new Map(calendar.holidays.map((holiday) => [holiday.date, holiday]));
  const added: Holiday[] = [];
  const renamed: Holiday[] = [];
  for (const holiday of additions) {
    const existing = byDate.get(holiday.date);
    if (existing?.name === holiday.name) continue;
    (existing ? renamed : added).push(holiday);
    byDate.set(holiday.date, holiday);
  }
  const holidays = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { holidays, added, renamed, unchanged: additions.length - added.length - renamed.length };
}

function workdayConflicts(calendar: BusinessCalendar, additions: readonly Holiday[]): HolidayConflict[] {
  const workdayIndex = new Map(calendar.workdays.map((workday, index) => [workday.date, index]));
  return additions.flatMap((holiday, index) => {
    const found = workdayIndex.get(holiday.date);
    return found === undefined ? [] : [{ index, holiday, workdayIndex: found }];
  });
}

export function createCalendarAdmin(deps: CalendarAdminDeps) {
  const { db, calendars, policies, rulebook, jobs, clock } = deps;

  function usesInForce(): CalendarUse[] {
    return calendarUses(policies.inForce()?.policies ?? []);
  }

  function view(row: StoredCalendar, uses: readonly CalendarUse[]): CalendarView {
    return { ...row, usedBy: uses.filter((use) => use.calendarId === row.id).map(({ policyId, metric }) => ({ policyId, metric })) };
  }

  function existing(id: string): StoredCalendar {
    const row = calendars.find(id);
    if (!row) throw new HttpError(404, 'not_found', `No calendar '${id}'.`);
    return row;
  }

  function refuseFixed(id: string): void {
    if (id === FIXED_CALENDAR_ID) {
      throw new HttpError(409, 'builtin_calendar', `The built-in calendar '${FIXED_CALENDAR_ID}' is round the clock by definition and cannot be changed or deleted.`);
    }
  }

  /** After a committed change: the new rules are in force, and clocks timed on this calendar are redone. */
  function applied(calendarId: string, reason: string): RecomputeJob | null {
    rulebook.reload();
    // Clocks only ever time against calendars the policies in force name; any other needs no recompute.
    const inUse = usesInForce().some((use) => use.calendarId === calendarId);
    return inUse ? jobs.start('open', reason) : null;
  }

  const save = db.$client.transaction((calendar: BusinessCalendar, actor: string) => {
    refuseFixed(calendar.id);
    return calendars.save(calendar, actor, clock.now());
  });

  const mergeInto = db.$client.transaction((id: string, additions: readonly Holiday[], actor: string) => {
    refuseFixed(id);
    const row = existing(id);
    const calendar = row.definition;
    const conflicts = workdayConflicts(calendar, additions);
    if (conflicts.length > 0) {
      const issues: FieldError[] = conflicts.map(({ index, holiday, workdayIndex }) => ({
        path: `${index}.date`,
        message: `${holiday.date} is a make-up working day of this calendar (workdays[${workdayIndex}]); remove it there first`,
      }));
      throw new HttpError(400, 'invalid_request', `Some holidays fall on make-up working days of calendar '${id}'.`, issues);
    }
    const merged = mergeHolidays(calendar, additions);
    const stored = merged.added.length + merged.renamed.length === 0 ? row : calendars.save(businessCalendarSchema.parse({ ...calendar, holidays: merged.holidays }), actor, clock.now());
    return { stored, ...merged };
  });

  const deleteUnused = db.$client.transaction((id: string) => {
    const row = existing(id);
    refuseFixed(id);
    const uses = usesInForce().filter((use) => use.calendarId === id);
    if (uses.length > 0) {
      const named = uses.map((use) => `${use.policyId}.${use.metric}`).join(', ');
      throw new HttpError(409, 'calendar_in_use', `Calendar '${id}' is named by the policies in force (${named}); point them at another calendar first.`);
    }
    // The rulebook seeds missing built-ins on every reload, so a deleted one would come straight back.
    if (row.builtin) {
      throw new HttpError(409, 'builtin_calendar', `The built-in calendar '${id}' cannot be deleted; edit it instead.`);
    }
    calendars.remove(id);
  });

  function addHolidays(id: string, additions: readonly Holiday[], actor: string): HolidayMerge {
    const { stored, added, renamed, unchanged } = mergeInto(id, additions, actor);
    const changed = added.length + renamed.length > 0;
    const job = changed ? applied(id, `calendar '${id}' version ${stored.version}`) : null;
    return { calendar: { id, version: stored.version }, added, renamed, unchanged, job };
  }

  return {
    /** Checked before the body is read: no body makes a change to '24x7' acceptable. */
    refuseFixed,

    list(): CalendarView[] {
      const uses = usesInForce();
      return calendars.list().map((row) => view(row, uses));
    },

    get(id: string): CalendarView {
      return view(existing(id), usesInForce());
    },

    /** Creates or replaces the whole calendar. */
    replace(calendar: BusinessCalendar, actor: string): { created: boolean; calendar: CalendarView; job: RecomputeJob | null } {
      const stored = save(calendar, actor);
      const job = applied(calendar.id, `calendar '${calendar.id}' version ${stored.version}`);
      return { created: stored.version === 1, calendar: view(stored, usesInForce()), job };
    },

    remove(id: string): { deleted: string } {
      deleteUnused(id);
      rulebook.reload();
      return { deleted: id };
    },

    addHolidays,

    /**
     * Merges the holidays an ICS feed lists. Lines that do not parse are reported, not fatal, as long
     * as some holiday parsed; a holiday on one of the calendar's make-up working days is skipped.
     */
    importIcs(id: string, icsText: string, actor: string) {
      refuseFixed(id);
      const calendar = existing(id).definition;
      const { holidays, errors } = parseIcsHolidays(icsText);
      if (holidays.length === 0) {
        const issues = errors.map((error) => ({ path: `line.${error.line}`, reason: error.reason, message: error.message }));
        const noEvent = { path: '', reason: 'no_event' satisfies IcsReason, message: 'holds no VEVENT' };
        throw new HttpError(400, 'invalid_ics', 'No holiday could be read from the ICS text.', issues.length > 0 ? issues : [noEvent]);
      }
      const conflicts = workdayConflicts(calendar, holidays);
      const conflicting = new Set(conflicts.map((conflict) => conflict.index));
      const merged = addHolidays(id, holidays.filter((_, index) => !conflicting.has(index)), actor);
      const skipped = conflicts.map(({ holiday }) => ({ ...holiday, reason: 'a make-up working day of this calendar' }));
      return { ...merged, skipped, errors };
    },
  };
}

export type CalendarAdmin = ReturnType<typeof createCalendarAdmin>;
