import { watch } from 'vue';
import { useLiveDashboardStore } from '../stores/liveDashboard';

/** A firing batch refetches at most this often: a burst of breaches is one refetch, not fifty. */
const REFETCH_THROTTLE_MS = 1_000;
/** Clocks move into a horizon without firing anything; a periodic refetch brings them in. */
const REFRESH_MS = 60_000;

/**
 * Keeps a list read over REST current with the live feed: fetched now, again shortly after each SLA
 * firing the feed reports, and once a minute for what changes without firing. Returns the stop.
 */
export function refreshOnFirings(refresh: () => Promise<void>): () => void {
  const live = useLiveDashboardStore();
  let throttleTimer: ReturnType<typeof setTimeout> | undefined;
  void refresh();
  const refreshTimer = setInterval(() => void refresh(), REFRESH_MS);
  const stopWatching = watch(
    () => live.slaFirings,
    () => {
      if (throttleTimer !== undefined) return;
      throttleTimer = setTimeout(() => {
        throttleTimer = undefined;
        void refresh();
      }, REFETCH_THROTTLE_MS);
    },
  );
  return () => {
    clearInterval(refreshTimer);
    clearTimeout(throttleTimer);
    stopWatching();
  };
}
