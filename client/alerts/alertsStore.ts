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
  /** The scope a wall shows (`center:<id>`); null or network for every alert the viewer may see. */
  const scope = ref<string | null>(null);
  const live = useLiveDashboardStore();
  const everything = () => scope.value === null || scope.value === 'network';

  const lists = computed(() => splitAlerts(byFingerprint.value.values()));

  /**
   * A new alert outside the shown scope must not reach the banner, and only the server knows which
   * regions hold which centers and engineers: a newcomer that is not plainly the scope's own is asked about.
   */
  function merge(alerts: readonly AlertView[]): void {
    const next = new Map(byFingerprint.value);
    let unplaced = false;
    for (const alert of alerts) {
      const placed = everything() || next.has(alert.fingerprint) || alert.scope === scope.value;
      if (!isOpenAlert(alert)) next.delete(alert.fingerprint);
      else if (placed) next.set(alert.fingerprint, alert);
      else unplaced = true;
    }
    byFingerprint.value = next;
    if (unplaced) void load().catch(() => undefined);
  }

  async function load(): Promise<void> {
    const asked = scope.value;
    const { alerts } = await fetchOpenAlerts(asked);
    // A wall that moved on to another board while this was asked wants that board's alerts, not these.
    if (asked !== scope.value) return;
    byFingerprint.value = new Map(alerts.map((alert) => [alert.fingerprint, alert]));
    loaded.value = true;
  }

  watch(
    () => live.alertChanges,
    (changes) => {
      if (changes && loaded.value) merge(changes.alerts);
    },
  );

  return { lists, loaded, scope, load };
});
