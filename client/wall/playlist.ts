import { type Ref, computed, onBeforeUnmount, ref, watch } from 'vue';
import type { PlaylistStop } from '../../shared/wall/wallQuery';

/**
 * Rotates through a playlist, each stop for its own interval, forever. A one-stop playlist stays put.
 * Timers restart whenever the playlist itself changes (a new address or profile).
 */
export function usePlaylist(stops: Readonly<Ref<readonly PlaylistStop[]>>) {
  const index = ref(0);
  /** When the next stop comes up, on the browser's clock, so the screen can count down to it; null for one stop. */
  const switchesAt = ref<number | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;

  function schedule(): void {
    clearTimeout(timer);
    const list = stops.value;
    switchesAt.value = null;
    if (list.length < 2) return;
    const stayMs = list[index.value]!.seconds * 1000;
    switchesAt.value = Date.now() + stayMs;
    timer = setTimeout(() => {
      index.value = nextStopIndex(index.value, list.length);
      schedule();
    }, stayMs);
  }

  watch(
    () => JSON.stringify(stops.value),
    () => {
      index.value = 0;
      schedule();
    },
    { immediate: true },
  );
  onBeforeUnmount(() => clearTimeout(timer));

  const current = computed(() => stops.value[index.value] ?? stops.value[0]!);
  const next = computed(() => (stops.value.length < 2 ? null : stops.value[nextStopIndex(index.value, stops.value.length)]!));
  return { index, current, next, switchesAt };
}

/** Whole seconds left until `switchesAt`, never below 1 while the stop is still showing. */
export function secondsLeft(switchesAt: number, now: number): number {
  return Math.max(1, Math.ceil((switchesAt - now) / 1000));
}

export function nextStopIndex(index: number, length: number): number {
  return (index + 1) % length;
}
