import { type Ref, computed, onBeforeUnmount, ref, shallowRef, watch } from 'vue';
import type { ComplaintDetailAnswer } from '../../shared/complaints/complaintApi';
import { type RecordPageFailure, recordFailureOf } from '../components/recordFailure';
import { useServerClockStore } from '../composables/useServerClock';
import { useLiveScopes } from '../explore/useLiveScopes';
import { createCalendarCache } from '../sla/calendarCache';
import { serverInstantAmong } from '../sla/liveClock';
import { useLiveDashboardStore } from '../stores/liveDashboard';
import { fetchComplaint } from './complaintApi';

const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 15_000;

/**
 * One complaint's page: read over REST, and read again whenever the feed reports a change to it (its
 * center's scope is held on the feed while the page is open) or an action on the page succeeds.
 */
export function useComplaintPage(complaintId: Ref<string>) {
  const live = useLiveDashboardStore();
  const answer = shallowRef<ComplaintDetailAnswer | null>(null);
  const failure = ref<RecordPageFailure | null>(null);
  /** Browser time of the last read the feed prompted. */
  const changedAt = ref<number | null>(null);
  const calendars = createCalendarCache();
  let asking = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let retryMs = RETRY_FIRST_MS;

  async function load(fromLive = false): Promise<void> {
    const id = complaintId.value;
    const current = ++asking;
    clearTimeout(retryTimer);
    try {
      const next = await fetchComplaint(id);
      if (current !== asking) return;
      useServerClockStore().observe(serverInstantAmong(next.clocks));
      for (const clock of next.clocks) void calendars.load(clock.calendar, clock.timeZone);
      answer.value = next;
      failure.value = null;
      retryMs = RETRY_FIRST_MS;
      if (fromLive) changedAt.value = Date.now();
    } catch (error) {
      if (current !== asking) return;
      failure.value = recordFailureOf(error);
      if (failure.value === 'failed') {
        retryTimer = setTimeout(() => void load(fromLive), retryMs);
        retryMs = Math.min(RETRY_MAX_MS, retryMs * 2);
      }
    }
  }

  const centerId = computed(() => answer.value?.complaint.centerId ?? null);
  useLiveScopes(() => (centerId.value ? [{ kind: 'center', id: centerId.value }] : []), () => 'today');

  watch(
    () => live.complaintChanges,
    (batch) => {
      if (batch?.changes.some((change) => change.complaintId === complaintId.value)) void load(true);
    },
  );
  watch(
    complaintId,
    () => {
      answer.value = null;
      failure.value = null;
      changedAt.value = null;
      void load();
    },
    { immediate: true },
  );
  onBeforeUnmount(() => clearTimeout(retryTimer));

  return { answer, failure, changedAt, calendars, reload: () => load() };
}
