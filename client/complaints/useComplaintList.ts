import { type Ref, onBeforeUnmount, ref, shallowRef, watch } from 'vue';
import type { ComplaintListRow } from '../../shared/complaints/complaintApi';
import { ApiError } from '../api/http';
import { useServerClockStore } from '../composables/useServerClock';
import { refreshOnComplaintChanges } from '../live/firingRefresh';
import { createCalendarCache } from '../sla/calendarCache';
import { serverInstantAmong } from '../sla/liveClock';
import { fetchComplaintList } from './complaintApi';

export const COMPLAINT_PAGE = 50;
/** The most a refresh reads at once: as many rows as the desk has paged in, up to the API's page limit. */
const MAX_REFRESH = 500;

export type ComplaintListFailure = 'outOfScope' | 'badFilter' | 'failed';

/** The server's time when it answered, off the first running clock among the rows; null when none runs. */
export function serverInstantIn(rows: readonly ComplaintListRow[]): number | null {
  return serverInstantAmong(rows.flatMap((row) => [row.clocks.response, row.clocks.resolution, row.clocks.escalation]));
}

/**
 * The desk's list for the filter the address holds: the first page with its true total, more pages on
 * request, and read again (as many rows as are shown) whenever the feed reports a complaint change, so a
 * new complaint shows without a reload. Countdowns tick in the browser on the server's clock.
 */
export function useComplaintList(params: Ref<URLSearchParams>) {
  const rows = shallowRef<ComplaintListRow[]>([]);
  const total = ref<number | null>(null);
  const nextCursor = ref<string | null>(null);
  const failure = ref<ComplaintListFailure | null>(null);
  const issues = ref<string[]>([]);
  const loading = ref(false);
  const loaded = ref(false);
  /** Browser time of the last read the feed prompted, so the desk can say it moved by itself. */
  const changedAt = ref<number | null>(null);
  const calendars = createCalendarCache();
  let asking = 0;
  let reads = 0;

  function adopt(items: ComplaintListRow[], more: boolean): void {
    rows.value = more ? [...rows.value, ...items] : items;
    useServerClockStore().observe(serverInstantIn(items));
    for (const row of items) {
      for (const clock of [row.clocks.response, row.clocks.resolution, row.clocks.escalation]) if (clock) void calendars.load(clock.calendar, clock.timeZone);
    }
  }

  /** The first page (or as many rows as are shown, on a refresh), or the page after the last one shown. */
  async function load(mode: 'first' | 'refresh' | 'more'): Promise<boolean> {
    const current = ++asking;
    const query = new URLSearchParams(params.value);
    const shown = mode === 'refresh' ? Math.min(MAX_REFRESH, Math.max(COMPLAINT_PAGE, rows.value.length)) : COMPLAINT_PAGE;
    query.set('limit', String(shown));
    if (mode === 'more' && nextCursor.value) query.set('cursor', nextCursor.value);
    loading.value = true;
    try {
      const answer = await fetchComplaintList(query);
      if (current !== asking) return true;
      const before = rows.value.map((row) => `${row.id}|${row.status}|${row.level}|${row.handler ?? ''}`).join();
      adopt(answer.items, mode === 'more');
      total.value = answer.total;
      nextCursor.value = answer.nextCursor;
      failure.value = null;
      issues.value = [];
      if (mode === 'refresh' && reads > 0 && before !== rows.value.map((row) => `${row.id}|${row.status}|${row.level}|${row.handler ?? ''}`).join()) changedAt.value = Date.now();
      reads++;
      return true;
    } catch (error) {
      if (current !== asking) return true;
      failure.value = error instanceof ApiError && error.status === 403 ? 'outOfScope' : error instanceof ApiError && error.status === 400 ? 'badFilter' : 'failed';
      issues.value = error instanceof ApiError ? error.issues.map((issue) => `${issue.path}: ${issue.message}`) : [];
      if (mode !== 'more') rows.value = [];
      // Refused or a bad filter stays so until the filter changes; only a failed read is worth another try.
      return failure.value !== 'failed';
    } finally {
      if (current === asking) {
        loading.value = false;
        loaded.value = true;
      }
    }
  }

  let stopRefreshing: (() => void) | undefined;
  watch(
    () => String(params.value),
    () => {
      stopRefreshing?.();
      total.value = null;
      nextCursor.value = null;
      reads = 0;
      // The first read of a filter, then a refresh on each complaint change and each minute.
      stopRefreshing = refreshOnComplaintChanges(() => load(reads === 0 ? 'first' : 'refresh'));
    },
    { immediate: true },
  );
  onBeforeUnmount(() => stopRefreshing?.());

  /** Reads the calendars' version, so countdowns computed with it recompute when a calendar arrives. */
  function calendarFor(calendarId: string, timeZone: string) {
    void calendars.version.value;
    return calendars.calendarFor(calendarId, timeZone);
  }

  return { rows, total, nextCursor, failure, issues, loading, loaded, changedAt, calendarFor, loadMore: () => load('more') };
}
