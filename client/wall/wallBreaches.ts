import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { BoardOrder, BoardSection } from '../../shared/api/slaBoardApi';
import { scopeText } from '../../shared/metrics/metricQuery';
import { ApiError } from '../api/http';
import { useServerClockStore } from '../composables/useServerClock';
import { refreshOnFirings } from '../live/firingRefresh';
import { type Sections, emptySections, loadSections, serverInstantIn } from '../sla/boardSections';
import type { BoardScope } from '../sla/slaBoardApi';

/** How far ahead the wall looks for what is coming due. */
export const WALL_HORIZON = '2h';
/**
 * Breaches the critical ones first (the banner's alerts), then the most overdue; what is coming due and
 * follow-ups the soonest first: none of those has alerted yet, and the next to breach is the one to save.
 */
const WALL_ORDER: Record<BoardSection, BoardOrder> = { due: 'time', breached: 'urgency', followup: 'time' };
/** More rows than the tallest panel holds; each panel shows those that fit and counts the rest from the total. */
const WALL_ROWS = 40;

/**
 * The breach board of a wall: the desk's sections (coming due, breached on open work, follow-up) for its
 * scope, each with its true total, refetched on each SLA firing. Countdowns tick in the browser from each
 * clock's dueAt, on the server's time as read off the clocks.
 */
export const useWallBreachesStore = defineStore('wallBreaches', () => {
  const sections = shallowRef<Sections>(emptySections());
  const loaded = ref(false);
  const failure = ref<'forbidden' | 'failed' | null>(null);
  let scope: BoardScope = { kind: 'network' };
  let fetching = 0;
  let stopRefreshing: (() => void) | undefined;

  /** Resolves false when the read failed, for the caller to try again soon. */
  async function refresh(): Promise<boolean> {
    const current = ++fetching;
    try {
      const next = await loadSections((section) => ({ scope: scopeText(scope), within: WALL_HORIZON, order: WALL_ORDER[section] }), emptySections(), WALL_ROWS);
      if (current !== fetching) return true;
      useServerClockStore().observe(serverInstantIn(next));
      sections.value = next;
      failure.value = null;
      return true;
    } catch (error) {
      if (current === fetching) failure.value = error instanceof ApiError && error.status === 403 ? 'forbidden' : 'failed';
      // A refusal stands until the grants change; only a failed read is worth another try soon.
      return current !== fetching || failure.value === 'forbidden';
    } finally {
      if (current === fetching) loaded.value = true;
    }
  }

  function start(boardScope: BoardScope): void {
    stop();
    scope = boardScope;
    stopRefreshing = refreshOnFirings(refresh);
  }

  function stop(): void {
    stopRefreshing?.();
    stopRefreshing = undefined;
  }

  return { sections, loaded, failure, start, stop };
});
