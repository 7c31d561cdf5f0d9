import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { BoardItem, BoardSection, ComplaintDesk } from '../../shared/api/slaBoardApi';
import { ApiError } from '../api/http';
import { useServerClockStore } from '../composables/useServerClock';
import { type MetricsAnswer, fetchMetrics } from '../explore/exploreApi';
import { refreshOnFirings } from '../live/firingRefresh';
import { type BoardFilter, DEFAULT_FILTER, boardParams, filterScope } from '../sla/boardFilter';
import { type Sections, emptySections, loadMore, loadSections, serverInstantIn } from '../sla/boardSections';
import { createCalendarCache } from '../sla/calendarCache';
import { type BoardScope, fetchComplaintDesk } from '../sla/slaBoardApi';

/** Rows a section shows at first and adds per "more". */
export const DESK_PAGE = 50;

/** Everything but the open tab decides what the server is asked. */
const askedOf = (filter: BoardFilter) => JSON.stringify({ ...filter, tab: null });

/**
 * The manager's breach desk: each section's first rows and true total from the server under the chosen
 * filter, the scope's catalog figures for the header, and its open complaints; refetched on each SLA
 * firing the live feed reports and once a minute, with the calendars the countdowns tick on.
 */
export const useSlaBoardStore = defineStore('slaBoard', () => {
  const sections = shallowRef<Sections>(emptySections());
  const figures = shallowRef<MetricsAnswer | null>(null);
  const complaints = shallowRef<ComplaintDesk | null>(null);
  const filter = ref<BoardFilter>({ ...DEFAULT_FILTER });
  const failure = ref<'forbidden' | 'failed' | null>(null);
  const loaded = ref(false);
  const loadingMore = ref<BoardSection | null>(null);
  const calendars = createCalendarCache();
  let base: BoardScope = { kind: 'network' };
  let fetching = 0;
  let stopRefreshing: (() => void) | undefined;

  /** The same calendar reading as the ticket page's, so a 5x9 clock rests outside working hours on both. */
  function loadCalendarsOf(items: readonly BoardItem[]): void {
    for (const item of items) void calendars.load(item.calendar, item.timeZone);
  }

  /** Resolves false when the read failed, for the caller to try again soon. */
  async function refresh(): Promise<boolean> {
    const current = ++fetching;
    const scope = filterScope(filter.value, base);
    try {
      const [next, scopeFigures, open] = await Promise.all([
        loadSections(boardParams(filter.value, base), sections.value, DESK_PAGE),
        fetchMetrics(scope, 'today'),
        fetchComplaintDesk(scope),
      ]);
      if (current !== fetching) return true;
      useServerClockStore().observe(serverInstantIn(next));
      sections.value = next;
      figures.value = scopeFigures;
      complaints.value = open;
      failure.value = null;
      for (const section of Object.values(next)) loadCalendarsOf(section.items);
      return true;
    } catch (error) {
      if (current === fetching) failure.value = error instanceof ApiError && error.status === 403 ? 'forbidden' : 'failed';
      // A refusal stands until the grants change; only a failed read is worth another try soon.
      return current !== fetching || failure.value === 'forbidden';
    } finally {
      if (current === fetching) loaded.value = true;
    }
  }

  async function more(section: BoardSection): Promise<void> {
    if (loadingMore.value !== null) return;
    loadingMore.value = section;
    const asked = fetching;
    try {
      const next = await loadMore(boardParams(filter.value, base), section, sections.value[section], DESK_PAGE);
      // A refresh or a new filter since asking has replaced what this page would extend.
      if (asked === fetching) sections.value = { ...sections.value, [section]: next };
      loadCalendarsOf(next.items);
    } catch {
      failure.value = 'failed';
    } finally {
      loadingMore.value = null;
    }
  }

  function start(boardBase: BoardScope, initial: BoardFilter): void {
    stop();
    base = boardBase;
    filter.value = initial;
    sections.value = emptySections();
    loaded.value = false;
    stopRefreshing = refreshOnFirings(refresh);
  }

  function stop(): void {
    stopRefreshing?.();
    stopRefreshing = undefined;
  }

  /** A new filter starts each section again from its first page; another tab only shows another section. */
  function setFilter(next: BoardFilter): void {
    const changed = askedOf(next) !== askedOf(filter.value);
    filter.value = next;
    if (!changed || stopRefreshing === undefined) return;
    sections.value = emptySections();
    loaded.value = false;
    void refresh();
  }

  return { sections, figures, complaints, filter, failure, loaded, loadingMore, calendarFor: calendars.calendarFor, calendarsVersion: calendars.version, start, stop, setFilter, more, refresh };
});
