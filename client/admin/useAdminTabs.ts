import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRouter } from 'vue-router';
import { useSessionStore } from '../stores/session';
import { ADMIN_TABS } from './adminRoutes';

/** The admin pages this person may open, in tab order, each with its label in the page's language. */
export function useAdminTabs() {
  const { t, te } = useI18n();
  const router = useRouter();
  const session = useSessionStore();
  const tabs = computed(() =>
    ADMIN_TABS.filter((name) => {
      if (!router.hasRoute(name)) return false;
      const permission = router.getRoutes().find((record) => record.name === name)?.meta.permission;
      return !permission || session.can(permission);
    }),
  );
  const label = (name: string) => (te(`admin.tabs.${name}`) ? t(`admin.tabs.${name}`) : name);
  return { tabs, label };
}
