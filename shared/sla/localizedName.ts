import { BUILTIN_CALENDARS } from '../calendar/builtinCalendars';
import { DEFAULT_SLA_POLICIES } from './defaultPolicies';

/** A calendar or SLA policy as stored: one name, and an English one where it was given. */
export interface BilingualNamed {
  id: string;
  name: string;
  nameEn?: string | undefined;
}

/**
 * The English names of what ships built in, by id and the name it shipped with: a store seeded before
 * names came in two languages holds them without nameEn, and a default an admin has renamed since is
 * theirs, so it keeps the name they gave.
 */
const SHIPPED_ENGLISH = new Map(
  [...Object.values(BUILTIN_CALENDARS), ...DEFAULT_SLA_POLICIES].flatMap((named) => (named.nameEn ? [[`${named.id}\n${named.name}`, named.nameEn] as const] : [])),
);

/** The name to show on a page in this locale: the English name on English pages where there is one. */
export function localizedName(named: BilingualNamed, locale: string): string {
  if (!locale.startsWith('en')) return named.name;
  return named.nameEn ?? SHIPPED_ENGLISH.get(`${named.id}\n${named.name}`) ?? named.name;
}
