import { defineStore } from 'pinia';
import { ref, shallowRef, watch } from 'vue';
import type { ComplaintListRow, ComplaintSummary } from '../../shared/complaints/complaintApi';
import { scopeText } from '../../shared/metrics/metricQuery';
import { ApiError } from '../api/http';
import { fetchComplaintList, fetchComplaintSummary } from '../complaints/complaintApi';
import { serverInstantIn } from '../complaints/useComplaintList';
import { useServerClockStore } from '../composables/useServerClock';
import { refreshOnComplaintChanges } from '../live/firingRefresh';
import { useLiveDashboardStore } from '../stores/liveDashboard';
import type { BoardScope } from './wallScope';
import { useWallAlertsStore } from './wallAlerts';

/** More rows than the tallest panel holds; each panel shows those that fit and counts the rest from the total. */
const WALL_ROWS = 30;
/** A new complaint is marked on the wall this long after it arrives. */
export const FRESH_MS = 10 * 60_000;

/** Whether a complaint change is within the wall's scope: the change names its center and the center's regions. */
function within(change: { centerId: string; regionIds: readonly string[] }, scope: BoardScope): boolean {
  if (scope.kind === 'network') return true;
  return scope.kind === 'center' ? change.centerId === scope.id : change.regionIds.includes(scope.id);
}

/**
 * The complaints board of a wall: the scope's open complaints counted by level, category and source, the
 * newest and the oldest unresolved, read again as soon as the feed reports a complaint change. A new
 * complaint in scope rings the screen's opt-in sound, as an alert does.
 */
export const useWallComplaintsStore = defineStore('wallComplaints', () => {
  const live = useLiveDashboardStore();
  const summary = shallowRef<ComplaintSummary | null>(null);
  const newest = shallowRef<ComplaintListRow[]>([]);
  const newestTotal = ref<number | null>(null);
  const loaded = ref(false);
  const failure = ref<'forbidden' | 'failed' | null>(null);
  /** Browser time each complaint was first seen opening on this screen, by id. */
  const freshSince = shallowRef<ReadonlyMap<string, number>>(new Map());
  let scope: BoardScope = { kind: 'network' };
  let fetching = 0;
  /** Complaints heard opening in scope and not yet shown. */
  let announced = new Set<string>();
  let stopRefreshing: (() => void) | undefined;

  async function refresh(): Promise<boolean> {
    const current = ++fetching;
    try {
      const query = new URLSearchParams({ scope: scopeText(scope), open: 'true', order: 'newest', limit: String(WALL_ROWS) });
      const [nextSummary, nextNewest] = await Promise.all([fetchComplaintSummary(scopeText(scope), WALL_ROWS), fetchComplaintList(query)]);
      if (current !== fetching) return true;
      useServerClockStore().observe(serverInstantIn([...nextNewest.items, ...nextSummary.oldestUnresolved]));
      summary.value = nextSummary;
      newest.value = nextNewest.items;
      newestTotal.value = nextNewest.total;
      failure.value = null;
      ringForShown(nextNewest.items);
      return true;
    } catch (error) {
      if (current === fetching) failure.value = error instanceof ApiError && error.status === 403 ? 'forbidden' : 'failed';
      return current !== fetching || failure.value === 'forbidden';
    } finally {
      if (current === fetching) loaded.value = true;
    }
  }

  /** The sound once per new complaint, when the read shows it in this scope: a region's wall hears only its own. */
  function ringForShown(items: readonly ComplaintListRow[]): void {
    const arrived = items.filter((item) => announced.has(item.id));
    if (arrived.length === 0) return;
    const now = Date.now();
    const next = new Map([...freshSince.value].filter(([, at]) => now - at < FRESH_MS));
    for (const item of arrived) {
      announced.delete(item.id);
      next.set(item.id, now);
    }
    freshSince.value = next;
    useWallAlertsStore().chime();
  }

  watch(
    () => live.complaintChanges,
    (batch) => {
      for (const change of batch?.changes ?? []) if (change.kind === 'opened' && within(change, scope)) announced.add(change.complaintId);
    },
  );

  function start(boardScope: BoardScope): void {
    stop();
    scope = boardScope;
    announced = new Set();
    summary.value = null;
    newest.value = [];
    newestTotal.value = null;
    loaded.value = false;
    stopRefreshing = refreshOnComplaintChanges(refresh);
  }

  function stop(): void {
    stopRefreshing?.();
    stopRefreshing = undefined;
  }

  return { summary, newest, newestTotal, loaded, failure, freshSince, start, stop };
});
