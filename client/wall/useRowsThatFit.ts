import { type Ref, nextTick, onBeforeUnmount, onMounted, ref, watch } from 'vue';

/**
 * How many of a table's rows fit whole in its box, at any screen size. Rows past them collapse, which
 * keeps the columns as wide as all rows made them, so hiding a row never re-wraps those shown. Measured
 * again when the box resizes and whenever `rows` changes.
 */
export function useRowsThatFit(box: Ref<HTMLElement | null>, rows: () => unknown): Ref<number> {
  const fit = ref(0);
  let observer: ResizeObserver | undefined;

  const observed = new Set<Element>();

  /** The table too: its rows change height when fonts arrive or columns re-wrap, with the box unchanged. */
  function observe(element: Element | null): void {
    if (!element || !observer || observed.has(element)) return;
    observed.add(element);
    observer.observe(element);
  }

  function measure(): void {
    const element = box.value;
    if (!element) return;
    observe(element.querySelector('table'));
    const rowElements = [...element.querySelectorAll<HTMLElement>('tbody tr')];
    for (const row of rowElements) row.style.visibility = '';
    const bottom = element.getBoundingClientRect().bottom;
    let count = 0;
    while (count < rowElements.length && rowElements[count]!.getBoundingClientRect().bottom <= bottom + 0.5) count++;
    rowElements.forEach((row, index) => (row.style.visibility = index < count ? '' : 'collapse'));
    fit.value = count;
  }

  onMounted(() => {
    observer = new ResizeObserver(() => measure());
    observe(box.value);
    measure();
    void document.fonts?.ready.then(measure);
  });
  onBeforeUnmount(() => observer?.disconnect());
  watch(rows, () => void nextTick(measure), { flush: 'post' });
  return fit;
}
