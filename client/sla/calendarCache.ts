import { shallowRef } from 'vue';
import { TWENTY_FOUR_SEVEN } from '../../shared/calendar/builtinCalendars';
import { type BusinessCalendar, type BusinessCalendarInput, businessCalendarSchema } from '../../shared/calendar/calendarSchema';
import { apiRequest } from '../api/http';

const keyOf = (calendarId: string, timeZone: string) => `${calendarId} ${timeZone}`;

/** GET /sla/calendars/:id answers the stored calendar: its definition beside version and uses. */
function fetchDefinition(calendarId: string): Promise<{ definition: BusinessCalendarInput }> {
  return apiRequest(`/sla/calendars/${encodeURIComponent(calendarId)}`);
}

/**
 * The business calendars live countdowns tick on, fetched once each. A named calendar such as the
 * built-in 5x9 is read on each center's own wall clock, so one is kept per zone, as the server does.
 * `version` changes when a calendar arrives, so countdowns recompute with it.
 */
export function createCalendarCache() {
  const calendars = new Map<string, BusinessCalendar>();
  const requested = new Set<string>();
  const version = shallowRef(0);

  return {
    version,
    /** Round the clock until the calendar has been read: the countdown to the due instant is exact either way. */
    calendarFor(calendarId: string, timeZone: string): BusinessCalendar {
      return calendars.get(keyOf(calendarId, timeZone)) ?? TWENTY_FOUR_SEVEN;
    },
    async load(calendarId: string, timeZone: string): Promise<void> {
      const key = keyOf(calendarId, timeZone);
      if (requested.has(key) || calendarId === TWENTY_FOUR_SEVEN.id) return;
      requested.add(key);
      try {
        const { definition } = await fetchDefinition(calendarId);
        calendars.set(key, businessCalendarSchema.parse({ ...definition, timeZone }));
        version.value++;
      } catch {
        requested.delete(key);
      }
    },
  };
}

export type CalendarCache = ReturnType<typeof createCalendarCache>;
