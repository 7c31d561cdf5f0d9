import { createI18n } from 'vue-i18n';
import en from './en';
import zhCN, { type MessageSchema } from './zh-CN';

export const SUPPORTED_LOCALES = ['zh-CN', 'en'] as const;
export type AppLocale = (typeof SUPPORTED_LOCALES)[number];

/** Each language names itself, so a viewer can find theirs whatever is showing. */
export const LOCALE_NAMES: Record<AppLocale, string> = { 'zh-CN': '中文', en: 'English' };

const STORAGE_KEY = 'service-ops.locale';
const DEFAULT_LOCALE: AppLocale = 'zh-CN';

declare module 'vue-i18n' {
  // Makes t() keys checked against the Chinese messages, which every language must match.
  export interface DefineLocaleMessage extends MessageSchema {}
}

function isAppLocale(value: string | null): value is AppLocale {
  return SUPPORTED_LOCALES.some((locale) => locale === value);
}

function storedLocale(): AppLocale {
  const stored = window.localStorage.getItem(STORAGE_KEY);
  return isAppLocale(stored) ? stored : DEFAULT_LOCALE;
}

export function rememberLocale(locale: AppLocale): void {
  window.localStorage.setItem(STORAGE_KEY, locale);
}

/** The page's locale as the app's i18n holds it, for code that builds names outside a component. */
let activeLocale: { readonly value: AppLocale } | null = null;

/** Reactive where the caller is: a computed that reads it follows a change of language. */
export function currentLocale(): AppLocale {
  return activeLocale?.value ?? DEFAULT_LOCALE;
}

export function createAppI18n() {
  const i18n = createI18n<[MessageSchema], AppLocale, false>({
    legacy: false,
    locale: storedLocale(),
    fallbackLocale: DEFAULT_LOCALE,
    messages: { 'zh-CN': zhCN, en },
  });
  activeLocale = i18n.global.locale;
  return i18n;
}
