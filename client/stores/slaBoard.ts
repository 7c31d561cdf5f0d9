import { defineStore } from 'pinia';
import { ref, shallowRef, watch } from 'vue';
import type { AtRiskItem } from '../../shared/api/slaApi';
import { TWENTY_FOUR_SEVEN } from '../../shared/calendar/builtinCalendars';
import { type BusinessCalendar, businessCalendarSchema } from '../../shared/calendar/calendarSchema';
import { ApiError } from '../api/http';
import { type MetricsAnswer, fetchMetrics } from '../explore/exploreApi';
import { serverInstantOf } from '../sla/liveClock';
import { type BoardScope, fetchBreachBoard, fetchCalendar, fetchCustomers } from '../sla/slaBoardApi';
import { useExploreStore } from './explore';
import { useLiveDashboardStore } from './liveDashboard';

/** Horizons the board looks ahead: clocks due within it are listed beside those already breached. */
export const BOARD_HORIZONS = ['1h', '2h', '4h', '8h', '24h'] as const;
export type BoardHorizon = (typeof BOARD_HORIZONS)[number];

/** A firing batch refetches the board at most this often: a burst of breaches is one refetch, not fifty. */
const REFETCH_THROTTLE_MS = 1_000;
/** Clocks move into the horizon without firing anything; a periodic refetch brings them in. */
const REFRESH_MS = 60_000;

const COMPLAINT_HORIZON = '3d';

const calendarKey = (calendarId: string, timeZone: string) => `${calendarId} ${timeZone}`;

/**
 * The manager's breach board: running clocks breached or due within the horizon, refetched whenever the
 * live feed reports an SLA firing, with the calendars needed to tick their countdowns in the browser, the
 * customers' tiers to filter by, and the scope's figures for the tiles and complaint levels.
 */
export const useSlaBoardStore = defineStore('slaBoard', () => {
  const live = useLiveDashboardStore();
  const explore = useExploreStore();
  const items = shallowRef<AtRiskItem[]>([]);
  /** Running complaint_resolution clocks, one per open complaint: due within 3 days covers their 48 h target. */
  const complaintClocks = shallowRef<AtRiskItem[]>([]);
  const figures = shallowRef<MetricsAnswer | null>(null);
  const horizon = ref<BoardHorizon>('4h');
  const failure = ref<'forbidden' | 'failed' | null>(null);
  const loaded = ref(false);
  /** Server time minus browser time at the last fetch, read off the clocks themselves. */
  const serverOffsetMs = ref(0);
  /** Bumped when a calendar arrives, so rows recompute with it. */
  const calendarsVersion = ref(0);
  const tiers = shallowRef(new Map<string, string>());
  const calendars = new Map<string, BusinessCalendar>();
  const requested = new Set<string>();
  let scope: BoardScope = { kind: 'network' };
  let refreshTimer: ReturnType<typeof setInterval> | undefined;
  let throttleTimer: ReturnType<typeof setTimeout> | undefined;
  let stopWatching: (() => void) | undefined;
  let fetching = 0;

  function calendarFor(calendarId: string, timeZone: string): BusinessCalendar {
    return calendars.get(calendarKey(calendarId, timeZone)) ?? TWENTY_FOUR_SEVEN;
  }

  /** The built-in 5x9 is read on each center's own wall clock, so a calendar is kept per zone, as the server does. */
  async function loadCalendar(calendarId: string, timeZone: string): Promise<void> {
    const key = calendarKey(calendarId, timeZone);
    if (requested.has(key) || calendarId === TWENTY_FOUR_SEVEN.id) return;
    requested.add(key);
    try {
      const { id, name, weekly, holidays, workdays } = await fetchCalendar(calendarId);
      calendars.set(key, businessCalendarSchema.parse({ id, name, weekly, holidays, workdays, timeZone }));
      calendarsVersion.value++;
    } catch {
      // Counted round the clock until it can be read: the countdown to dueAt is exact either way; only the share used is approximate.
      requested.delete(key);
    }
  }

  async function refresh(): Promise<void> {
    const current = ++fetching;
    try {
      const [board, scopeFigures, complaintBoard] = await Promise.all([
        fetchBreachBoard(scope, horizon.value),
        fetchMetrics(scope, 'today'),
        fetchBreachBoard(scope, COMPLAINT_HORIZON),
      ]);
      if (current !== fetching) return;
      const active = board.find((item) => item.state === 'active');
      serverOffsetMs.value = active ? serverInstantOf(active) - Date.now() : 0;
      items.value = board;
      figures.value = scopeFigures;
      complaintClocks.value = complaintBoard.filter((item) => item.metric === 'complaint_resolution');
      failure.value = null;
      for (const item of board) void loadCalendar(item.calendar, item.timeZone);
    } catch (error) {
      if (current === fetching) failure.value = error instanceof ApiError && error.status === 403 ? 'forbidden' : 'failed';
    } finally {
      if (current === fetching) loaded.value = true;
    }
  }

  function refreshSoon(): void {
    if (throttleTimer !== undefined) return;
    throttleTimer = setTimeout(() => {
      throttleTimer = undefined;
      void refresh();
    }, REFETCH_THROTTLE_MS);
  }

  async function loadTiers(): Promise<void> {
    try {
      tiers.value = new Map((await fetchCustomers()).map((customer) => [customer.id, customer.tier]));
    } catch {
      // Without tiers the tier filter matches nothing; the rest of the board still works.
    }
  }

  function start(boardScope: BoardScope, seesNetwork: boolean): void {
    stop();
    scope = boardScope;
    void explore.loadOrg(seesNetwork);
    void loadTiers();
    void refresh();
    refreshTimer = setInterval(() => void refresh(), REFRESH_MS);
    stopWatching = watch(() => live.slaFirings, refreshSoon);
  }

  function stop(): void {
    clearInterval(refreshTimer);
    clearTimeout(throttleTimer);
    throttleTimer = undefined;
    stopWatching?.();
    stopWatching = undefined;
  }

  function setHorizon(next: BoardHorizon): void {
    horizon.value = next;
    void refresh();
  }

  return { items, complaintClocks, figures, horizon, failure, loaded, serverOffsetMs, calendarsVersion, tiers, calendarFor, start, stop, setHorizon, refresh };
});
