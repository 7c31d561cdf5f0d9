import { z } from 'zod';

/** The languages every page speaks; `?lang=` on any address picks one for that screen. */
export const PAGE_LANGUAGES = ['zh-CN', 'en'] as const;
export type PageLanguage = (typeof PAGE_LANGUAGES)[number];

export const pageLanguageSchema = z.enum(PAGE_LANGUAGES);

/** The language an address asks for (`?lang=en`), or null when it names none or none we speak. */
export function pageLanguageOf(raw: unknown): PageLanguage | null {
  const parsed = pageLanguageSchema.safeParse(Array.isArray(raw) ? raw[0] : raw);
  return parsed.success ? parsed.data : null;
}
