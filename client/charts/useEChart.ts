import type { ECElementEvent, EChartsCoreOption, EChartsType } from 'echarts/core';
import { init } from 'echarts/core';
import { type Ref, markRaw, onBeforeUnmount, onMounted, shallowRef, watch } from 'vue';
import { type ChartThemeOption, readChartThemeOption } from './chartTheme';
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
 * `option` is given the theme last read: an option that sizes its layout from the text size (px) follows a re-theme.
 */
export function useEChart(
  container: Readonly<Ref<HTMLElement | null>>,
  option: (theme: ChartThemeOption) => EChartsCoreOption | null,
  onSelect?: (event: ECElementEvent) => void,
): EChartBinding {
  const chart = shallowRef<EChartsType | null>(null);
  const { theme } = useColorTheme();
  /** Read at mount and at each re-theme; until mount there is nothing to draw on. */
  const chartTheme = shallowRef<ChartThemeOption | null>(null);
  /** The theme the instance draws in now; a new reading is given to it before the option built from it. */
  let drawnTheme: ChartThemeOption | null = null;
  const current = () => (chartTheme.value ? { theme: chartTheme.value, option: option(chartTheme.value) } : null);
  let resizeObserver: ResizeObserver | undefined;

  /**
   * `data-chart-settled` on the container is "false" from a change until ECharts has drawn it and its
   * animation has run out: what a screenshot of a settled chart, a person's or a test's, waits for.
   */
  function unsettled(): void {
    if (container.value) container.value.dataset.chartSettled = 'false';
  }

  /**
   * One draw per change, whatever changed: a re-theme moves `chartTheme`, and with it the option, so it comes
   * here as any other change does (a second path of its own drew the chart twice). ECharts rebuilds a re-themed
   * chart from the first option it was given, not what was merged since (names in the language first shown, the
   * first figures): after setTheme the current option goes back in, its series by id only.
   */
  function draw(next: { theme: ChartThemeOption; option: EChartsCoreOption | null } | null): void {
    const instance = chart.value;
    if (!next?.option || !instance) return;
    unsettled();
    if (next.theme === drawnTheme) return void instance.setOption(next.option, { lazyUpdate: true });
    drawnTheme = next.theme;
    instance.setTheme(next.theme);
    instance.setOption(next.option, { replaceMerge: ['series'] });
  }

  function retheme(element: HTMLElement): void {
    if (chart.value) chartTheme.value = readChartThemeOption(element);
  }

  onMounted(() => {
    const element = container.value;
    if (!element) return;
    chartTheme.value = drawnTheme = readChartThemeOption(element);
    const instance = markRaw(init(element, drawnTheme, { renderer: 'canvas' }));
    chart.value = instance;
    if (onSelect) instance.on('click', onSelect);
    instance.on('finished', () => {
      element.dataset.chartSettled = 'true';
    });
    // The watch on `current` draws the first option, now that there is a theme to give it.
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

  watch(current, draw);
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
