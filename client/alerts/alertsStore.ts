import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { AlertHistoryEntry, AlertView } from '../../shared/alerts/alertApi';
import { useLiveDashboardStore } from '../stores/liveDashboard';
import { useSessionStore } from '../stores/session';
import { acknowledgeAlert, assignAlert, createSilence, fetchAlert, fetchOpenAlerts } from './alertsApi';
import { isOpenAlert, splitAlerts } from './alertPresentation';

/**
 * The open alerts this user may see: loaded over REST, then kept current from the live feed's
 * alert:changed events (through the live dashboard store), so an acknowledgement on one screen shows
 * on every other at once.
 */
export const useAlertsStore = defineStore('alerts', () => {
  const byFingerprint = shallowRef<ReadonlyMap<string, AlertView>>(new Map());
  const loaded = ref(false);
  const selected = ref<string | null>(null);
  const history = shallowRef<AlertHistoryEntry[]>([]);
  /** The server's clock minus the browser's at the last load: ages are counted on the server's clock. */
  const serverOffsetMs = ref(0);
  const live = useLiveDashboardStore();
  const session = useSessionStore();

  const lists = computed(() => splitAlerts(byFingerprint.value.values()));
  const selectedAlert = computed(() => (selected.value === null ? null : (byFingerprint.value.get(selected.value) ?? null)));

  function merge(alerts: readonly AlertView[]): void {
    const next = new Map(byFingerprint.value);
    for (const alert of alerts) {
      if (isOpenAlert(alert)) next.set(alert.fingerprint, alert);
      else next.delete(alert.fingerprint);
    }
    byFingerprint.value = next;
    if (selected.value !== null && alerts.some((alert) => alert.fingerprint === selected.value)) void loadHistory(selected.value);
  }

  async function load(): Promise<void> {
    const { alerts, asOf } = await fetchOpenAlerts();
    serverOffsetMs.value = Date.parse(asOf) - Date.now();
    byFingerprint.value = new Map(alerts.map((alert) => [alert.fingerprint, alert]));
    loaded.value = true;
  }

  async function loadHistory(fingerprint: string): Promise<void> {
    const detail = await fetchAlert(fingerprint);
    if (selected.value === fingerprint) history.value = detail.history;
  }

  async function select(fingerprint: string | null): Promise<void> {
    selected.value = fingerprint;
    history.value = [];
    if (fingerprint !== null) await loadHistory(fingerprint);
  }

  async function acknowledge(fingerprint: string, comment: string): Promise<void> {
    merge([(await acknowledgeAlert(fingerprint, comment, session.csrfToken)).alert]);
  }

  async function assign(fingerprint: string, assignee: string, comment: string): Promise<void> {
    merge([(await assignAlert(fingerprint, assignee, comment, session.csrfToken)).alert]);
  }

  /** Silences this alert's own instance: its rule and its scope, for the chosen time. */
  async function silence(alert: AlertView, durationMs: number, comment: string): Promise<void> {
    await createSilence([{ name: 'rule', op: '=', value: alert.ruleId }, { name: 'scope', op: '=', value: alert.scope }], durationMs, comment, session.csrfToken);
    await load();
  }

  watch(
    () => live.alertChanges,
    (changes) => {
      if (changes && loaded.value) merge(changes.alerts);
    },
  );

  return { lists, loaded, serverOffsetMs, selected, selectedAlert, history, load, select, acknowledge, assign, silence };
});
