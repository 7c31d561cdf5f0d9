import { desc } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { businessCalendars, slaPolicyVersions } from '../../db/schema';
import { BUILTIN_CALENDARS } from '../../shared/calendar/builtinCalendars';
import { type BusinessCalendar, businessCalendarSchema } from '../../shared/calendar/calendarSchema';
import { DEFAULT_SLA_POLICIES } from '../../shared/sla/defaultPolicies';
import { ensureComplaintEscalationPolicy } from '../complaints/complaintEscalationDefault';
import type { SlaPolicy } from '../../shared/sla/slaPolicy';
import type { CalendarLookup } from '../../shared/sla/ticketSlaClocks';

/**
 * The SLA rules in force: the calendars and the newest policy version, read from the store once and
 * again on reload(). On an empty store it seeds the built-in calendars and the default policy set,
 * so a fresh install and a test server both start from the documented defaults; a store saved before
 * complaints had an escalation clock gets the default one added once.
 */

export interface SlaRules {
  policyVersion: number;
  policies: SlaPolicy[];
  calendars: ReadonlyMap<string, BusinessCalendar>;
  calendarFor: CalendarLookup;
}

export const SYSTEM_ACTOR = 'system';

/** The same calendar object for each (calendar, zone), so its compiled working days are built once. */
function lookupOver(calendars: ReadonlyMap<string, BusinessCalendar>): CalendarLookup {
  const inZone = new Map<string, BusinessCalendar>();
  return (calendarId, timeZone) => {
    const calendar = calendars.get(calendarId);
    if (!calendar || timeZone === null || timeZone === calendar.timeZone || calendar.id === '24x7') return calendar;
    const key = `${calendarId} ${timeZone}`;
    let zoned = inZone.get(key);
    if (!zoned) {
      zoned = businessCalendarSchema.parse({ ...calendar, timeZone });
      inZone.set(key, zoned);
    }
    return zoned;
  };
}

export function seedSlaDefaults(db: Db, now: number): void {
  db.$client.transaction(() => {
    for (const calendar of Object.values(BUILTIN_CALENDARS)) {
      db.insert(businessCalendars).values({ id: calendar.id, definition: calendar, builtin: true, updatedBy: SYSTEM_ACTOR, updatedAt: now }).onConflictDoNothing().run();
    }
    const newest = db.select({ version: slaPolicyVersions.version }).from(slaPolicyVersions).limit(1).get();
    if (!newest) {
      db.insert(slaPolicyVersions).values({ version: 1, policies: DEFAULT_SLA_POLICIES, changedBy: SYSTEM_ACTOR, changedAt: now, note: 'default policy set' }).run();
    }
    ensureComplaintEscalationPolicy(db, now, SYSTEM_ACTOR);
  })();
}

export function createSlaRulebook(db: Db, now: () => number) {
  function load(): SlaRules {
    seedSlaDefaults(db, now());
    const calendars = new Map(
      db.select({ definition: businessCalendars.definition }).from(businessCalendars).all().map(({ definition }) => [definition.id, businessCalendarSchema.parse(definition)]),
    );
    const newest = db.select().from(slaPolicyVersions).orderBy(desc(slaPolicyVersions.version)).limit(1).get()!;
    return { policyVersion: newest.version, policies: newest.policies, calendars, calendarFor: lookupOver(calendars) };
  }

  let rules = load();
  return {
    rules(): SlaRules {
      return rules;
    },
    /** After an admin change is committed: later recomputes use the new rules. */
    reload(): SlaRules {
      rules = load();
      return rules;
    },
    /** Rules as they would be with another policy set or calendars, for a preview that saves nothing. */
    withChanges(policies: SlaPolicy[], calendars: ReadonlyMap<string, BusinessCalendar> = rules.calendars): SlaRules {
      return { policyVersion: rules.policyVersion + 1, policies, calendars, calendarFor: lookupOver(calendars) };
    },
  };
}

export type SlaRulebook = ReturnType<typeof createSlaRulebook>;
