import { type Ref, computed, onBeforeUnmount, ref, watch } from 'vue';
import type { PlaylistStop } from '../../shared/wall/wallQuery';

/**
 * Rotates through a playlist, each stop for its own interval, forever. A one-stop playlist stays put.
 * Timers restart whenever the playlist itself changes (a new address or profile).
 */
export function usePlaylist(stops: Readonly<Ref<readonly PlaylistStop[]>>) {
  const index = ref(0);
  let timer: ReturnType<typeof setTimeout> | undefined;

  function schedule(): void {
    clearTimeout(timer);
    const list = stops.value;
    if (list.length < 2) return;
    timer = setTimeout(() => {
      index.value = nextStopIndex(index.value, list.length);
      schedule();
    }, list[index.value]!.seconds * 1000);
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
  return { index, current, next };
}

export function nextStopIndex(index: number, length: number): number {
  return (index + 1) % length;
}
