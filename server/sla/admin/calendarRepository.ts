import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/connection';
import { businessCalendars } from '../../../db/schema';
import type { BusinessCalendar } from '../../../shared/calendar/calendarSchema';

/** A calendar as stored: its definition and who last changed it. */
export type StoredCalendar = typeof businessCalendars.$inferSelect;

/** The business_calendars table: one row per calendar, replaced whole on each change. */
export function createCalendarRepository(db: Db) {
  return {
    list(): StoredCalendar[] {
      return db.select().from(businessCalendars).orderBy(asc(businessCalendars.id)).all();
    },

    find(id: string): StoredCalendar | undefined {
      return db.select().from(businessCalendars).where(eq(businessCalendars.id, id)).get();
    },

    /** Creates the calendar at version 1, or replaces its definition and bumps the version. */
    save(calendar: BusinessCalendar, changedBy: string, changedAt: number): StoredCalendar {
      const existing = this.find(calendar.id);
      if (!existing) {
        return db.insert(businessCalendars).values({ id: calendar.id, definition: calendar, builtin: false, version: 1, updatedBy: changedBy, updatedAt: changedAt }).returning().get();
      }
      return db
        .update(businessCalendars)
        .set({ definition: calendar, version: existing.version + 1, updatedBy: changedBy, updatedAt: changedAt })
        .where(eq(businessCalendars.id, calendar.id))
        .returning()
        .get();
    },

    remove(id: string): void {
      db.delete(businessCalendars).where(eq(businessCalendars.id, id)).run();
    },
  };
}

export type CalendarRepository = ReturnType<typeof createCalendarRepository>;
