import { watch } from 'vue';
import { useColorTheme } from '../charts/colorTheme';
import { type AppLocale, rememberLocale } from '../i18n';
import { useSessionStore } from '../stores/session';

/**
 * Applies the signed-in person's language and theme whenever the server tells us who they are, so they
 * follow them to any browser; `?lang=` in the address still wins for that page.
 */
export function followPersonalPreferences(locale: { value: string }): void {
  const session = useSessionStore();
  const { choose } = useColorTheme();
  watch(
    () => session.user?.preferences,
    (preferences) => {
      if (!preferences) return;
      if (preferences.theme) choose(preferences.theme);
      const addressNamesLanguage = new URL(window.location.href).searchParams.has('lang');
      if (preferences.locale && !addressNamesLanguage) {
        locale.value = preferences.locale;
        rememberLocale(preferences.locale as AppLocale);
      }
    },
    { immediate: true },
  );
}
