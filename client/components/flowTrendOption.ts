import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { FlowBucket } from '../../shared/live/socketContract';

export type FlowTrendOption = ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/** Canvas cannot read CSS, so the theme's colours and font are copied over once, at mount. */
export interface ChartTheme {
  created: string;
  resolved: string;
  text: string;
  muted: string;
  gridLine: string;
  tooltipBackground: string;
  fontFamily: string;
  /** Pixels, resolved from the element's CSS so canvas text scales with the screen like the rest. */
  fontSize: number;
}

export interface FlowTrendLabels {
  created: string;
  resolved: string;
  formatHour: (epochMs: number) => string;
  formatCount: (value: number) => string;
}

/** Every third hour is labelled, counted back from the newest so the current hour always is. */
const HOUR_LABEL_EVERY = 3;

export function readChartTheme(element: HTMLElement): ChartTheme {
  const style = getComputedStyle(element);
  const cssVar = (name: string) => style.getPropertyValue(name).trim();
  return {
    created: cssVar('--created'),
    resolved: cssVar('--resolved'),
    text: cssVar('--text'),
    muted: cssVar('--text-muted'),
    gridLine: cssVar('--grid-line'),
    tooltipBackground: cssVar('--surface-raised'),
    fontFamily: style.fontFamily,
    fontSize: parseFloat(style.fontSize),
  };
}

function flowSeries(id: 'created' | 'resolved', color: string): BarSeriesOption {
  return { id, type: 'bar', color, barCategoryGap: '30%', barGap: '15%', itemStyle: { borderRadius: [4, 4, 0, 0] } };
}

/** Everything that does not change with data or language; set once, then merged into. */
export function baseFlowTrendOption(theme: ChartTheme): FlowTrendOption {
  const { fontSize } = theme;
  const axisLabel = { color: theme.muted, fontSize };
  return {
    backgroundColor: 'transparent',
    textStyle: { fontFamily: theme.fontFamily, color: theme.text },
    // Updates come every push interval: a tween on each would keep the canvas repainting most of the time.
    animationDurationUpdate: 0,
    grid: { left: fontSize, right: fontSize, top: fontSize * 3, bottom: fontSize / 2, containLabel: true },
    legend: {
      top: 0,
      right: 0,
      icon: 'roundRect',
      itemWidth: fontSize * 1.5,
      itemHeight: fontSize * 0.45,
      itemGap: fontSize * 1.8,
      textStyle: { color: theme.text, fontSize: fontSize * 1.1 },
    },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      backgroundColor: theme.tooltipBackground,
      borderColor: theme.gridLine,
      textStyle: { color: theme.text, fontSize },
    },
    xAxis: {
      type: 'category',
      axisLine: { lineStyle: { color: theme.gridLine } },
      axisTick: { show: false },
      axisLabel: { ...axisLabel, margin: fontSize * 0.75 },
    },
    yAxis: {
      type: 'value',
      minInterval: 1,
      splitNumber: 4,
      splitLine: { lineStyle: { color: theme.gridLine } },
      axisLabel,
    },
    series: [flowSeries('created', theme.created), flowSeries('resolved', theme.resolved)],
  };
}

/** Only what moves: hours, counts, and the words of the current language. Series are matched by id. */
export function flowTrendUpdate(buckets: FlowBucket[], labels: FlowTrendLabels): FlowTrendOption {
  return {
    tooltip: { valueFormatter: (value) => (typeof value === 'number' ? labels.formatCount(value) : String(value ?? '')) },
    xAxis: {
      data: buckets.map((bucket) => labels.formatHour(bucket.hourStart)),
      axisLabel: { interval: (index: number) => (buckets.length - 1 - index) % HOUR_LABEL_EVERY === 0 },
    },
    yAxis: { axisLabel: { formatter: (value: number) => labels.formatCount(value) } },
    series: [
      { id: 'created', name: labels.created, data: buckets.map((bucket) => bucket.created) },
      { id: 'resolved', name: labels.resolved, data: buckets.map((bucket) => bucket.resolved) },
    ],
  };
}
