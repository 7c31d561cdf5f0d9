import { type Ref, onBeforeUnmount, ref, shallowRef, watch } from 'vue';
import type { TicketPageAnswer } from '../../shared/api/ticketPage';
import { type RecordPageFailure, recordFailureOf } from '../components/recordFailure';
import { useServerClockStore } from '../composables/useServerClock';
import { createCalendarCache } from '../sla/calendarCache';
import { serverInstantAmong } from '../sla/liveClock';
import { fetchTicketPage } from './ticketApi';
import { followTicket } from './ticketFeed';

/** A page that could not be read (not refused) tries again soon, then less often, at most this far apart. */
const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 15_000;

/**
 * One ticket's page: its story read over REST, read again whenever the ticket's room says an event
 * committed (a burst of events is one read after another, never several at once), and the calendars its
 * clocks count on.
 */
export function useTicketPage(ticketId: Ref<string>) {
  const answer = shallowRef<TicketPageAnswer | null>(null);
  const failure = ref<RecordPageFailure | null>(null);
  const live = ref(false);
  /** Browser time of the last read that followed a live notice, for "new event at …". */
  const changedAt = ref<number | null>(null);
  const calendars = createCalendarCache();
  let inFlight = false;
  let again: { id: string; fromLive: boolean } | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let retryMs = RETRY_FIRST_MS;
  let unfollow: (() => void) | undefined;

  async function load(id: string, fromLive: boolean): Promise<void> {
    if (inFlight) {
      again = { id, fromLive };
      return;
    }
    inFlight = true;
    clearTimeout(retryTimer);
    try {
      const next = await fetchTicketPage(id);
      if (id !== ticketId.value) return;
      useServerClockStore().observe(serverInstantAmong(next.sla));
      for (const clock of next.sla) void calendars.load(clock.calendar, clock.timeZone);
      answer.value = next;
      failure.value = null;
      retryMs = RETRY_FIRST_MS;
      if (fromLive) changedAt.value = Date.now();
    } catch (error) {
      if (id !== ticketId.value) return;
      failure.value = recordFailureOf(error);
      // Refused or unknown stays so until something changes; a failed read is tried again.
      if (failure.value === 'failed') {
        retryTimer = setTimeout(() => void load(id, false), retryMs);
        retryMs = Math.min(RETRY_MAX_MS, retryMs * 2);
      }
    } finally {
      inFlight = false;
      const queued = again;
      again = null;
      if (queued && queued.id === ticketId.value) void load(queued.id, queued.fromLive);
    }
  }

  watch(
    ticketId,
    (id) => {
      unfollow?.();
      answer.value = null;
      failure.value = null;
      changedAt.value = null;
      live.value = false;
      retryMs = RETRY_FIRST_MS;
      void load(id, false);
      unfollow = followTicket(id, () => void load(id, true), (following) => (live.value = following));
    },
    { immediate: true },
  );
  onBeforeUnmount(() => {
    unfollow?.();
    clearTimeout(retryTimer);
  });

  return { answer, failure, live, changedAt, calendars };
}
