import type { ECElementEvent, EChartsCoreOption, EChartsType } from 'echarts/core';
import { init } from 'echarts/core';
import { type Ref, markRaw, onBeforeUnmount, onMounted, shallowRef, watch } from 'vue';
import { readChartThemeOption } from './chartTheme';
import { useColorTheme } from './colorTheme';

export interface EChartBinding {
  /** Raw, never proxied: Vue proxies around ECharts' internals cost time on each update and break its identity checks. */
  chart: Readonly<Ref<EChartsType | null>>;
}

/**
 * Owns one ECharts instance on `container`: built at mount in the page's colour theme, merged into with
 * each new option (series matched by id, so an update moves what changed instead of redrawing), resized
 * with its container, re-themed when the colour theme or its text size changes, and disposed on unmount. Callers register
 * the chart types and components they use with `use` from echarts/core, so each bundle holds only those.
 */
export function useEChart(
  container: Readonly<Ref<HTMLElement | null>>,
  option: () => EChartsCoreOption | null,
  onSelect?: (event: ECElementEvent) => void,
): EChartBinding {
  const chart = shallowRef<EChartsType | null>(null);
  const { theme } = useColorTheme();
  let resizeObserver: ResizeObserver | undefined;

  /**
   * `data-chart-settled` on the container is "false" from a change until ECharts has drawn it and its
   * animation has run out: what a screenshot of a settled chart, a person's or a test's, waits for.
   */
  function unsettled(): void {
    if (container.value) container.value.dataset.chartSettled = 'false';
  }

  function update(next: EChartsCoreOption | null): void {
    if (next === null || !chart.value) return;
    unsettled();
    chart.value.setOption(next, { lazyUpdate: true });
  }

  /**
   * ECharts rebuilds a re-themed chart from the first option it was given, not what was merged since (names in
   * the language first shown, the first figures): the current option goes back in, its series by id only.
   */
  function retheme(element: HTMLElement): void {
    const instance = chart.value;
    if (!instance) return;
    unsettled();
    instance.setTheme(readChartThemeOption(element));
    const current = option();
    if (current) instance.setOption(current, { replaceMerge: ['series'] });
  }

  onMounted(() => {
    const element = container.value;
    if (!element) return;
    const instance = markRaw(init(element, readChartThemeOption(element), { renderer: 'canvas' }));
    chart.value = instance;
    if (onSelect) instance.on('click', onSelect);
    instance.on('finished', () => {
      element.dataset.chartSettled = 'true';
    });
    update(option());
    // Text sized from the viewport (vw) changes with it: the theme is read again, or a chart opened at 4K keeps its 4K text at 1366.
    // Resized first: a treemap re-themed at its old size, then resized, was left half drawn (white blocks, names over each other).
    let textSize = getComputedStyle(element).fontSize;
    resizeObserver = new ResizeObserver(() => {
      unsettled();
      instance.resize();
      const size = getComputedStyle(element).fontSize;
      if (size !== textSize) {
        textSize = size;
        retheme(element);
      }
    });
    resizeObserver.observe(element);
  });

  watch(option, update);
  watch(theme, () => {
    if (container.value) retheme(container.value);
  }, { flush: 'post' });

  onBeforeUnmount(() => {
    resizeObserver?.disconnect();
    chart.value?.dispose();
    chart.value = null;
  });

  return { chart };
}
