import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { AlertHistoryEntry, AlertListPage, AlertView, BulkOutcome } from '../../shared/alerts/alertApi';
import { useServerClockStore } from '../composables/useServerClock';
import { useLiveDashboardStore } from '../stores/liveDashboard';
import { useSessionStore } from '../stores/session';
import { type AlertListFilter, NO_FILTER, apiQueryOf } from './alertListFilter';
import { acknowledgeAlert, assignAlert, bulkAcknowledge, bulkSilence, createSilence, fetchAlert, fetchAlertPage } from './alertsApi';

export const PAGE_SIZE = 100;
/** Live changes reload the page in view at most this often: a busy network changes alerts every second. */
const RELOAD_AFTER_MS = 2000;

/**
 * The alert list as the server pages it: the filters, the page in view with its true total, the
 * cursors of the pages before it, and the rows ticked for a bulk action. An alert:changed on the
 * live feed reloads the page in view, so the totals stay the server's.
 */
export const useAlertListStore = defineStore('alertList', () => {
  const filter = shallowRef<AlertListFilter>(NO_FILTER);
  const page = shallowRef<AlertListPage | null>(null);
  /** The cursor each page in view was fetched with; the first page's is null. */
  const cursors = ref<(string | null)[]>([null]);
  const ticked = ref<ReadonlySet<string>>(new Set());
  const selected = ref<string | null>(null);
  const selectedAlert = shallowRef<AlertView | null>(null);
  const history = shallowRef<AlertHistoryEntry[]>([]);
  const live = useLiveDashboardStore();
  const session = useSessionStore();
  let reloadTimer: ReturnType<typeof setTimeout> | null = null;
  let generation = 0;
  /** The cursors last asked for: a reload on an alert change while a page is on its way reads that page, not the one it leaves. */
  let requested: (string | null)[] = [null];

  const pageIndex = computed(() => cursors.value.length - 1);
  const firstRow = computed(() => pageIndex.value * PAGE_SIZE + 1);

  /**
   * Reads the page after the last of `wanted` cursors and only then makes them the list's: the position shown
   * ('101–200 of 606') and the rows change together, never the position ahead of rows still of the page before.
   */
  async function fetchPage(wanted: (string | null)[] = requested): Promise<void> {
    requested = wanted;
    const asked = ++generation;
    const next = await fetchAlertPage(apiQueryOf(filter.value, wanted.at(-1) ?? null, PAGE_SIZE));
    // A slower answer to an older question must not overwrite a newer one.
    if (asked !== generation) return;
    cursors.value = wanted;
    page.value = next;
    useServerClockStore().observe(Date.parse(next.asOf));
    const shown = new Set(next.alerts.map((alert) => alert.fingerprint));
    ticked.value = new Set([...ticked.value].filter((fingerprint) => shown.has(fingerprint)));
    if (selected.value !== null) selectedAlert.value = next.alerts.find((alert) => alert.fingerprint === selected.value) ?? selectedAlert.value;
  }

  async function setFilter(next: AlertListFilter): Promise<void> {
    filter.value = next;
    ticked.value = new Set();
    await fetchPage([null]);
  }

  async function nextPage(): Promise<void> {
    if (!page.value?.nextCursor) return;
    await fetchPage([...cursors.value, page.value.nextCursor]);
  }

  async function previousPage(): Promise<void> {
    if (cursors.value.length <= 1) return;
    await fetchPage(cursors.value.slice(0, -1));
  }

  function toggle(fingerprint: string): void {
    const next = new Set(ticked.value);
    if (!next.delete(fingerprint)) next.add(fingerprint);
    ticked.value = next;
  }

  function tickAll(on: boolean): void {
    ticked.value = new Set(on ? (page.value?.alerts ?? []).map((alert) => alert.fingerprint) : []);
  }

  async function loadHistory(fingerprint: string): Promise<void> {
    const detail = await fetchAlert(fingerprint);
    if (selected.value !== fingerprint) return;
    selectedAlert.value = detail.alert;
    history.value = detail.history;
  }

  async function select(fingerprint: string | null): Promise<void> {
    selected.value = fingerprint;
    selectedAlert.value = fingerprint === null ? null : (page.value?.alerts.find((alert) => alert.fingerprint === fingerprint) ?? null);
    history.value = [];
    if (fingerprint !== null) await loadHistory(fingerprint);
  }

  async function afterChange(): Promise<void> {
    await fetchPage();
    if (selected.value !== null) await loadHistory(selected.value);
  }

  async function acknowledge(fingerprint: string, comment: string): Promise<void> {
    await acknowledgeAlert(fingerprint, comment, session.csrfToken);
    await afterChange();
  }

  async function assign(fingerprint: string, assignee: string, comment: string): Promise<void> {
    await assignAlert(fingerprint, assignee, comment, session.csrfToken);
    await afterChange();
  }

  /** Silences exactly this alert: its rule, scope, metric and severity, for the chosen time. */
  async function silence(alert: AlertView, durationMs: number, comment: string): Promise<void> {
    const matchers = (['rule', 'scope', 'metric', 'severity'] as const).map((name) => ({ name, op: '=' as const, value: alert.labels[name] ?? '' }));
    await createSilence(matchers, durationMs, comment, session.csrfToken);
    await afterChange();
  }

  async function acknowledgeTicked(comment: string): Promise<BulkOutcome> {
    const outcome = await bulkAcknowledge([...ticked.value], comment, session.csrfToken);
    ticked.value = new Set();
    await afterChange();
    return outcome;
  }

  async function silenceTicked(durationMs: number, comment: string): Promise<BulkOutcome> {
    const outcome = await bulkSilence([...ticked.value], durationMs, comment, session.csrfToken);
    ticked.value = new Set();
    await afterChange();
    return outcome;
  }

  watch(
    () => live.alertChanges,
    (changes) => {
      if (!changes || page.value === null || reloadTimer !== null) return;
      reloadTimer = setTimeout(() => {
        reloadTimer = null;
        void fetchPage().catch(() => {});
      }, RELOAD_AFTER_MS);
    },
  );

  return {
    filter, page, pageIndex, firstRow, ticked, selected, selectedAlert, history,
    setFilter, nextPage, previousPage, toggle, tickAll, select, acknowledge, assign, silence, acknowledgeTicked, silenceTicked,
  };
});
