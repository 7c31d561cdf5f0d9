import { z } from 'zod';

/** A person's own settings, kept on the server so they follow them to any browser. */

export const PREFERRED_LOCALES = ['zh-CN', 'en'] as const;
export const PREFERRED_THEMES = ['dark', 'light'] as const;

/** Pages a person may land on after signing in, by name; each is a route of the client. */
export const LANDING_PAGES = ['overview', 'sla', 'explore', 'tickets', 'alerts', 'admin-users', 'admin-audit'] as const;
export type LandingPage = (typeof LANDING_PAGES)[number];

export const LANDING_PATHS: Readonly<Record<LandingPage, string>> = {
  overview: '/',
  sla: '/sla',
  explore: '/explore',
  tickets: '/tickets',
  alerts: '/alerts',
  'admin-users': '/admin/users',
  'admin-audit': '/admin/audit',
};

/** Each setting is optional: one never chosen follows the browser (language, theme) or the role (landing page). */
export const userPreferencesSchema = z.strictObject({
  locale: z.enum(PREFERRED_LOCALES).optional(),
  theme: z.enum(PREFERRED_THEMES).optional(),
  landing: z.enum(LANDING_PAGES).optional(),
});
export type UserPreferences = z.output<typeof userPreferencesSchema>;

/** What is stored is read back through the schema: a setting a later version dropped is forgotten, not fatal. */
export function storedPreferences(stored: unknown): UserPreferences {
  const parsed = userPreferencesSchema.safeParse(stored ?? {});
  if (parsed.success) return parsed.data;
  const fields = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  const kept: UserPreferences = {};
  for (const key of ['locale', 'theme', 'landing'] as const) {
    const one = userPreferencesSchema.shape[key].safeParse(fields[key]);
    if (one.success && one.data !== undefined) Object.assign(kept, { [key]: one.data });
  }
  return kept;
}
