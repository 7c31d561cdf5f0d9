import { computed, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import type { BusinessCalendar } from '../../shared/calendar/calendarSchema';
import { localizedName } from '../../shared/sla/localizedName';
import { ApiError, apiRequest } from '../api/http';

/** A stored calendar as GET /sla/calendars answers it: the calendar, its version and who saved it, and the policies timed on it. */
export interface CalendarView {
  id: string;
  definition: BusinessCalendar;
  builtin: boolean;
  version: number;
  updatedBy: string;
  updatedAt: number;
  usedBy: { policyId: string; metric: string }[];
}

export const fetchCalendars = (): Promise<{ calendars: CalendarView[] }> => apiRequest('/sla/calendars');

/** Only the calendar's own fields go back: the server refuses anything else. */
export function saveCalendar(calendar: BusinessCalendar, csrfToken: string | null): Promise<unknown> {
  const { id, name, nameEn, timeZone, weekly, holidays, workdays } = calendar;
  return apiRequest(`/sla/calendars/${encodeURIComponent(id)}`, { method: 'PUT', body: { id, name, nameEn, timeZone, weekly, holidays, workdays }, csrfToken });
}

/** An ICS file's all-day events become holidays; the server validates it and names each line it cannot read. */
export async function importIcs(id: string, text: string, csrfToken: string | null): Promise<{ added: unknown[]; renamed: unknown[]; unchanged: number }> {
  const response = await fetch(`/api/v1/sla/calendars/${encodeURIComponent(id)}/holidays.ics`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'text/calendar', accept: 'application/json', ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) },
    body: text,
  });
  const body = (await response.json().catch(() => null)) as { error?: { code: string; message: string; issues?: { path: string; message: string }[] } } | null;
  if (!response.ok) throw new ApiError(response.status, body?.error?.code ?? `http_${response.status}`, body?.error?.message ?? response.statusText, null, body?.error?.issues ?? []);
  return body as { added: unknown[]; renamed: unknown[]; unchanged: number };
}

/** The calendars by name in the page's language, for pickers and for reading policies and the audit log; an id not (yet) known reads as itself. */
export function useCalendarNames() {
  const { locale } = useI18n();
  const definitions = shallowRef<BusinessCalendar[]>([]);
  const calendars = computed(() => definitions.value.map((definition) => ({ id: definition.id, name: localizedName(definition, locale.value) })));
  const load = () =>
    fetchCalendars().then(
      (answer) => (definitions.value = answer.calendars.map((calendar) => calendar.definition)),
      () => undefined,
    );
  const nameOf = (id: string) => calendars.value.find((calendar) => calendar.id === id)?.name ?? id;
  return { calendars, load, nameOf };
}
