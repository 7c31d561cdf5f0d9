import { type Ref, onBeforeUnmount, onMounted, readonly, ref } from 'vue';

const SECOND_MS = 1000;
/** Sampling faster than once a second keeps the shown second at most a quarter second late. */
const SAMPLE_MS = 250;

/** The current time to the whole second; changes, and so re-renders, once a second. */
export function useNow(): Readonly<Ref<number>> {
  const now = ref(wholeSecond());
  let timer: ReturnType<typeof setInterval> | undefined;
  onMounted(() => {
    timer = setInterval(() => (now.value = wholeSecond()), SAMPLE_MS);
  });
  onBeforeUnmount(() => clearInterval(timer));
  return readonly(now);
}

function wholeSecond(): number {
  return Math.floor(Date.now() / SECOND_MS) * SECOND_MS;
}
