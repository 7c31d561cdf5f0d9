/** The tickets list's filter as the address holds it, and as GET /tickets takes it. */

export const CHOICE_KEYS = ['status', 'priority', 'type', 'channel', 'tier'] as const;
export const ID_KEYS = ['regionId', 'centerId', 'engineerId', 'customerId'] as const;
export const DATE_KEYS = ['createdFrom', 'createdTo'] as const;
export type FilterKey = (typeof CHOICE_KEYS)[number] | (typeof ID_KEYS)[number] | (typeof DATE_KEYS)[number] | 'open';
export const FILTER_KEYS: readonly FilterKey[] = [...CHOICE_KEYS, ...ID_KEYS, ...DATE_KEYS, 'open'];

/** Every filter as text; '' means not filtered. Dates are local calendar days (YYYY-MM-DD). */
export type TicketFilter = Record<FilterKey, string>;

const first = (value: unknown): string => {
  const text = Array.isArray(value) ? value[0] : value;
  return typeof text === 'string' ? text : '';
};

export function emptyFilter(): TicketFilter {
  return Object.fromEntries(FILTER_KEYS.map((key) => [key, ''])) as TicketFilter;
}

export function readFilter(query: Record<string, unknown>): TicketFilter {
  const filter = emptyFilter();
  for (const key of FILTER_KEYS) filter[key] = first(query[key]);
  if (filter.open !== 'true') filter.open = '';
  return filter;
}

/** For the address: only what is set, so a shared link reads cleanly. */
export function filterQuery(filter: TicketFilter): Record<string, string> {
  return Object.fromEntries(FILTER_KEYS.filter((key) => filter[key] !== '').map((key) => [key, filter[key]]));
}

/** A local calendar day's start in the browser's zone, as the instant the API compares against. */
function dayStart(day: string): string | null {
  const at = new Date(`${day}T00:00:00`);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/** For the API: dates become instants; "created to" includes its whole day. */
export function apiParams(filter: TicketFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of [...CHOICE_KEYS, ...ID_KEYS]) if (filter[key] !== '') params.set(key, filter[key]);
  if (filter.open === 'true') params.set('open', 'true');
  const from = filter.createdFrom ? dayStart(filter.createdFrom) : null;
  if (from) params.set('createdFrom', from);
  if (filter.createdTo) {
    const to = new Date(`${filter.createdTo}T00:00:00`);
    if (!Number.isNaN(to.getTime())) {
      to.setDate(to.getDate() + 1);
      params.set('createdTo', to.toISOString());
    }
  }
  return params;
}
