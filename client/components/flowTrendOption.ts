import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { FlowBucket } from '../../shared/live/socketContract';
import type { ChartThemeOption } from '../charts/chartTheme';

export type FlowTrendOption = ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

export interface FlowTrendLabels {
  created: string;
  resolved: string;
  formatHour: (epochMs: number) => string;
  formatCount: (value: number) => string;
}

/** Every third hour is labelled, counted back from the newest so the current hour always is. */
const HOUR_LABEL_EVERY = 3;

function flowSeries(id: 'created' | 'resolved', theme: ChartThemeOption, name: string, data: number[]): BarSeriesOption {
  return { id, type: 'bar', name, data, color: theme.named[id], barCategoryGap: '30%', barGap: '15%', itemStyle: { borderRadius: [4, 4, 0, 0] } };
}

/**
 * The whole chart: its words in the current language, and its layout sized in pixels from the text size of the
 * theme read last, so a re-theme (the viewport's text size changed) lays it out again in the new size. Colours
 * and the rest of the text come from the theme itself.
 */
export function flowTrendOption(theme: ChartThemeOption, buckets: FlowBucket[], labels: FlowTrendLabels): FlowTrendOption {
  const { fontSize } = theme.textStyle;
  return {
    // Updates come every push interval: a tween on each would keep the canvas repainting most of the time.
    animationDurationUpdate: 0,
    grid: { left: fontSize, right: fontSize, top: fontSize * 3, bottom: fontSize / 2, containLabel: true },
    legend: { top: 0, right: 0, icon: 'roundRect', itemWidth: fontSize * 1.5, itemHeight: fontSize * 0.45, itemGap: fontSize * 1.8, textStyle: { fontSize: fontSize * 1.1 } },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (value) => (typeof value === 'number' ? labels.formatCount(value) : String(value ?? '')),
    },
    xAxis: {
      type: 'category',
      axisTick: { show: false },
      data: buckets.map((bucket) => labels.formatHour(bucket.hourStart)),
      axisLabel: { margin: fontSize * 0.75, interval: (index: number) => (buckets.length - 1 - index) % HOUR_LABEL_EVERY === 0 },
    },
    yAxis: { type: 'value', minInterval: 1, splitNumber: 4, axisLabel: { formatter: (value: number) => labels.formatCount(value) } },
    series: [
      flowSeries('created', theme, labels.created, buckets.map((bucket) => bucket.created)),
      flowSeries('resolved', theme, labels.resolved, buckets.map((bucket) => bucket.resolved)),
    ],
  };
}
