import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { AlertView } from '../../shared/alerts/alertApi';
import { useLiveDashboardStore } from '../stores/liveDashboard';
import { fetchOpenAlerts } from './alertsApi';
import { isOpenAlert, splitAlerts } from './alertPresentation';

/**
 * Every open alert this screen may see, for the wall's banner: loaded over REST, then kept current
 * from the live feed's alert:changed events. The /alerts page pages the list instead (alertListStore).
 */
export const useAlertsStore = defineStore('alerts', () => {
  const byFingerprint = shallowRef<ReadonlyMap<string, AlertView>>(new Map());
  const loaded = ref(false);
  const live = useLiveDashboardStore();

  const lists = computed(() => splitAlerts(byFingerprint.value.values()));

  function merge(alerts: readonly AlertView[]): void {
    const next = new Map(byFingerprint.value);
    for (const alert of alerts) {
      if (isOpenAlert(alert)) next.set(alert.fingerprint, alert);
      else next.delete(alert.fingerprint);
    }
    byFingerprint.value = next;
  }

  async function load(): Promise<void> {
    const { alerts } = await fetchOpenAlerts();
    byFingerprint.value = new Map(alerts.map((alert) => [alert.fingerprint, alert]));
    loaded.value = true;
  }

  watch(
    () => live.alertChanges,
    (changes) => {
      if (changes && loaded.value) merge(changes.alerts);
    },
  );

  return { lists, loaded, load };
});
