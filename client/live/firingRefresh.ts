import { watch } from 'vue';
import { useLiveDashboardStore } from '../stores/liveDashboard';

/** A firing batch refetches at most this often: a burst of breaches is one refetch, not fifty. */
const REFETCH_THROTTLE_MS = 1_000;
/** Clocks move into a horizon without firing anything; a periodic refetch brings them in. */
const REFRESH_MS = 60_000;
/** A read that failed is tried again this soon, not at the next minute. */
const RETRY_MS = 5_000;

/**
 * Keeps a list read over REST current with the live feed: fetched now, again shortly after each SLA
 * firing the feed reports, and once a minute for what changes without firing; a read that resolves
 * false (it failed) is tried again in seconds. Returns the stop.
 */
export function refreshOnFirings(read: () => Promise<boolean>): () => void {
  const live = useLiveDashboardStore();
  return refreshOnSignal(read, () => live.slaFirings);
}

/** The same for complaints: read again shortly after each batch of complaint changes the feed reports. */
export function refreshOnComplaintChanges(read: () => Promise<boolean>): () => void {
  const live = useLiveDashboardStore();
  return refreshOnSignal(read, () => live.complaintChanges);
}

/** Fetched now, again shortly after each change of `signal`, once a minute, and in seconds after a failed read. */
function refreshOnSignal(read: () => Promise<boolean>, signal: () => unknown): () => void {
  let throttleTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  async function refresh(): Promise<void> {
    if (stopped || (await read()) || stopped || retryTimer !== undefined) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void refresh();
    }, RETRY_MS);
  }
  void refresh();
  const refreshTimer = setInterval(() => void refresh(), REFRESH_MS);
  const stopWatching = watch(
    signal,
    () => {
      if (throttleTimer !== undefined) return;
      throttleTimer = setTimeout(() => {
        throttleTimer = undefined;
        void refresh();
      }, REFETCH_THROTTLE_MS);
    },
  );
  return () => {
    stopped = true;
    clearTimeout(retryTimer);
    clearInterval(refreshTimer);
    clearTimeout(throttleTimer);
    stopWatching();
  };
}
