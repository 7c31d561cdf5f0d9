import { type Ref, type WatchSource, onBeforeUnmount, onMounted, readonly, ref, watch } from 'vue';

const SECOND_MS = 1000;
/** Sampling faster than once a second keeps the shown second at most a quarter second late. */
const SAMPLE_MS = 250;

/** The current time to the whole second; changes, and so re-renders, once a second. */
export function useNow(): Readonly<Ref<number>> {
  return useWholeSecondsOf(Date.now);
}

/**
 * `read()` to the whole second, sampled four times a real second: a clock that runs faster than the browser's
 * (a sped-up demo's) is shown at most a quarter real second late, never held back to the browser's last second.
 * `resampleOn` changing samples at once: a clock set from an answer must not show the browser's time for the
 * rest of the quarter second, when the page's first countdowns and fetches read it.
 */
export function useWholeSecondsOf(read: () => number, resampleOn?: WatchSource): Readonly<Ref<number>> {
  const wholeSecond = () => Math.floor(read() / SECOND_MS) * SECOND_MS;
  const now = ref(wholeSecond());
  if (resampleOn) watch(resampleOn, () => (now.value = wholeSecond()), { flush: 'sync' });
  let timer: ReturnType<typeof setInterval> | undefined;
  onMounted(() => {
    timer = setInterval(() => (now.value = wholeSecond()), SAMPLE_MS);
  });
  onBeforeUnmount(() => clearInterval(timer));
  return readonly(now);
}
