import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { AtRiskItem } from '../../shared/api/slaApi';
import { ApiError } from '../api/http';
import { refreshOnFirings } from '../live/firingRefresh';
import { serverInstantOf } from '../sla/liveClock';
import { type BoardScope, fetchBreachBoard } from '../sla/slaBoardApi';

/** How far ahead the wall looks: clocks due within it are listed after those already breached. */
const HORIZON = '2h';

/**
 * The breach board of a wall: running clocks breached or due within two hours, refetched on each SLA
 * firing. Countdowns tick in the browser from each clock's dueAt, on the server's time as read off the clocks.
 */
export const useWallBreachesStore = defineStore('wallBreaches', () => {
  const items = shallowRef<AtRiskItem[]>([]);
  const loaded = ref(false);
  const failure = ref<'forbidden' | 'failed' | null>(null);
  /** Server time minus browser time at the last fetch: the demo server may run a sped-up clock. */
  const serverOffsetMs = ref(0);
  let scope: BoardScope = { kind: 'network' };
  let fetching = 0;
  let stopRefreshing: (() => void) | undefined;

  async function refresh(): Promise<void> {
    const current = ++fetching;
    try {
      const board = await fetchBreachBoard(scope, HORIZON);
      if (current !== fetching) return;
      const active = board.find((item) => item.state === 'active');
      serverOffsetMs.value = active ? serverInstantOf(active) - Date.now() : 0;
      items.value = board;
      failure.value = null;
    } catch (error) {
      if (current === fetching) failure.value = error instanceof ApiError && error.status === 403 ? 'forbidden' : 'failed';
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

  return { items, loaded, failure, serverOffsetMs, start, stop };
});
